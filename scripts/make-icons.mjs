// Draws the toolbar icons (a shield with a check) as PNGs into public/icons. Run by hand when the design
// changes; the PNGs are committed. No image library: a tiny rasteriser and node's zlib.
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])))
  return Buffer.concat([head, data, crc])
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0
    for (let x = 0; x < size; x++) {
      // 4x4 supersampling for smooth edges.
      let r = 0, g = 0, b = 0, a = 0
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
        const [pr, pg, pb, pa] = pixel((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size)
        r += pr * pa; g += pg * pa; b += pb * pa; a += pa
      }
      const o = y * (size * 4 + 1) + 1 + x * 4
      raw[o] = a ? Math.round(r / a) : 0
      raw[o + 1] = a ? Math.round(g / a) : 0
      raw[o + 2] = a ? Math.round(b / a) : 0
      raw[o + 3] = Math.round((a / 16) * 255)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function inShield(x, y) {
  const cx = x - 0.5
  if (y < 0.1 || y > 0.94) return false
  const half = y < 0.55 ? 0.4 : 0.4 * Math.sqrt(Math.max(0, 1 - ((y - 0.55) / 0.39) ** 2))
  return Math.abs(cx) <= half
}

function nearSegment(px, py, ax, ay, bx, by, w) {
  const dx = bx - ax, dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - ax - t * dx, py - ay - t * dy) <= w
}

const navy = [0x1f, 0x3a, 0x5f, 1]
const white = [0xff, 0xff, 0xff, 1]
const clear = [0, 0, 0, 0]
const pixel = (x, y) => {
  if (!inShield(x, y)) return clear
  const check = nearSegment(x, y, 0.3, 0.52, 0.45, 0.68, 0.06) || nearSegment(x, y, 0.45, 0.68, 0.72, 0.36, 0.06)
  return check ? white : navy
}

const dir = resolve(import.meta.dirname, '../public/icons')
mkdirSync(dir, { recursive: true })
for (const size of [16, 32, 48, 128]) writeFileSync(resolve(dir, `icon-${size}.png`), png(size, pixel))
