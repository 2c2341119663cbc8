// npm run bench:companion: how fast the companion starts. Spawns the bundled companion (as the browser does for
// each runtime.sendNativeMessage) and times a ping until its pong, beside a bare Node that answers the same frame,
// so the companion's own cost shows. Builds the bundle first. Run under the shared lock:
//   flock /tmp/vigie-browser.lock npm run bench:companion
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildCompanion } from '../../scripts/companion.mjs'

const RUNS = Number(process.env.RUNS ?? 20)

function frame(value) {
  const body = Buffer.from(JSON.stringify(value))
  const head = Buffer.alloc(4)
  head.writeUInt32LE(body.length)
  return Buffer.concat([head, body])
}

/** Starts `entry`, sends a ping, resolves with the ms until the first whole reply frame. */
function pingOnce(entry) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [entry, 'chrome-extension://bench/'], { stdio: ['pipe', 'pipe', 'ignore'] })
    let data = Buffer.alloc(0)
    child.stdout.on('data', (chunk) => {
      data = Buffer.concat([data, chunk])
      if (data.length >= 4 && data.length >= 4 + data.readUInt32LE(0)) {
        const ms = performance.now() - started
        child.stdin.end()
        child.on('exit', () => resolve(ms))
      }
    })
    child.on('error', reject)
    child.stdin.write(frame({ type: 'ping' }))
  })
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1) }
}
const fmt = ({ median, min, max }) => `median ${median.toFixed(0)} ms (min ${min.toFixed(0)}, max ${max.toFixed(0)})`

const bundle = await buildCompanion()
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'))
const bare = join(dir, 'bare.mjs')
// The least a Node host can do: read one frame's worth and answer it.
writeFileSync(
  bare,
  "process.stdin.once('data', () => { const b = Buffer.from('{\"type\":\"pong\"}'); const h = Buffer.alloc(4); h.writeUInt32LE(b.length); process.stdout.write(Buffer.concat([h, b])) }); process.stdin.on('end', () => process.exit(0))\n",
)

const companion = []
const baseline = []
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so that both see the same machine load.
  companion.push(await pingOnce(bundle))
  baseline.push(await pingOnce(bare))
}
rmSync(dir, { recursive: true, force: true })
const c = stats(companion)
const b = stats(baseline)
console.log(`companion bundle: ${(statSync(bundle).size / 1024).toFixed(0)} KiB`)
console.log(`companion start-up to first reply: ${fmt(c)} over ${RUNS} runs`)
console.log(`bare node answering one frame:     ${fmt(b)}`)
console.log(
  `ratio companion / bare node: ${(c.median / b.median).toFixed(2)} (the companion's own cost: ${(c.median - b.median).toFixed(0)} ms)`,
)
