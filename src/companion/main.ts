/**
 * The companion's entry point, started by the browser (native messaging, type "stdio"): Chrome passes the calling
 * extension's origin as the first argument, Firefox the manifest path and the extension id. Frames on stdin and
 * stdout, logs on stderr (never stdout: a stray byte there breaks the browser's framing). Exits when the browser
 * closes stdin. Bundled into one .mjs by scripts/companion.mjs so that it starts fast.
 */
import { endianness } from 'node:os'
import { scanHost } from '../scanner/index.ts'
import { runHost } from './host.ts'

const log = (line: string) => process.stderr.write(`vigie-companion: ${line}\n`)

// console.log would corrupt the frames: route every console call to stderr.
console.log = console.info = console.debug = (...args: unknown[]) => log(args.map(String).join(' '))

log(`started for ${process.argv.slice(2).join(' ') || 'no caller named'} (node ${process.version})`)

const code = await runHost({
  input: process.stdin,
  write: (frame) =>
    new Promise<void>((resolve, reject) => {
      process.stdout.write(frame, (error) => (error ? reject(error) : resolve()))
    }),
  scan: (target, { signal }) => scanHost(target, { signal }),
  log,
  endianness: endianness(),
})
log(`stopping (${code === 0 ? 'the browser closed the connection' : 'unreadable input'})`)
process.exit(code)
