/**
 * The server rating's rules as data (issue #20): each cap and warning of the SSL Labs SSL Server Rating Guide
 * (version 2009r) and of Qualys' published grading changes, with its source, and what Vigie does where the guide
 * is silent or dated. rate.ts decides which rules apply to a scan; docs/RATING.md is generated from this table and
 * a test fails when the two differ. The words shown to people are in _locales (`rating_<id>` messages).
 */
import type { Source } from './certificates.ts'
import type { RatingGrade, RatingRuleId } from './ids.ts'

export {
  RATING_GRADES,
  GUIDE_VERSION,
  RATING_RULE_IDS,
  ratingMessageKey,
  type RatingGrade,
  type RatingRuleId,
} from './ids.ts'

export type RuleKind =
  /** Caps the grade at `cap`. */
  | 'cap'
  /** The guide's warnings: an A becomes A-. */
  | 'warning'
  /** Keeps A+ away (the cap is A). */
  | 'no-a-plus'
  /** Said in the report, never changes the grade. */
  | 'note'

export interface RatingRule {
  kind: RuleKind
  /** The best grade the rule allows (A- for a warning, A for no-a-plus, A+ for a note). */
  cap: RatingGrade
  /** The facts of ScanFacts it reads: absent or unknown, the rule is listed as not tested. */
  facts: readonly string[]
  sources: readonly Source[]
  /** What Vigie does where the guide is silent, dated or needs a fact the scanner has in another shape. */
  decision?: string
}

export const GUIDE: Source = {
  title: 'SSL Labs, SSL Server Rating Guide, version 2009r',
  url: 'https://github.com/ssllabs/research/wiki/SSL-Server-Rating-Guide',
  date: '2025-05-16',
}
const GUIDE_2009E: Source = {
  title:
    'SSL Server Rating Guide 2009e, sections Certificate Inspection, Scoring and Changes (ssllabs/research docs/SSL_Server_Rating_Guide.xml)',
  url: 'https://github.com/ssllabs/research/blob/master/docs/SSL_Server_Rating_Guide.xml',
  date: '2014-01-21',
}
const BLOG_2014_01: Source = {
  title: 'Qualys blog: SSL Labs: Stricter Security Requirements for 2014',
  url: 'https://blog.qualys.com/product-tech/2014/01/21/ssl-labs-stricter-security-requirements-for-2014',
  date: '2014-01-21',
}
const BLOG_2014_06: Source = {
  title: 'Ivan Ristić: SSL Labs: New grades for trust (T) and mismatch (M) issues',
  url: 'https://blog.ivanristic.com/2014/06/ssl-labs-new-grades-for-trust-and-name-mismatch-issues.html',
  date: '2014-06-17',
}
const BLOG_2014_12: Source = {
  title: 'Qualys blog: SSL Labs End of Year 2014 Updates',
  url: 'https://blog.qualys.com/product-tech/2014/12/08/ssl-labs-end-of-year-2014-updates',
  date: '2014-12-08',
}
const BLOG_2015_05: Source = {
  title: 'Qualys blog: SSL Labs 1.17: RC4, Obsolete Crypto, and Logjam',
  url: 'https://blog.qualys.com/product-tech/2015/05/21/ssl-labs-117-obsolete-crypto-rc4-and-logjam',
  date: '2015-05-21',
}
const BLOG_2015_RC4_ONLY: Source = {
  title: 'Qualys blog: New Penalty for RC4-Only Servers in October 2015',
  url: 'https://blog.qualys.com/tag/rc4',
  date: '2015-09',
}
const BLOG_2017_01: Source = {
  title: 'Qualys blog: SSL Labs Grading Changes January 2017 (64-bit block ciphers with TLS 1.1 and newer)',
  url: 'https://blog.qualys.com/product-tech/2017/01/18/ssl-labs-grading-changes-january-2017',
  date: '2017-01-18',
}
const BLOG_2018_02: Source = {
  title: 'Qualys blog: SSL Labs Grading Update: Forward Secrecy, Authenticated Encryption and ROBOT (live 2018-03-01)',
  url: 'https://blog.qualys.com/ssllabs/2018/02/02/forward-secrecy-authenticated-encryption-and-robot-grading-update',
  date: '2018-02-02',
}
const BLOG_2018_11: Source = {
  title: 'Qualys blog: SSL Labs Grade Change for TLS 1.0 and TLS 1.1 Protocols (live 2020-01-31)',
  url: 'https://blog.qualys.com/ssllabs/2018/11/19/grade-change-for-tls-1-0-and-tls-1-1-protocols',
  date: '2018-11-19',
}
const TESTSSL_2009R: Source = {
  title:
    'testssl.sh 3.3dev, commit 3e465baf "bump ssllabs rating guide to 2009r" (the 2009r changes as testssl.sh reads them)',
  url: 'https://github.com/testssl/testssl.sh/commit/3e465bafe244d466ca77c8fa306c82ea1585da0b',
  date: '2025-07-08',
}
const TESTSSL_RATING: Source = {
  title: 'testssl.sh 3.3dev, set_grade_cap calls and run_rating() (how testssl.sh applies the guide)',
  url: 'https://github.com/testssl/testssl.sh/blob/3.3dev/testssl.sh',
  date: '2025-07-08',
}
const RFC_8446: Source = {
  title: 'RFC 8446 (TLS 1.3), section 9.1: mandatory-to-implement cipher suites',
  url: 'https://www.rfc-editor.org/rfc/rfc8446#section-9.1',
  date: '2018-08',
}
const BROWSERS_SHA1: Source = {
  title:
    'Chrome and Firefox stopped trusting SHA-1 certificates (Chrome 56, Firefox 51); Google Security Blog: Announcing the first SHA1 collision',
  url: 'https://security.googleblog.com/2017/02/announcing-first-sha1-collision.html',
  date: '2017-02-23',
}

