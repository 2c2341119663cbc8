/**
 * The Chrome test build with a store-like id: a copy of dist/test/chrome whose manifest carries a `key` (the public
 * half of an RSA key pair made at test time), so Chromium gives it the id derived from that key, as the Web Store's
 * key gives a store install its id, instead of the unpacked id derived from the folder's path.
 */
import { createHash, generateKeyPairSync } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { unpackedExtensionId } from './harness/chromium.ts'

/** Chromium's id for a public key (components/crx_file/id_util): SHA-256 of the SubjectPublicKeyInfo, 32 hex digits as a-p. */
export function extensionIdOfKey(spki: Buffer): string {
  const hex = createHash('sha256').update(spki).digest('hex').slice(0, 32)
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('')
}

export interface KeyedExtension {
  dir: string
  id: string
  remove(): void
}

export function keyedChromeExtension(source = resolve('dist/test/chrome')): KeyedExtension {
  const dir = join(mkdtempSync(join(tmpdir(), 'vigie-keyed-')), 'chrome')
  cpSync(source, dir, { recursive: true })
  const spki = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' })
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, key: spki.toString('base64') }))
  const id = extensionIdOfKey(spki)
  if (id === unpackedExtensionId(dir)) throw new Error('the key gave the unpacked id')
  return { dir, id, remove: () => rmSync(resolve(dir, '..'), { recursive: true, force: true }) }
}
