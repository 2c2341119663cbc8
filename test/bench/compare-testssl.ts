/**
 * `npm run compare:testssl`: Vigie's SSL Labs rating beside testssl.sh's on the scanner's fixture servers (issue #20).
 * Not part of `npm test`: testssl.sh takes a minute or more per server. README ("The server rating beside testssl.sh")
 * explains every difference this prints.
 *
 * testssl.sh is not shipped with Vigie. Get its development branch (3.3dev, the one with the 2009r rating) and give
 * its path:
 *   git clone --depth 1 --branch 3.3dev https://github.com/testssl/testssl.sh /tmp/testssl.sh
 *   TESTSSL=/tmp/testssl.sh/testssl.sh npm run compare:testssl
 * Without bin/openssl.Linux.x86_64 in that clone, testssl.sh uses the system's OpenSSL 3 (it says which).
 * VIGIE_ONLY=1 prints Vigie's side alone. ONLY=name,name runs some fixtures; KEEP=1 keeps testssl.sh's JSON; TESTSSL_TIMEOUT (seconds, 1200 by default) bounds each run; CONCURRENCY (10)
 * testssl.sh runs at once (each mostly waits on its sockets: a run takes 10 to 20 minutes on a busy machine).
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rateServer } from '../../src/core/rating/index.ts'
import { scanHost } from '../../src/scanner/index.ts'
import {
  cannedServer,
  dhParams1024,
  httpServer,
  makePki,
  MODERN,
  removePki,
  tlsServer,
  WEAK,
  type Running,
} from '../scanner/fixtures.ts'

const TESTSSL = process.env.TESTSSL
/** VIGIE_ONLY=1 prints Vigie's side alone, in seconds, for those without testssl.sh. */
const VIGIE_ONLY = process.env.VIGIE_ONLY === '1'
if (!VIGIE_ONLY && (!TESTSSL || !existsSync(TESTSSL))) {
  console.error('Set TESTSSL to the path of testssl.sh 3.3dev, for example:')
  console.error('  git clone --depth 1 --branch 3.3dev https://github.com/testssl/testssl.sh /tmp/testssl.sh')
  console.error('  TESTSSL=/tmp/testssl.sh/testssl.sh npm run compare:testssl')
  process.exit(2)
}
const TIMEOUT = Number(process.env.TESTSSL_TIMEOUT ?? 1200) * 1000
const ONLY = process.env.ONLY?.split(',')
/** KEEP=1 keeps testssl.sh's JSON findings (their path is printed), to read why it rated as it did. */
const KEEP = process.env.KEEP === '1'

process.removeAllListeners('warning') // weak DH groups are the point of some fixtures

