/** `npm run scan` (SPEC.md section 7): the reports, the exit statuses, and the real command from a shell. */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import {
  cannedServer,
  httpServer,
  makePki,
  MODERN,
  NAME,
  removePki,
  tlsServer,
  WEAK,
  type Pki,
  type Running,
} from './fixtures.ts'

const root = resolve(import.meta.dirname, '../..')
let pki: Pki
let good: Running
let weak: Running
let legacy: Running
let http: Running
let hostile: Running

beforeAll(async () => {
  pki = makePki()
  good = await tlsServer(MODERN(pki), { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' })
  hostile = await tlsServer(MODERN(pki), {
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains\x1b]0;pwned\x07\x1b[2J',
  })
  weak = await tlsServer(WEAK(pki))
  legacy = await cannedServer({ versions: [0x0300, 0x0301], suites: [0x0008, 0x0005, 0x000a] })
  http = await httpServer(null)
})
afterAll(async () => {
  await Promise.all([good, weak, legacy, http, hostile].map((s) => s.close()))
  removePki(pki)
})

async function cli(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await main(
    args,
    (t) => void (stdout += t),
    (t) => void (stderr += t),
  )
  return { code, stdout, stderr }
}
const hostArgs = (port: number, name = NAME) => ['--resolve', `${name}:${port}:127.0.0.1`, `${name}:${port}`]

describe('the readable report', () => {
  it('gives the grade, each finding with its severity and fix, and what could not be learned', async () => {
    const r = await cli('--ca', pki.rootFile, '--http-port', String(http.port), ...hostArgs(weak.port))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`${NAME}:${weak.port} (127.0.0.1)  grade F  [standard]`)
    expect(r.stdout).toMatch(/CRITICAL +Certificate with a forgeable signature/)
    expect(r.stdout).toMatch(/fix: Re-issue the certificate/)
    expect(r.stdout).toMatch(/Plain http +serves pages in clear/)
    expect(r.stderr).toBe('')
  })
  it('prints no control character a server sent', async () => {
    const r = await cli('--ca', pki.rootFile, ...hostArgs(hostile.port))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('grade ')
    expect(r.stdout).toContain('HSTS         max-age=31536000; includeSubDomains\uFFFD]0;pwned')
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
  })
  it('reads a strictness', async () => {
    const r = await cli('--strictness', 'strict', '--ca', pki.rootFile, ...hostArgs(good.port))
    expect(r.stdout).toContain('[strict]')
  })
})

describe('--json', () => {
  it('prints one document with hosts, grades and findings', async () => {
    const r = await cli(
      '--json',
      '--ca',
      pki.rootFile,
      '--http-port',
      String(http.port),
      ...hostArgs(weak.port),
      ...hostArgs(legacy.port),
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.hosts.map((h: { host: string; port: number; grade: string }) => [h.host, h.port, h.grade])).toEqual([
      [NAME, weak.port, 'F'],
      [NAME, legacy.port, 'F'],
    ])
    const ids = doc.hosts[1].findings.map((f: { id: string; severity: string }) => `${f.id}:${f.severity}`)
    expect(ids).toContain('tls-legacy-protocol:critical')
    expect(ids).toContain('tls-weak-cipher:critical')
    expect(doc.hosts[0].scan.dhBits).toBe(1024)
    // The SSL Labs rating beside Vigie's grade (issue #20): the SHA-1 chain is a trust failure, and under it a B.
    expect(doc.hosts[0].serverRating).toMatchObject({ grade: 'T', gradeIfTrusted: 'B', guide: '2009r' })
    expect(doc.hosts[0].serverRating.caps.map((c: { rule: string }) => c.rule)).toEqual(
      expect.arrayContaining(['cert-sha1', 'tls10-11', 'no-forward-secrecy', 'dh-weak']),
    )
    expect(doc.hosts[0].serverRating.score).toEqual({
      protocol: 95,
      keyExchange: 80,
      cipher: expect.any(Number),
      total: expect.any(Number),
    })
  })
})

describe('--markdown', () => {
  it('prints the comparison table of two hosts', async () => {
    const r = await cli('--markdown', '--ca', pki.rootFile, ...hostArgs(good.port), ...hostArgs(legacy.port))
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe('| Host | Grade | SSL Labs rating | Main findings | Date |')
    expect(lines).toHaveLength(4)
    expect(lines[2]).toMatch(new RegExp(`^\\| ${NAME}:${good.port} \\| A\\+? \\| A[+-]? \\| `))
    expect(lines[3]).toMatch(/\| F \| F: Export suites are accepted[^|]*\| .*SSL 3.*\| \d{4}-\d{2}-\d{2} \|$/)
  })
})

describe('hosts that cannot be scanned', () => {
  it('exits 1 for an unknown host, with a clear reason', async () => {
    const r = await cli('no-such-host.invalid')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('vigie scan: no-such-host.invalid:443: unknown host no-such-host.invalid\n')
  })
  it('exits 1 for a refused port, and still reports the other hosts', async () => {
    const r = await cli('--json', '--ca', pki.rootFile, '127.0.0.1:1', ...hostArgs(good.port))
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.stdout)
    expect(doc.hosts[0]).toMatchObject({ host: '127.0.0.1', port: 1, grade: null, error: { code: 'refused' } })
    expect(doc.hosts[1].grade).toMatch(/^A/)
    expect(r.stderr).toContain('127.0.0.1:1: connection refused')
  })
})

