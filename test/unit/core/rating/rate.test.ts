/**
 * The server rating as SSL Labs would give it (issue #20). Every rule starts from a scan that rates A+ and changes
 * one thing; the score arithmetic is checked on worked examples of the guide's tables.
 */
import { describe, expect, it } from 'vitest'
import {
  DISTRUSTED,
  lifetimeLimitFor,
  RATING_RULE_IDS,
  rateServer,
  totalOf,
  type RatingRuleId,
  type ServerRating,
} from '../../../../src/core/rating/index.ts'
import type { CertificateFacts, ScanFacts } from '../../../../src/core/index.ts'
import { cleanScan, NO_WEAK_SUITES as NONE } from '../../../support/baseline.ts'
import { hostReportOf } from '../../../../src/cli/report.ts'

function rate(change: (s: ScanFacts) => void = () => {}): ServerRating {
  const scan = cleanScan()
  change(scan)
  const rating = rateServer(scan)
  if (!rating) throw new Error('no rating')
  return rating
}
const capsOf = (r: ServerRating) => r.caps.map((c) => c.rule)
const leafWith = (change: Partial<CertificateFacts['chain'][number]>) => (s: ScanFacts) => {
  s.certificate!.chain[0] = { ...s.certificate!.chain[0]!, ...change }
}

describe('the baseline', () => {
  it('rates A+ with no cap, 89 points, and says post-quantum key exchange is offered', () => {
    const r = rate()
    expect(r.grade).toBe('A+')
    expect(r.caps).toEqual([])
    expect(r.score).toEqual({ protocol: 100, keyExchange: 90, cipher: 80, total: 89 })
    expect(r.notes).toContainEqual({ rule: 'post-quantum', kind: 'note', grade: 'A+', detail: 'X25519MLKEM768' })
    expect(r.guide).toBe('2009r')
  })
  it('gives no rating to a scan that failed or found no protocol', () => {
    expect(rateServer({ ...cleanScan(), error: { code: 'refused', reason: 'refused' } })).toBeNull()
    expect(
      rateServer({ ...cleanScan(), protocols: { ssl3: null, tls1: null, tls1_1: null, tls1_2: null, tls1_3: null } }),
    ).toBeNull()
  })
})

describe('score arithmetic (guide, section Scoring)', () => {
  it('weighs protocol 30 %, key exchange 30 %, cipher 40 %', () => expect(totalOf(95, 90, 90)).toBe(91.5))
  it('makes the total zero when a category is zero', () => expect(totalOf(100, 0, 90)).toBe(0))
  it('averages the best and the worst protocol: TLS 1.0 to 1.2 score 95', () => {
    expect(rate((s) => Object.assign(s.protocols, { tls1: true, tls1_1: true, tls1_3: false })).score.protocol).toBe(95)
  })
  it('scores SSL 3 to TLS 1.2 at 90 and caps it', () => {
    expect(rate((s) => Object.assign(s.protocols, { ssl3: true })).score.protocol).toBe(90)
  })
  it('takes the weakest key exchange: RSA 2048 gives 90, RSA 4096 gives 100 unless the group is weaker', () => {
    const rsa = (bits: number) => leafWith({ keyType: 'RSA', keyBits: bits })
    expect(rate(rsa(4096)).score.keyExchange).toBe(90) // X25519 is as strong as RSA 3072
    expect(
      rate((s) => {
        rsa(4096)(s)
        s.negotiated!.group = 'secp384r1'
      }).score.keyExchange,
    ).toBe(100)
    expect(
      rate((s) => {
        rsa(4096)(s)
        s.negotiated!.group = 'secp384r1'
        s.dhe = true
        s.dhBits = 1024
      }).score.keyExchange,
    ).toBe(80)
  })
  it('averages the strongest and the weakest cipher: AES-256 with AES-128 is 90, with 3DES (168 bits) 90, with export 60', () => {
    const aes256 = (s: ScanFacts) => {
      s.negotiated!.cipherSuite = 'TLS_AES_256_GCM_SHA384'
    }
    expect(rate(aes256).score.cipher).toBe(90)
    expect(
      rate((s) => {
        aes256(s)
        s.weakSuites.tripleDes = true
      }).score.cipher,
    ).toBe(90)
    expect(
      rate((s) => {
        aes256(s)
        s.weakSuites.export = true
      }).score.cipher,
    ).toBe(60)
  })
  it('worked example: TLS 1.0-1.2, RSA 2048, AES-256 and AES-128 make 91.5, an A before caps', () => {
    const r = rate((s) => {
      Object.assign(s.protocols, { tls1: true, tls1_1: true, tls1_3: false })
      leafWith({ keyType: 'RSA', keyBits: 2048 })(s)
      s.negotiated = {
        protocol: 'TLSv1.2',
        cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
        keyExchange: 'ECDHE',
        group: 'X25519',
      }
      s.weakSuites.rc4 = false
    })
    expect(r.score).toEqual({ protocol: 95, keyExchange: 90, cipher: 100, total: 95.5 })
    expect(r.gradeIfTrusted).toBe('B') // TLS 1.0 and 1.1 cap at B
  })
  it('letter grades: 80 A, 65 B, 50 C, 35 D, 20 E, below F (an SSL 2 only server scores 20 in protocols)', () => {
    const r = rate((s) => {
      s.ssl2 = true
      s.protocols = { ssl3: false, tls1: false, tls1_1: false, tls1_2: false, tls1_3: false }
    })
    expect(r.score.protocol).toBe(20)
    expect(r.grade).toBe('F')
  })
})

