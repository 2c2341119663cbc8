// `npm run bench:account`: what the shipped account data cost the background, cold, in one fresh V8 (Node) per run:
// evaluating tldts (bundled into the background), parsing public/data/account.json, and the heap they keep.
// Run with --expose-gc (the npm script does). Prints the median and the spread of RUNS runs.
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

const RUNS = 21
const root = resolve(import.meta.dirname, '../..')

if (process.argv[2] === '--once') {
  const { readFileSync } = await import('node:fs')
  const text = readFileSync(resolve(root, 'public/data/account.json'), 'utf8')
  globalThis.gc()
  const heap0 = process.memoryUsage().heapUsed
  // As in the background bundle: compiled and evaluated with the rest of the script (no module loader, no code
  // cache), then asked once.
  const source = readFileSync(resolve(root, 'node_modules/tldts/dist/index.esm.min.js'), 'utf8').replace(
    /export\{([^}]*)\};?/,
    (_, list) => `return {${list.replace(/(\w+) as (\w+)/g, '$2: $1')}}`,
  )
  const t0 = performance.now()
  const tldts = new Function(source)()
  const t1 = performance.now()
  tldts.getDomain('login.example.co.uk', { allowPrivateDomains: true })
  const tFirst = performance.now() - t1
  globalThis.gc()
  const heap1 = process.memoryUsage().heapUsed
  const t2 = performance.now()
  const data = JSON.parse(text)
  const reformed = new Set(data.reformed)
  const t3 = performance.now()
  globalThis.gc()
  const heap2 = process.memoryUsage().heapUsed
  // First lookups after load (cold code paths): the names the background tries for one host.
  const t4 = performance.now()
  for (const name of ['login.dailymail.co.uk', 'dailymail.co.uk']) {
    void (Object.hasOwn(data.offenders, name) && data.offenders[name])
    void Object.hasOwn(data.twoFactor.domains, name)
    void reformed.has(name)
  }
  const t5 = performance.now()
  console.log(
    JSON.stringify({
      tldtsFirstMs: tFirst,
      tldtsMs: t1 - t0,
      tldtsKiB: (heap1 - heap0) / 1024,
      parseMs: t3 - t2,
      dataKiB: (heap2 - heap1) / 1024,
      firstLookupMs: t5 - t4,
      fileKiB: text.length / 1024,
    }),
  )
} else {
  const runs = Array.from({ length: RUNS }, () =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', import.meta.filename, '--once'], { encoding: 'utf8' })),
  )
  const stats = (key) => {
    const v = runs.map((r) => r[key]).sort((a, b) => a - b)
    return `median ${v[Math.floor(v.length / 2)].toFixed(2)}, min ${v[0].toFixed(2)}, max ${v.at(-1).toFixed(2)}`
  }
  console.log(`account data, ${RUNS} fresh processes (Node ${process.version}):`)
  console.log(`  file size                      ${runs[0].fileKiB.toFixed(0)} KiB`)
  console.log(`  compile + evaluate tldts (ms)  ${stats('tldtsMs')}   (each background start: it is in the bundle)`)
  console.log(`  first getDomain (ms)           ${stats('tldtsFirstMs')}   (on first need)`)
  console.log(`  tldts heap (KiB)               ${stats('tldtsKiB')}`)
  console.log(`  JSON.parse the data (ms)       ${stats('parseMs')}   (on first need)`)
  console.log(`  data heap (KiB)                ${stats('dataKiB')}`)
  console.log(`  first lookups, cold (ms)       ${stats('firstLookupMs')}`)
}
