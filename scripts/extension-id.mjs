// The id Chromium gives an unpacked extension: its absolute path (links resolved), hashed with SHA-256, the first
// 32 hex digits written with the letters a to p (components/crx_file/id_util). One definition for the installer
// run from a clone (scripts/companion.mjs) and the browser tests; types in extension-id.d.mts.
import { createHash } from 'node:crypto'
import { realpathSync } from 'node:fs'

export function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32)
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('')
}