/** One change from the baseline per rule, and the grade it must give. */
const CASES: { rule: RatingRuleId; change: (s: ScanFacts) => void; grade: string; detail?: string }[] = [
  {
    rule: 'name-mismatch',
    change: (s) => {
      s.trust = {
        ...s.trust!,
        trusted: false,
        nameMatches: false,
        error: 'the certificate does not name console.example.com',
      }
    },
    grade: 'M',
  },
  {
    rule: 'cert-untrusted',
    change: (s) => {
      s.trust = { ...s.trust!, trusted: false, error: 'self-signed certificate' }
    },
    grade: 'T',
    detail: 'self-signed certificate',
  },
  {
    rule: 'cert-expired',
    change: leafWith({ notAfter: '2026-05-01T00:00:00.000Z' }),
    grade: 'T',
    detail: '2026-05-01',
  },
  {
    rule: 'cert-not-yet-valid',
    change: leafWith({ notBefore: '2026-07-01T00:00:00.000Z', notAfter: '2026-12-01T00:00:00.000Z' }),
    grade: 'T',
  },
  {
    rule: 'cert-lifetime',
    change: leafWith({ notBefore: '2026-04-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z' }),
    grade: 'T',
    detail: '275 > 200 days',
  },
  {
    rule: 'cert-distrusted',
    change: leafWith({
      issuer: 'C=US, O=Entrust, Inc., CN=Entrust Certification Authority - L1K',
      notBefore: '2026-01-01T00:00:00.000Z',
    }),
    grade: 'T',
    detail: 'Entrust, 2026-01-01',
  },
  {
    rule: 'cert-sha1',
    change: (s) => {
      s.certificate!.chain[1] = { ...s.certificate!.chain[1]!, signatureHash: 'sha1' }
    },
    grade: 'T',
  },
  { rule: 'cert-md5', change: leafWith({ signatureHash: 'md5' }), grade: 'F', detail: 'MD5' },
  {
    rule: 'cert-incomplete-chain',
    change: (s) => {
      s.trust = { ...s.trust!, trusted: false, error: 'unknown issuer (incomplete chain?)', incompleteChain: true }
    },
    grade: 'B',
  },
  { rule: 'key-insecure', change: leafWith({ keyType: 'RSA', keyBits: 768 }), grade: 'F', detail: 'RSA 768 bits' },
  { rule: 'key-weak', change: leafWith({ keyType: 'RSA', keyBits: 1024 }), grade: 'B', detail: 'RSA 1024 bits' },
  {
    rule: 'dh-insecure',
    change: (s) => {
      s.dhe = true
      s.dhBits = 512
    },
    grade: 'F',
    detail: '512 bits',
  },
  {
    rule: 'dh-weak',
    change: (s) => {
      s.dhe = true
      s.dhBits = 1024
    },
    grade: 'B',
    detail: '1024 bits',
  },
  {
    rule: 'export',
    change: (s) => {
      s.weakSuites.export = true
    },
    grade: 'F',
  },
  {
    rule: 'anonymous',
    change: (s) => {
      s.weakSuites.anon = true
    },
    grade: 'F',
  },
  {
    rule: 'null-cipher',
    change: (s) => {
      s.weakSuites.null = true
    },
    grade: 'F',
  },
  {
    rule: 'ssl2',
    change: (s) => {
      s.ssl2 = true
    },
    grade: 'F',
  },
  {
    rule: 'ssl3-only',
    change: (s) => {
      s.protocols = { ssl3: true, tls1: false, tls1_1: false, tls1_2: false, tls1_3: false }
    },
    grade: 'F',
  },
  {
    rule: 'ssl3-poodle',
    change: (s) => {
      s.protocols.ssl3 = true
      s.suitesByProtocol = { ...s.suitesByProtocol, ssl3: { ...NONE, aead: false, cbcOnly: true } }
    },
    grade: 'C',
  },
  {
    rule: 'ssl3',
    change: (s) => {
      s.protocols.ssl3 = true
      s.suitesByProtocol = { ...s.suitesByProtocol, ssl3: { ...NONE, aead: false, rc4: true } }
    },
    grade: 'B',
  },
  {
    rule: 'tls10-11',
    change: (s) => {
      Object.assign(s.protocols, { tls1: true, tls1_1: true })
    },
    grade: 'B',
    detail: 'TLS 1.0, TLS 1.1',
  },
  {
    rule: 'no-tls12',
    change: (s) => {
      s.protocols = { ssl3: false, tls1: true, tls1_1: true, tls1_2: false, tls1_3: false }
      s.negotiated = {
        protocol: 'TLSv1.1',
        cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
        keyExchange: 'ECDHE',
        group: 'X25519',
      }
    },
    grade: 'C',
  },
  {
    rule: 'no-tls13',
    change: (s) => {
      s.protocols.tls1_3 = false
      s.negotiated = {
        protocol: 'TLSv1.2',
        cipherSuite: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
        keyExchange: 'ECDHE',
        group: 'X25519',
      }
    },
    grade: 'A-',
  },
  {
    rule: 'rc4-modern',
    change: (s) => {
      s.weakSuites.rc4 = true
      s.suitesByProtocol = { tls1_2: { ...NONE, rc4: true } }
    },
    grade: 'C',
  },
  {
    rule: 'rc4',
    change: (s) => {
      s.protocols.tls1 = true
      s.weakSuites.rc4 = true
      s.suitesByProtocol = { tls1: { ...NONE, aead: false, rc4: true }, tls1_2: { ...NONE } }
    },
    grade: 'B',
  },
  {
    rule: '3des-modern',
    change: (s) => {
      s.weakSuites.tripleDes = true
      s.suitesByProtocol = { tls1_2: { ...NONE, tripleDes: true } }
    },
    grade: 'C',
  },
  {
    rule: 'no-forward-secrecy',
    change: (s) => {
      s.staticRsa = true
      s.forwardSecrecyPreferred = false
    },
    grade: 'B',
    detail: 'preferred',
  },
  {
    rule: 'no-aead',
    change: (s) => {
      s.aead = false
      s.protocols.tls1_3 = false
      s.negotiated = {
        protocol: 'TLSv1.2',
        cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
        keyExchange: 'ECDHE',
        group: 'X25519',
      }
    },
    grade: 'B',
  },
  {
    rule: 'heartbleed',
    change: (s) => {
      s.heartbeat = true
      s.heartbleed = true
    },
    grade: 'F',
  },
  {
    rule: 'ccs-injection',
    change: (s) => {
      s.ccsInjection = true
    },
    grade: 'F',
  },
  {
    rule: 'robot',
    change: (s) => {
      s.staticRsa = true
      s.robot = true
    },
    grade: 'F',
  },
  {
    rule: 'compression',
    change: (s) => {
      s.compression = true
    },
    grade: 'C',
  },
  {
    rule: 'no-secure-renegotiation',
    change: (s) => {
      s.secureRenegotiation = false
    },
    grade: 'A-',
  },
  {
    rule: 'hsts-missing',
    change: (s) => {
      s.hsts = { header: null }
    },
    grade: 'A-',
    detail: 'none',
  },
  {
    rule: 'hsts-short',
    change: (s) => {
      s.hsts = { header: 'max-age=86400' }
    },
    grade: 'A',
    detail: 'max-age=86400',
  },
]