export const RATING_RULES = {
  // Certificate: the guide's "Certificate Inspection" gives a zero score; since 2014 SSL Labs shows T or M instead.
  'name-mismatch': { kind: 'cap', cap: 'M', facts: ['trust.nameMatches'], sources: [GUIDE_2009E, BLOG_2014_06] },
  'cert-untrusted': {
    kind: 'cap',
    cap: 'T',
    facts: ['trust.trusted'],
    sources: [GUIDE_2009E, BLOG_2014_06],
    decision:
      "Trust is Node's verdict with its roots, the system's and any --ca root. A chain that only lacks an intermediate is the incomplete-chain rule instead, when the scanner tells the two apart (trust.incompleteChain).",
  },
  'cert-expired': {
    kind: 'cap',
    cap: 'T',
    facts: ['certificate'],
    sources: [GUIDE_2009E, BLOG_2014_06],
    decision: "Read from the leaf's dates against the scan's date.",
  },
  'cert-not-yet-valid': { kind: 'cap', cap: 'T', facts: ['certificate'], sources: [GUIDE_2009E, BLOG_2014_06] },
  'cert-lifetime': {
    kind: 'cap',
    cap: 'T',
    facts: ['certificate', 'trust.store'],
    sources: [GUIDE_2009E],
    decision:
      'The guide predates lifetime limits. Browsers refuse a publicly trusted leaf valid longer than the CA/Browser Forum allowed on its issuance date (see the table of limits below), so it is a trust failure (T). Roots the user added are exempt, as in browsers.',
  },
  'cert-distrusted': {
    kind: 'cap',
    cap: 'T',
    facts: ['certificate', 'trust.store'],
    sources: [GUIDE_2009E],
    decision:
      "The guide predates distrust by issuance date. A leaf issued after a browser stopped trusting its CA (see the table below) fails in that browser, so it is a trust failure (T), matched on the chain's issuer organisation.",
  },
  'cert-sha1': {
    kind: 'cap',
    cap: 'T',
    facts: ['certificate'],
    sources: [BLOG_2014_12, BROWSERS_SHA1, TESTSSL_RATING],
    decision:
      "A SHA-1 signature on the leaf or an intermediate (the root's own signature does not count): browsers no longer trust such chains, so T, as testssl.sh does. In 2014 SHA-1 only kept A+ away.",
  },
  'cert-md5': { kind: 'cap', cap: 'F', facts: ['certificate'], sources: [GUIDE_2009E, BLOG_2014_01] },
  'cert-incomplete-chain': {
    kind: 'cap',
    cap: 'B',
    facts: ['trust.incompleteChain'],
    sources: [BLOG_2014_12],
    decision:
      'When the scanner cannot tell an incomplete chain from an untrusted one (no trust.incompleteChain), the chain counts as untrusted (T) and the report says so.',
  },
  // Keys and key exchange: the guide's key exchange table, and the 2014 thresholds.
  'key-insecure': {
    kind: 'cap',
    cap: 'F',
    facts: ['certificate'],
    sources: [BLOG_2014_01],
    decision:
      'RSA and DSA keys below 1024 bits; elliptic-curve keys below 160 bits (as strong as RSA 1024, NIST SP 800-57 part 1 table 2).',
  },
  'key-weak': {
    kind: 'cap',
    cap: 'B',
    facts: ['certificate'],
    sources: [BLOG_2014_01],
    decision: 'RSA and DSA keys below 2048 bits; elliptic-curve keys below 224 bits.',
  },
  'dh-insecure': {
    kind: 'cap',
    cap: 'F',
    facts: ['dhe', 'dhBits'],
    sources: [GUIDE_2009E, BLOG_2014_01, BLOG_2015_05],
    decision:
      'A DHE group below 1024 bits (Logjam): the guide counts DH parameters as key strength ("Key or DH parameter strength"), and keys below 1024 bits are insecure (F).',
  },
  'dh-weak': {
    kind: 'cap',
    cap: 'B',
    facts: ['dhe', 'dhBits'],
    sources: [GUIDE_2009E, BLOG_2014_01, BLOG_2015_05],
    decision: 'A DHE group below 2048 bits (1024 is the common case): weak, as keys below 2048 bits are (B).',
  },
  export: {
    kind: 'cap',
    cap: 'F',
    facts: ['weakSuites.export'],
    sources: [GUIDE_2009E, TESTSSL_RATING],
    decision:
      "Export suites accepted (FREAK, Logjam): F, as SSL Labs has done since 2015 and testssl.sh does; the guide's table also scores an exportable key exchange 40 %.",
  },
  anonymous: {
    kind: 'cap',
    cap: 'F',
    facts: ['weakSuites.anon'],
    sources: [GUIDE_2009E],
    decision: 'Anonymous suites score 0 % in key exchange, and a zero in any category makes the total zero: F.',
  },
  'null-cipher': {
    kind: 'cap',
    cap: 'F',
    facts: ['weakSuites.null'],
    sources: [GUIDE_2009E],
    decision:
      'NULL suites (no encryption) score 0 % in cipher strength, and a zero in any category makes the total zero: F.',
  },
  // Protocols.
  ssl2: { kind: 'cap', cap: 'F', facts: ['ssl2'], sources: [GUIDE_2009E] },
  'ssl3-only': { kind: 'cap', cap: 'F', facts: ['protocols'], sources: [BLOG_2014_12] },
  'ssl3-poodle': {
    kind: 'cap',
    cap: 'C',
    facts: ['protocols.ssl3', 'suitesByProtocol.ssl3'],
    sources: [BLOG_2014_12],
    decision: 'SSL 3 with a CBC suite accepted under it is vulnerable to POODLE: C.',
  },
  ssl3: {
    kind: 'cap',
    cap: 'B',
    facts: ['protocols.ssl3'],
    sources: [BLOG_2014_12],
    decision:
      'The guide\'s history gives SSL 3 B since December 2014 and C with POODLE. Vigie follows it: B when SSL 3 is offered with RC4 only, C when a CBC suite is accepted under it, and B with a "not tested" line when the suites under SSL 3 were not probed (an unknown never lowers the rating).',
  },
  'tls10-11': { kind: 'cap', cap: 'B', facts: ['protocols.tls1', 'protocols.tls1_1'], sources: [BLOG_2018_11] },
  'no-tls12': {
    kind: 'cap',
    cap: 'C',
    facts: ['protocols.tls1_2', 'protocols.tls1_3'],
    sources: [BLOG_2015_05, BLOG_2017_01],
    decision:
      'Applied when neither TLS 1.2 nor TLS 1.3 is offered. The 2015 rule asked for a modern protocol; a TLS 1.3-only server has a better one, so it is not capped (testssl.sh does the same).',
  },
  'no-tls13': {
    kind: 'warning',
    cap: 'A-',
    facts: ['protocols.tls1_3'],
    sources: [GUIDE, TESTSSL_2009R],
    decision: 'Version 2009r makes the lack of TLS 1.3 a warning: an A becomes A-.',
  },
  // Ciphers.
  'rc4-only': { kind: 'cap', cap: 'F', facts: ['weakSuites.rc4', 'suitesByProtocol'], sources: [BLOG_2015_RC4_ONLY] },
  'rc4-modern': {
    kind: 'cap',
    cap: 'C',
    facts: ['suitesByProtocol.tls1_1', 'suitesByProtocol.tls1_2'],
    sources: [BLOG_2015_05],
    decision:
      'SSL Labs caps RC4 "used with" TLS 1.1 and newer, from its browser simulations. Vigie has no simulations: RC4 accepted under TLS 1.1 or 1.2 when a client offers it counts.',
  },
  rc4: { kind: 'cap', cap: 'B', facts: ['weakSuites.rc4'], sources: [BLOG_2014_12, BLOG_2015_05] },
  '3des-modern': {
    kind: 'cap',
    cap: 'C',
    facts: ['suitesByProtocol.tls1_1', 'suitesByProtocol.tls1_2'],
    sources: [BLOG_2017_01],
    decision:
      'SSL Labs caps 3DES (any 64-bit block cipher) negotiated with TLS 1.1 or newer by its browser simulations; Vigie has none, so 3DES accepted under TLS 1.1 or 1.2 counts, as in testssl.sh. 3DES only under SSL 3 and TLS 1.0 is not capped.',
  },
  'no-forward-secrecy': {
    kind: 'cap',
    cap: 'B',
    facts: ['forwardSecrecyPreferred', 'negotiated'],
    sources: [BLOG_2018_02],
    decision:
      '"Not supported with reference browsers": the normal handshake negotiated static RSA, or the server picks static RSA when a client offers both. A server that merely accepts static RSA from a client offering nothing else is not capped.',
  },
  'no-aead': {
    kind: 'cap',
    cap: 'B',
    facts: ['aead', 'negotiated'],
    sources: [BLOG_2018_02],
    decision:
      'No AEAD suite accepted, or a modern client offering AEAD suites gets a CBC or stream suite (the blog: no penalty when AEAD is negotiated with clients that support it).',
  },
  // Vulnerabilities.
  heartbleed: { kind: 'cap', cap: 'F', facts: ['heartbleed'], sources: [BLOG_2014_12, TESTSSL_RATING] },
  'ccs-injection': { kind: 'cap', cap: 'F', facts: ['ccsInjection'], sources: [BLOG_2014_12, TESTSSL_RATING] },
  robot: { kind: 'cap', cap: 'F', facts: ['robot'], sources: [BLOG_2018_02] },
  compression: {
    kind: 'cap',
    cap: 'C',
    facts: ['compression'],
    sources: [GUIDE_2009E, TESTSSL_RATING],
    decision:
      "TLS compression (CRIME). The guide's change 2009c capped it at B; SSL Labs and testssl.sh cap it at C today, and so does Vigie.",
  },
  'no-secure-renegotiation': {
    kind: 'warning',
    cap: 'A-',
    facts: ['secureRenegotiation'],
    sources: [BLOG_2014_01],
    decision:
      'No RFC 5746 renegotiation_info: a warning (A-). Insecure client-initiated renegotiation, which the guide fails (2009c), needs a renegotiation the scanner does not attempt: listed as not tested.',
  },
  // HSTS: A+ and the warnings.
  'hsts-missing': {
    kind: 'warning',
    cap: 'A-',
    facts: ['hsts'],
    sources: [GUIDE_2009E, BLOG_2014_01],
    decision:
      'No valid Strict-Transport-Security header is a warning (2009e: "No support for HTTP Strict Transport Security"), so A-, as issue #20 asks. Live SSL Labs and testssl.sh 3.3dev give A without HSTS: the one difference Vigie keeps on purpose.',
  },
  'hsts-short': {
    kind: 'no-a-plus',
    cap: 'A',
    facts: ['hsts'],
    sources: [BLOG_2014_01],
    decision:
      'A+ asks for HSTS with "a long max-age": at least 180 days (15552000 seconds), the value SSL Labs and testssl.sh use.',
  },
  // Notes: said, never a cap.
  'post-quantum': {
    kind: 'note',
    cap: 'A+',
    facts: ['groups'],
    sources: [GUIDE],
    decision:
      'The guide says nothing of post-quantum key exchange. Whether X25519MLKEM768 (the default of Chrome and Firefox) is offered is a plain note, never a cap.',
  },
  'fallback-scsv': {
    kind: 'note',
    cap: 'A+',
    facts: ['fallbackScsv'],
    sources: [BLOG_2014_12, TESTSSL_2009R],
    decision:
      'Required for A+ since 2014; testssl.sh dropped it with 2009r (TLS 1.3 has its own downgrade protection). A note only.',
  },
  'cipher-list': {
    kind: 'note',
    cap: 'A+',
    facts: ['negotiated'],
    sources: [GUIDE_2009E, RFC_8446],
    decision:
      "The scanner does not list every suite: the cipher score takes as the strongest the normal handshake's suite, or 256 bits when a hello offering only 256-bit suites is accepted (the strong-cipher probe), and as the weakest the weakest family it found accepted (NULL, export, RC4, 3DES), or AES-128 when TLS 1.3 is offered (mandatory there). 3DES counts 168 bits, the guide's own example.",
  },
} as const satisfies Record<RatingRuleId, RatingRule>

/** Checks the scanner names but does not make: always listed as not tested (the guide caps some of them). */
export const NEVER_TESTED = [
  'revocation',
  'insecure-renegotiation',
  'drown-other-hosts',
  'ticketbleed',
  'poodle-tls',
] as const
