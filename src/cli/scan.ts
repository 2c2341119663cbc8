/** Entry of `npm run scan` (see main.ts). */
import { main } from './main.ts'

process.exitCode = await main(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
)