for (const c of CASES) {
  describe(`rule ${c.rule}`, () => {
    it(`gives ${c.grade} and lists the rule with its reason`, () => {
      const r = rate(c.change)
      expect(r.grade).toBe(c.grade)
      const applied = r.caps.find((x) => x.rule === c.rule)
      expect(applied).toBeDefined()
      if (c.detail !== undefined) expect(applied?.detail).toBe(c.detail)
    })
  })
}

describe('every rule of the table', () => {
  it('has a case here, or is a note', () => {
    const notes: RatingRuleId[] = ['post-quantum', 'fallback-scsv', 'cipher-list', 'rc4-only']
    expect(RATING_RULE_IDS.filter((id) => !CASES.some((c) => c.rule === id) && !notes.includes(id))).toEqual([])
  })
})

describe('what the scanner did not probe', () => {
  const bare = (s: ScanFacts) => {
    for (const key of [
      'ssl2',
      'suitesByProtocol',
      'aead',
      'secureRenegotiation',
      'compression',
      'heartbeat',
      'heartbleed',
      'ccsInjection',
      'robot',
      'groups',
      'notTested',
    ] as const)
      delete s[key]
    delete s.trust!.store
    delete s.trust!.incompleteChain
  }
  it('keeps a scan from before the new probes at A+ when nothing is known bad, and lists every rule it could not test', () => {
    const r = rate(bare)
    expect(r.grade).toBe('A+')
    expect(r.notTested.filter((n) => n.reason === 'not-probed').map((n) => n.check)).toEqual(
      expect.arrayContaining([
        'ssl2',
        'heartbleed',
        'ccs-injection',
        'compression',
        'no-secure-renegotiation',
        'cert-lifetime',
        'cert-distrusted',
        'post-quantum',
      ]),
    )
  })
  it('does not test ROBOT on a server that refuses static RSA', () => {
    expect(rate(bare).notTested.map((n) => n.check)).not.toContain('robot')
    expect(
      rate((s) => {
        bare(s)
        s.staticRsa = true
      }).notTested.map((n) => n.check),
    ).toContain('robot')
  })
  it('gives the scanner reason for an unknown verdict', () => {
    const r = rate((s) => {
      s.heartbleed = null
      s.unknown = [{ check: 'heartbleed', reason: 'no answer in 5 s' }]
    })
    expect(r.notTested).toContainEqual({ check: 'heartbleed', reason: 'unknown', detail: 'no answer in 5 s' })
  })
  it('keeps A+ away when HSTS is unknown, without lowering further, and says the header was not read', () => {
    const r = rate((s) => {
      s.hsts = null
    })
    expect(r.grade).toBe('A')
    expect(r.caps.find((c) => c.rule === 'hsts-short')?.detail).toBe('header not read')
  })
  it('lists SSL 3 at B with POODLE not tested when the suites under SSL 3 are unknown', () => {
    const r = rate((s) => {
      s.protocols.ssl3 = true
      delete s.suitesByProtocol
    })
    expect(r.grade).toBe('B')
    expect(r.notTested).toContainEqual({ check: 'ssl3-poodle', reason: 'not-probed' })
  })
  it('infers RC4 under TLS 1.2 when nothing older is offered, without per-protocol suites', () => {
    expect(
      capsOf(
        rate((s) => {
          delete s.suitesByProtocol
          s.weakSuites.rc4 = true
        }),
      ),
    ).toContain('rc4-modern')
    const older = rate((s) => {
      delete s.suitesByProtocol
      s.protocols.tls1 = true
      s.weakSuites.rc4 = true
    })
    expect(capsOf(older)).toContain('rc4')
    expect(older.notTested).toContainEqual({ check: 'rc4-modern', reason: 'not-probed' })
  })
  it('names the scanner\'s own "not tested" checks and the ones it never makes', () => {
    const checks = rate((s) => {
      s.notTested = ['zombie-poodle', 'goldendoodle']
    }).notTested.map((n) => n.check)
    expect(checks).toEqual(
      expect.arrayContaining(['zombie-poodle', 'goldendoodle', 'revocation', 'insecure-renegotiation']),
    )
  })
})

