// One maker of test certificates, by openssl, in a temporary directory: a root CA, then leaves or intermediates it
// (or an intermediate) signs. For the unit, scanner and browser tests and the benchmarks (plain JavaScript, so the
// .mjs benchmarks load it as the TypeScript tests do; types in ca.d.mts). A lone self-signed certificate is refused
// as a server certificate by Firefox: servers use a leaf signed by a root the browser is told to trust.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'

/** A leaf's extensions: its names (DNS names, and IP addresses written as such), for serverAuth. */
export function serverExtensions(names, extra = '') {
  const alt = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')
  return `subjectAltName=${alt}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n${extra}`
}

/**
 * A root CA named `name`, valid `days` days. issue() signs a certificate: a leaf by default (extensions
 * serverExtensions(['localhost', '127.0.0.1']) unless given), or an intermediate with `ca: true`; by the root or by
 * a certificate issued before (`issuer`). `cert` is the certificate followed by its issuers below the root, as a
 * server sends it.
 */
export function makeCa({ name = 'Vigie Test CA', days = 30, prefix = 'vigie-ca-' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  const read = (file) => readFileSync(join(dir, file), 'utf8')
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-days',
    String(days),
    '-sha256',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  )
  /** file stem -> the PEM chain below the root that a certificate's holder sends after it */
  const chains = new Map([['root', '']])
  return {
    dir,
    rootFile: join(dir, 'root.pem'),
    rootPem: read('root.pem'),
    issue(
      file,
      {
        subject = '/CN=localhost',
        extensions,
        ca = false,
        issuer = 'root',
        days: leafDays = 20,
        digest = 'sha256',
      } = {},
    ) {
      if (!chains.has(issuer)) throw new Error(`no certificate ${issuer} to sign with`)
      writeFileSync(
        join(dir, `${file}.ext`),
        ca ? CA_EXT : (extensions ?? serverExtensions(['localhost', '127.0.0.1'])),
      )
      run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${file}.key`, '-out', `${file}.csr`, '-subj', subject)
      run(
        'x509',
        '-req',
        '-in',
        `${file}.csr`,
        '-CA',
        `${issuer}.pem`,
        '-CAkey',
        `${issuer}.key`,
        '-CAcreateserial',
        '-out',
        `${file}.pem`,
        '-days',
        String(leafDays),
        `-${digest}`,
        '-extfile',
        `${file}.ext`,
      )
      const cert = read(`${file}.pem`) + chains.get(issuer)
      chains.set(file, cert)
      return { key: read(`${file}.key`), cert, certFile: join(dir, `${file}.pem`), keyFile: join(dir, `${file}.key`) }
    },
    remove() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