describe('usage errors exit 2 with one line', () => {
  it.each([
    [['--bogus', 'a.example'], 'unknown option "--bogus"'],
    [[], 'no host given'],
    [['--strictness', 'lax', 'a.example'], 'unknown strictness "lax"'],
    [['--http-port', '70000', 'a.example'], '--http-port needs a port'],
    [['--resolve', 'a.example:443', 'a.example'], '--resolve needs HOST:PORT:ADDRESS'],
    [['--json', '--markdown', 'a.example'], 'cannot be combined'],
    [['a.example:99999'], 'not a host or host:port'],
    [['--ca', '/nonexistent/root.pem', 'a.example'], '--ca "/nonexistent/root.pem": ENOENT'],
  ])('%j', async (args, message) => {
    const r = await cli(...args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('the command itself', () => {
  // Asynchronous: the fixture servers live in this process and must keep answering.
  const npm = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn('npm', ['run', '--silent', 'scan', '--', ...args], {
        cwd: root,
        timeout: 30_000,
        env: { ...process.env, ...env },
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d) => (stdout += d))
      child.stderr.on('data', (d) => (stderr += d))
      child.on('close', (status) => done({ status, stdout, stderr }))
    })
  it('prints only the JSON document with npm run --silent', async () => {
    const r = await npm(['--json', '--ca', pki.rootFile, ...hostArgs(good.port)])
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).hosts[0].host).toBe(NAME)
    // No progress when stderr is not a terminal.
    expect(r.stderr.replace(/npm warn.*\n/g, '')).toBe('')
  })
  it('exits 2 on a bad option and 1 on a refused port', async () => {
    const [bad, refused] = await Promise.all([npm(['--nope']), npm(['127.0.0.1:1'])])
    expect(bad.status).toBe(2)
    expect(refused.status).toBe(1)
  })
  it('trusts the roots of NODE_EXTRA_CA_CERTS, as the browser-launched companion will', async () => {
    const [without, withEnv] = await Promise.all([
      npm(['--json', ...hostArgs(good.port)]),
      npm(['--json', ...hostArgs(good.port)], { NODE_EXTRA_CA_CERTS: pki.rootFile }),
    ])
    expect(JSON.parse(without.stdout).hosts[0].scan.trust.trusted).toBe(false)
    expect(JSON.parse(withEnv.stdout).hosts[0].scan.trust).toEqual({
      trusted: true,
      nameMatches: true,
      error: null,
      store: 'extra',
      incompleteChain: false,
    })
  })
})