const HSTS = { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }
const pki = makePki()
const http = await httpServer(null)
const dhe = (dhparam: string) => ({
  ...pki.good,
  minVersion: 'TLSv1.2' as const,
  ciphers: 'DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0',
  honorCipherOrder: true,
  dhparam,
})
const FIXTURES: Record<string, () => Promise<Running>> = {
  modern: () => tlsServer(MODERN(pki), HSTS),
  'modern-no-hsts': () => tlsServer(MODERN(pki)),
  'tls1.2-only': () => tlsServer({ ...pki.good, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, HSTS),
  'tls1.0-1.2': () => tlsServer({ ...pki.good, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, HSTS),
  'static-rsa-preferred': () =>
    tlsServer(
      {
        ...pki.good,
        minVersion: 'TLSv1.2',
        ciphers: 'AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256',
        honorCipherOrder: true,
      },
      HSTS,
    ),
  'dhe-1024': () => tlsServer(dhe(dhParams1024()), HSTS),
  // Node refuses DH groups below 1024 bits: the canned server answers DHE with a 512-bit group (and no certificate).
  'dhe-512': () => cannedServer({ versions: [0x0303], suites: [0x0033, 0x009e], dhBits: 512 }),
  'no-aead-cbc': () =>
    tlsServer(
      {
        ...pki.good,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        ciphers: 'ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384',
      },
      HSTS,
    ),
  weak: () => tlsServer(WEAK(pki), HSTS),
  legacy: () =>
    cannedServer({
      versions: [0x0300, 0x0301],
      suites: [0x0008, 0x0005, 0x000a, 0x0014],
      dhBits: 512,
      ignoresFallbackScsv: true,
    }),
}

interface TestsslRating {
  grade: string
  score: string
  caps: string[]
  warnings: string[]
}

/** testssl.sh's own rating from its JSON findings (rating ids: overall_grade, final_score, grade_cap_*). */
function runTestssl(port: number): Promise<TestsslRating | string> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-testssl-'))
  const json = join(dir, 'out.json')
  // The checks the rating needs (testssl.sh's set_rating_state, plus SWEET32 for the 3DES cap) and the suites per
  // protocol (-E, below), without the client simulations; no DNS (loopback, no network).
  const tests = [
    '-p',
    '-s',
    '-f',
    '-S',
    '-h',
    '-H',
    '-I',
    '-T',
    '-BB',
    '-R',
    '-C',
    '-O',
    '-Z',
    '-D',
    '-A',
    // --rc4, not -4: in 3.3dev -4 means IPv4 only, and without do_rc4 set_rating_state skips the rating.
    '--rc4',
    '-J',
    '-W',
    // -E: the suites per protocol. Its cipher-strength score counts only suites listed this way: without it,
    // the best stays 0 bits and the worst unset, and every server scores (20 + 100) / 2 = 60 for cipher strength.
    '-E',
  ]
  const args = [
    '--quiet',
    '--color',
    '0',
    '--warnings',
    'off',
    '--nodns',
    'none',
    ...tests,
    '--add-ca',
    pki.rootFile,
    '--jsonfile',
    json,
    `127.0.0.1:${port}`,
  ]
  return new Promise((done) => {
    execFile('bash', [TESTSSL!, ...args], { timeout: TIMEOUT, maxBuffer: 64 * 1024 * 1024 }, (error) => {
      try {
        const findings = JSON.parse(readFileSync(json, 'utf8')) as { id: string; severity?: string; finding: string }[]
        const of = (id: string) => findings.find((f) => f.id === id)?.finding ?? '?'
        if (!findings.some((f) => f.id === 'overall_grade')) {
          // Say why: testssl.sh's own words for a scan it gave up (scanProblem, or a FATAL finding).
          const why = findings.find((f) => f.id === 'scanProblem' || f.severity === 'FATAL')
          return done(
            `no rating${why ? `: ${why.finding.slice(0, 200)}` : ` (${findings.length} findings, none a grade)`}`,
          )
        }
        done({
          grade: of('overall_grade'),
          score: `${of('final_score')} (${of('protocol_support_score')}/${of('key_exchange_score')}/${of('cipher_strength_score')})`,
          caps: findings.filter((f) => f.id.startsWith('grade_cap_reason')).map((f) => f.finding),
          warnings: findings.filter((f) => f.id.startsWith('grade_cap_warning')).map((f) => f.finding),
        })
      } catch {
        done(error ? `testssl.sh failed: ${String(error.message).split('\n')[0]}` : 'testssl.sh wrote no rating')
      } finally {
        if (KEEP) console.error(`testssl.sh's output for port ${port}: ${json}`)
        else rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}

const ca = [pki.rootPem]
/** testssl.sh mostly waits on its sockets: several runs at once cost little CPU and save most of the time. */
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10)

async function compare(name: string, start: () => Promise<Running>): Promise<string> {
  const out: string[] = [`## ${name}`]
  const server = await start().catch((error: unknown) => String(error))
  if (typeof server === 'string') return `${out[0]}\n  fixture could not start: ${server}\n`
  try {
    const v0 = performance.now()
    const facts = await scanHost({ host: '127.0.0.1', port: server.port }, { ca, httpPort: http.port })
    const ours = rateServer(facts)
    const vigieSeconds = ((performance.now() - v0) / 1000).toFixed(2)
    const t0 = performance.now()
    const theirs = VIGIE_ONLY ? 'not run (VIGIE_ONLY=1)' : await runTestssl(server.port)
    const seconds = ((performance.now() - t0) / 1000).toFixed(0)
    if (ours) {
      const s = ours.score
      out.push(
        `  vigie    ${ours.grade}${ours.grade === 'T' || ours.grade === 'M' ? ` (${ours.gradeIfTrusted} if trusted)` : ''}  score ${s.total} (${s.protocol}/${s.keyExchange}/${s.cipher})  (${vigieSeconds} s)`,
      )
      for (const c of ours.caps)
        out.push(`           ${c.grade.padEnd(2)} ${c.rule}${c.detail ? ` (${c.detail})` : ''}`)
    } else out.push(`  vigie    no rating (${vigieSeconds} s)`)
    if (typeof theirs === 'string') out.push(`  testssl  ${theirs} (${seconds} s)`)
    else {
      out.push(`  testssl  ${theirs.grade}  score ${theirs.score}  (${seconds} s)`)
      for (const c of [...theirs.caps, ...theirs.warnings.map((w) => `warning: ${w}`)]) out.push(`           ${c}`)
    }
  } finally {
    await server.close()
  }
  return `${out.join('\n')}\n`
}

console.log(
  `Vigie's rating (guide 2009r) beside ${VIGIE_ONLY ? 'nothing (VIGIE_ONLY=1)' : `${TESTSSL}'s`}, on local fixture servers\n`,
)
const queue = Object.entries(FIXTURES).filter(([name]) => !ONLY || ONLY.includes(name))
const results = new Map<string, string>()
await Promise.all(
  Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, start] = next
      const text = await compare(name, start)
      results.set(name, text)
      console.error(`done: ${name}`)
    }
  }),
)
for (const name of Object.keys(FIXTURES)) if (results.has(name)) console.log(results.get(name))
await http.close()
removePki(pki)
