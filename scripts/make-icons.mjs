// Renders the toolbar icons from their SVG sources (assets/icons) into PNGs in public/icons, with resvg.
// `npm run build` runs it first; the same sources always give the same bytes (test/unit/core/icons.test.ts).
import { Resvg } from '@resvg/resvg-js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** Which PNG sizes each source gives: the extension's icon at every size, the per-tab icons at toolbar sizes. */
export const ICONS = [
  { source: 'shield', name: 'icon', sizes: [16, 32, 48, 128] },
  { source: 'good', name: 'good', sizes: [16, 32] },
  { source: 'bad', name: 'bad', sizes: [16, 32] },
]

const root = resolve(import.meta.dirname, '..')

/** One icon at one size, as PNG bytes. */
export function renderIcon(source, size) {
  const svg = readFileSync(resolve(root, 'assets/icons', `${source}.svg`), 'utf8')
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng()
}

export function makeIcons(dir = resolve(root, 'public/icons')) {
  mkdirSync(dir, { recursive: true })
  for (const { source, name, sizes } of ICONS) {
    for (const size of sizes) writeFileSync(resolve(dir, `${name}-${size}.png`), renderIcon(source, size))
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) makeIcons()