describe('trust and mismatch replace the letter', () => {
  it('keeps the letter it would have without the trust problem', () => {
    const r = rate((s) => {
      s.trust = { ...s.trust!, trusted: false, error: 'unknown issuer' }
      s.protocols.tls1 = true
    })
    expect(r).toMatchObject({ grade: 'T', gradeIfTrusted: 'B' })
  })
  it('says M over T when both', () => {
    expect(
      rate((s) => {
        s.trust = { ...s.trust!, trusted: false, nameMatches: false, error: 'unknown issuer' }
      }).grade,
    ).toBe('M')
  })
  it('exempts a root the user added from lifetime and distrust rules', () => {
    const r = rate((s) => {
      s.trust = { ...s.trust!, store: 'extra' }
      leafWith({ notBefore: '2026-04-01T00:00:00.000Z', notAfter: '2028-01-01T00:00:00.000Z' })(s)
    })
    expect(r.grade).toBe('A+')
  })
  it('tells an incomplete chain from an untrusted one only when the scanner did', () => {
    const r = rate((s) => {
      s.trust = { trusted: false, nameMatches: true, error: 'unknown issuer (incomplete chain?)', store: null }
    })
    expect(r.grade).toBe('T')
    expect(r.notTested).toContainEqual({ check: 'cert-incomplete-chain', reason: 'not-probed' })
  })
})

