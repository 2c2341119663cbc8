/** Property tests: parsers accept every input, never throw, and stay fast on large junk. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inspectCertificateChain, parseHsts } from '../../../src/core/index.ts'

/** Best of five runs after a warm-up, in ms: the budget is about the algorithm, not about a busy CI machine. */
function timeOf(run: () => unknown): number {
  run()
  let best = Infinity
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    run()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

const junk = (size: number) => {
  let s = ''
  for (let i = 0; i < size; i++) s += String.fromCharCode((i * 7919) % 128)
  return s
}

describe('parseHsts', () => {
  it('never throws and returns null or a policy', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const result = parseHsts(s)
        return result === null || (Number.isInteger(result.maxAge) && result.maxAge >= 0)
      }),
      { numRuns: 2000 },
    )
  })
  it('never throws on header-like strings', () => {
    const piece = fc.constantFrom(
      'max-age',
      '=',
      ';',
      '"',
      '\\',
      ' ',
      'includeSubDomains',
      'preload',
      '0',
      '31536000',
      'x',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        parseHsts(parts.join(''))
        return true
      }),
      { numRuns: 2000 },
    )
  })
  it('accepts any valid max-age and reads it back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (age, sub) => {
        const policy = parseHsts(`max-age=${age}${sub ? '; includeSubDomains' : ''}`)
        return policy !== null && policy.maxAge === age && policy.includeSubDomains === sub
      }),
    )
  })
  it('returns within 10 ms on 100 KB of junk', () => {
    for (const input of [junk(100_000), 'max-age=1;'.repeat(10_000), '"'.repeat(100_000), 'a'.repeat(100_000)]) {
      expect(timeOf(() => parseHsts(input))).toBeLessThan(10)
    }
  })
})

describe('inspectCertificateChain', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 4 }), (chain) => {
        const result = inspectCertificateChain(chain)
        return result.certificates.length === chain.length
      }),
      { numRuns: 500 },
    )
  })
  it('never throws on byte strings that start like DER', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (tail) => {
        const result = inspectCertificateChain([
          Uint8Array.from([0x30, 0x82, tail.length >> 8, tail.length & 0xff, ...tail]),
        ])
        return result.certificates.length === 1
      }),
      { numRuns: 500 },
    )
  })
  it('never throws on values of any type', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 4 }), (chain) => {
        inspectCertificateChain(chain)
        return true
      }),
      { numRuns: 300 },
    )
  })
  it('returns within 10 ms on 100 KB of junk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256)
    bytes[0] = 0x30
    for (const input of [bytes, bytes.slice(1), new Uint8Array(100_000).fill(0x30)]) {
      expect(timeOf(() => inspectCertificateChain([input]))).toBeLessThan(10)
      expect(inspectCertificateChain([input]).readable).toBe(false)
    }
  })
})
