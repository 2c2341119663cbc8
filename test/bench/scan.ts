/**
 * `npm run bench:scan`: the whole scan of each fixture server, beside Debian's sslscan in the same run (issue #12).
 * Goal: no slower than sslscan on every fixture, and under 1 s per host on loopback. Prints per fixture the median
 * and spread (min-max) of RUNS scans, the connections used, and the ratio to sslscan's median.
 * Run it under the shared lock: flock /tmp/vigie-browser.lock npm run bench:scan
 */
import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { scanHost } from '../../src/scanner/index.ts'

const RUNS = Number(process.env.RUNS ?? 7)
const root = resolve(import.meta.dirname, '../..')

const child = spawn(
  resolve(root, 'node_modules/.bin/vite-node'),
  ['--config', 'scripts/node.vite.config.mjs', 'test/bench/scan-servers.ts'],
  {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  },
)
const line = await new Promise<string>((done) => createInterface({ input: child.stdout! }).once('line', done))
const setup = JSON.parse(line) as { rootFile: string; httpPort: number; servers: Record<string, number> }
const ca = [readFileSync(setup.rootFile, 'utf8')]

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${Math.round(x)} ms`

/** The whole command, as a user runs it: node start-up, the bundled CLI, one host, JSON out. */
function cli(port: number): Promise<number> {
  const t0 = performance.now()
  const args = [
    'scripts/scan.mjs',
    '--json',
    '--ca',
    setup.rootFile,
    '--http-port',
    String(setup.httpPort),
    '--resolve',
    `scan.test:${port}:127.0.0.1`,
    `scan.test:${port}`,
  ]
  return new Promise((done) =>
    execFile(process.execPath, args, { cwd: root, timeout: 60_000 }, () => done(performance.now() - t0)),
  )
}

function sslscan(port: number): Promise<number> {
  const t0 = performance.now()
  return new Promise((done) =>
    execFile('sslscan', ['--no-colour', `127.0.0.1:${port}`], { timeout: 60_000 }, () => done(performance.now() - t0)),
  )
}

console.log(`scanner vs sslscan, ${RUNS} runs each, loopback; times are whole scans of one host (median, min-max)\n`)
console.log(
  `${'fixture'.padEnd(9)} ${'vigie scanHost (spread)'.padEnd(26)} ${'conns'.padStart(5)}  ${'vigie CLI process'.padEnd(26)} ${'sslscan process'.padEnd(26)} ratio scanHost/sslscan, CLI/sslscan`,
)
await cli(setup.servers.modern!) // builds the CLI bundle once, outside the timings
const ratios: number[] = []
for (const [name, port] of Object.entries(setup.servers)) {
  const ours: number[] = []
  const theirs: number[] = []
  const command: number[] = []
  let connections = 0
  for (let i = 0; i < RUNS; i++) {
    // Alternate, so both meet the machine in the same state.
    const t0 = performance.now()
    const facts = await scanHost({ host: 'scan.test', port, address: '127.0.0.1' }, { ca, httpPort: setup.httpPort })
    ours.push(performance.now() - t0)
    connections = facts.connections
    theirs.push(await sslscan(port))
    command.push(await cli(port))
  }
  const ratio = median(ours) / median(theirs)
  const commandRatio = median(command) / median(theirs)
  ratios.push(ratio)
  const cell = (xs: number[]) => `${ms(median(xs))} (${ms(Math.min(...xs))}-${ms(Math.max(...xs))})`.padEnd(26)
  console.log(
    `${name.padEnd(9)} ${cell(ours)} ${String(connections).padStart(5)}  ${cell(command)} ${cell(theirs)} ${ratio.toFixed(2)}, ${commandRatio.toFixed(2)}`,
  )
}
console.log(
  `\nworst scanHost/sslscan ratio ${Math.max(...ratios).toFixed(2)}; goal: at most 1.00 on every fixture and under 1000 ms per host`,
)
console.log('the CLI column adds node start-up (~0.1 s, the bundle in node_modules/.cache) to the same scan')
child.stdin!.end()