describe('certificate data', () => {
  it('has the CA/Browser Forum limits by issuance date', () => {
    expect(lifetimeLimitFor('2026-03-14T23:59:59Z')?.maxDays).toBe(398)
    expect(lifetimeLimitFor('2026-03-15T00:00:00Z')?.maxDays).toBe(200)
    expect(lifetimeLimitFor('2027-03-15T00:00:00Z')?.maxDays).toBe(100)
    expect(lifetimeLimitFor('2029-03-15T00:00:00Z')?.maxDays).toBe(47)
  })
  it('accepts a 398-day certificate issued before 15 March 2026, not one a second longer', () => {
    expect(rate(leafWith({ notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-02-02T23:59:59.000Z' })).grade).toBe(
      'A+',
    )
    expect(rate(leafWith({ notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-02-03T00:00:00.000Z' })).grade).toBe(
      'T',
    )
  })
  it('distrusts Entrust from 12 November 2024 and Chunghwa and NetLock from 1 August 2025, not before', () => {
    expect(DISTRUSTED.map((d) => [d.operator, d.from])).toEqual([
      ['Entrust', '2024-11-12'],
      ['Chunghwa Telecom', '2025-08-01'],
      ['NetLock', '2025-08-01'],
    ])
    const netlock = (notBefore: string) =>
      leafWith({
        issuer: 'C=HU, L=Budapest, O=NetLock Kft., CN=NetLock Arany',
        notBefore,
        notAfter: '2026-07-01T00:00:00.000Z',
      })
    expect(rate(netlock('2025-07-31T00:00:00Z')).grade).toBe('A+')
    expect(rate(netlock('2025-08-01T00:00:00Z')).grade).toBe('T')
  })
})

describe('what is never a cap', () => {
  it('post-quantum key exchange missing is a note', () => {
    const r = rate((s) => {
      s.groups = ['x25519']
    })
    expect(r.grade).toBe('A+')
    expect(r.notes).toContainEqual({ rule: 'post-quantum', kind: 'note', grade: 'A+', detail: 'none' })
  })
  it('EV is ignored', () => {
    expect(
      rate((s) => {
        s.certificate!.validation = 'DV'
      }).grade,
    ).toBe('A+')
  })
  it('TLS_FALLBACK_SCSV ignored is a note since 2009r', () => {
    expect(
      rate((s) => {
        s.fallbackScsv = false
      }).grade,
    ).toBe('A+')
  })
})

describe("the issue's three testssl.sh disagreements", () => {
  it('DHE with a 512-bit group is F, with a 1024-bit group B', () => {
    expect(
      rate((s) => {
        s.dhe = true
        s.dhBits = 512
      }).grade,
    ).toBe('F')
    expect(
      rate((s) => {
        s.dhe = true
        s.dhBits = 1024
      }).grade,
    ).toBe('B')
  })
  it('a server preferring static RSA is B', () => {
    expect(
      rate((s) => {
        s.protocols.tls1_3 = false
        s.staticRsa = true
        s.forwardSecrecyPreferred = false
        s.negotiated = {
          protocol: 'TLSv1.2',
          cipherSuite: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
          keyExchange: 'RSA',
          group: '',
        }
      }).grade,
    ).toBe('B')
  })
})

describe('a host with several addresses', () => {
  it('is rated by its worst address, which the report names, even when another address has the worse grade', () => {
    // 192.0.2.1 sends no HSTS: Vigie's grade B, rating A-. 192.0.2.2 offers no AEAD suite: Vigie's A+, rating B.
    const noHsts = { ...cleanScan(), hsts: { header: null } }
    const noAead = { ...cleanScan(), address: '192.0.2.2', aead: false }
    const report = hostReportOf([noHsts, noAead], 'standard')
    expect(report.grade).toBe('B')
    expect(report.serverRating?.grade).toBe('B')
    expect(report.addresses?.map((a) => [a.address, a.grade, a.serverRating?.grade, a.worst, a.worstRating])).toEqual([
      ['192.0.2.1', 'B', 'A-', true, false],
      ['192.0.2.2', 'A+', 'B', false, true],
    ])
  })
})
