// Writes a store-ready zip of a folder: node zip.mjs <folder> <out.zip>. Deflate, sorted entries, fixed dates,
// so the same build gives the same bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'

const [folder, out] = process.argv.slice(2)
if (!folder || !out) {
  console.error('usage: node zip.mjs <folder> <out.zip>')
  process.exit(2)
}

function list(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? list(path) : [path]
    })
}

const DOS_TIME = 0
const DOS_DATE = (1 << 5) | 1 // 1980-01-01
const locals = []
const centrals = []
let offset = 0
for (const path of list(folder)) {
  const name = Buffer.from(relative(folder, path).split(sep).join('/'))
  const data = readFileSync(path)
  const packed = deflateRawSync(data, { level: 9 })
  const crc = crc32(data)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(0x0800, 6) // UTF-8 names
  local.writeUInt16LE(8, 8)
  local.writeUInt16LE(DOS_TIME, 10)
  local.writeUInt16LE(DOS_DATE, 12)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(packed.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(0x0800, 8)
  central.writeUInt16LE(8, 10)
  central.writeUInt16LE(DOS_TIME, 12)
  central.writeUInt16LE(DOS_DATE, 14)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(packed.length, 20)
  central.writeUInt32LE(data.length, 24)
  central.writeUInt16LE(name.length, 28)
  central.writeUInt32LE(offset, 42)
  locals.push(local, name, packed)
  centrals.push(central, name)
  offset += local.length + name.length + packed.length
}
const directory = Buffer.concat(centrals)
const end = Buffer.alloc(22)
end.writeUInt32LE(0x06054b50, 0)
end.writeUInt16LE(centrals.length / 2, 8)
end.writeUInt16LE(centrals.length / 2, 10)
end.writeUInt32LE(directory.length, 12)
end.writeUInt32LE(offset, 16)
writeFileSync(out, Buffer.concat([...locals, directory, end]))
