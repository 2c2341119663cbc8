import { describe, expect, it } from 'vitest'
import { isDnsName } from '../../../src/core/host-name.ts'

describe('isDnsName', () => {
  it('takes LDH labels, punycode and one final dot', () => {
    for (const name of ['example.com', 'xn--bcher-kva.example', 'a-b.c', 'localhost', 'example.com.'])
      expect(isDnsName(name), name).toBe(true)
  })
  it('refuses what no DNS name is', () => {
    const long = `${'a'.repeat(63)}.`.repeat(4) + 'com'
    for (const name of [
      '',
      '-a.com',
      'a-.com',
      'a..com',
      'a b.com',
      `${'a'.repeat(64)}.com`,
      long,
      'ｋ.com',
      '_dmarc.x',
    ])
      expect(isDnsName(name), name).toBe(false)
  })
  it('takes underscores only when asked (names auditors scan, never SNI)', () => {
    expect(isDnsName('_sip._tls.example.com', { underscore: true })).toBe(true)
    expect(isDnsName('_sip._tls.example.com')).toBe(false)
  })
  it('counts labels without the final dot', () => {
    expect(isDnsName('intranet', { minLabels: 2 })).toBe(false)
    expect(isDnsName('intranet.', { minLabels: 2 })).toBe(false)
    expect(isDnsName('shop.example', { minLabels: 2 })).toBe(true)
  })
})
