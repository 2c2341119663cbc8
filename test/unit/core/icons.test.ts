import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import { GRADES } from '../../../src/core/types.ts'

const setIcon = vi.fn(async (_details: unknown) => {})
vi.mock('../../../src/platform/index.ts', () => ({ browser: { action: { setIcon: (d: unknown) => setIcon(d) } } }))
const { iconFor, iconPaths, showIcon } = await import('../../../src/background/icon.ts')
// @ts-expect-error: plain JavaScript build scripts, no types
const { ICONS, renderIcon } = (await import('../../../scripts/make-icons.mjs')) as {
  ICONS: { source: string; name: string; sizes: number[] }[]
  renderIcon(source: string, size: number): Uint8Array
}
// @ts-expect-error: plain JavaScript build scripts, no types
const { zipFolder } = (await import('../../../scripts/build.mjs')) as { zipFolder(folder: string): Uint8Array }

const root = resolve(import.meta.dirname, '../../..')

describe('toolbar icon per tab', () => {
  it('shows a check mark only for A grades, the plain shield for B and C, a warning from D down', () => {
    expect(GRADES.map((g) => `${g}:${iconFor(g)}`)).toEqual([
      'A+:good',
      'A:good',
      'A-:good',
      'B:icon',
      'C:icon',
      'D:bad',
      'E:bad',
      'F:bad',
    ])
  })
  it('shows the plain shield while a page is checked again, or where there is no grade', () => {
    expect(iconFor('F', { previous: true })).toBe('icon')
    expect(iconFor('A+', { previous: true })).toBe('icon')
    expect(iconFor(null)).toBe('icon')
  })
  it('points at icons the build ships', () => {
    for (const name of ['icon', 'good', 'bad'] as const) {
      for (const path of Object.values(iconPaths(name))) expect(existsSync(join(root, 'public', path)), path).toBe(true)
    }
  })
  it('sets the icon of that tab only', async () => {
    await showIcon(7, { grade: 'D' })
    expect(setIcon).toHaveBeenLastCalledWith({ tabId: 7, path: { 16: 'icons/bad-16.png', 32: 'icons/bad-32.png' } })
  })
  it('never throws when the tab is gone', async () => {
    setIcon.mockRejectedValueOnce(new Error('No tab with id: 7'))
    await expect(showIcon(7, { grade: 'A' })).resolves.toBeUndefined()
  })
})

describe('icons rendered from their SVG sources', () => {
  it('are the committed PNGs, byte for byte', () => {
    for (const { source, name, sizes } of ICONS) {
      for (const size of sizes) {
        const png = renderIcon(source, size)
        expect(Buffer.from(png).readUInt32BE(16), `${name}-${size} width`).toBe(size)
        expect(
          Buffer.compare(Buffer.from(png), readFileSync(join(root, 'public/icons', `${name}-${size}.png`))),
          `${name}-${size}.png is stale: npm run build`,
        ).toBe(0)
      }
    }
  })
})

describe('store zips', () => {
  it('hold every file and are the same bytes for the same files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-zip-'))
    mkdirSync(join(dir, 'icons'))
    writeFileSync(join(dir, 'manifest.json'), '{"name":"x"}')
    writeFileSync(join(dir, 'icons', 'a.png'), Buffer.from([1, 2, 3]))
    const first = zipFolder(dir)
    writeFileSync(join(dir, 'manifest.json'), '{"name":"x"}') // a new mtime, same content
    expect(Buffer.compare(Buffer.from(zipFolder(dir)), Buffer.from(first))).toBe(0)
    const files = unzipSync(first)
    expect(Object.keys(files)).toEqual(['icons/a.png', 'manifest.json'])
    expect(new TextDecoder().decode(files['manifest.json'])).toBe('{"name":"x"}')
  })
})
