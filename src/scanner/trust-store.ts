/**
 * The roots the scanner trusts, and which store decided (issue #21): Node's bundled roots (with NODE_EXTRA_CA_CERTS,
 * which Node adds to them), the system's store as OpenSSL would read it (SSL_CERT_FILE, else the distribution's
 * bundle: Debian's /etc/ssl/certs/ca-certificates.crt; and SSL_CERT_DIR), and the --ca roots. Node 20 cannot read
 * the system store itself (no tls.getCACertificates('system')), so its PEM files are read here, once per process,
 * bounded in files and bytes.
 */
import { X509Certificate } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createSecureContext, rootCertificates, type SecureContext, type SecureContextOptions } from 'node:tls'

/** Where distributions keep the bundle OpenSSL reads by default. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem']
const MAX_FILE = 4 * 1024 * 1024
const MAX_DIR_FILES = 2000
const MAX_TOTAL = 16 * 1024 * 1024

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** Every certificate in a PEM text, one PEM each. */
export function splitPem(text: string): string[] {
  return text.match(PEM)?.slice(0, 5000) ?? []
}

/** The base64 body of a PEM, whitespace removed: the same certificate gives the same key whatever its wrapping. */
function pemKey(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '')
}

export function derKey(der: Uint8Array): string {
  return Buffer.from(der).toString('base64')
}

function readBounded(path: string, budget: { left: number }): string {
  try {
    const size = statSync(path).size
    if (size > MAX_FILE || size > budget.left) return ''
    budget.left -= size
    return readFileSync(path, 'latin1')
  } catch {
    return ''
  }
}

let cached: { key: string; pems: string[] } | null = null

/** The system store's roots as PEM, read once per process (and again only if SSL_CERT_FILE/SSL_CERT_DIR change). */
export function systemRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const key = `${env.SSL_CERT_FILE ?? ''}\n${env.SSL_CERT_DIR ?? ''}`
  if (cached?.key === key) return cached.pems
  const budget = { left: MAX_TOTAL }
  const files = env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : SYSTEM_BUNDLES
  const pems: string[] = []
  for (const file of files) {
    const text = readBounded(file, budget)
    if (text) {
      pems.push(...splitPem(text))
      if (!env.SSL_CERT_FILE) break // the first bundle found is the system's
    }
  }
  for (const dir of (env.SSL_CERT_DIR ?? '').split(':').filter(Boolean)) {
    let names: string[] = []
    try {
      names = readdirSync(dir).slice(0, MAX_DIR_FILES)
    } catch {
      continue
    }
    for (const name of names)
      if (/\.(pem|crt|\d+)$/.test(name)) pems.push(...splitPem(readBounded(join(dir, name), budget)))
  }
  const unique = [...new Map(pems.map((p) => [pemKey(p), p])).values()]
  cached = { key, pems: unique }
  return unique
}

let nodeKeys: Set<string> | null = null

/** True when this DER certificate is one of Node's bundled roots. */
export function isNodeRoot(der: Uint8Array): boolean {
  nodeKeys ??= new Set(rootCertificates.map(pemKey))
  return nodeKeys.has(derKey(der))
}

/** True when this DER certificate is among the PEMs. */
export function isAmong(der: Uint8Array, pems: readonly string[]): boolean {
  const key = derKey(der)
  return pems.some((p) => pemKey(p) === key)
}

/**
 * A TLS context holding the system's roots and the extra ones with these connection options, made once per
 * process and list: building it parses every root, which costs more than the handshake itself.
 */
const contexts = new Map<string, { roots: readonly string[]; context: SecureContext }>()
export function contextWith(roots: readonly string[], options: SecureContextOptions): SecureContext {
  const key = JSON.stringify(options)
  const known = contexts.get(key)
  if (known && known.roots === roots) return known.context
  const context = createSecureContext({ ...options, ca: [...roots] })
  contexts.set(key, { roots, context })
  return context
}

/** True when a certificate names itself as its issuer (a root, or a self-signed leaf). */
export function selfIssued(der: Uint8Array): boolean {
  try {
    const cert = new X509Certificate(der)
    return cert.subject === cert.issuer
  } catch {
    return false
  }
}
