/** Passing baselines for the tests: a clean https login page as Firefox sees it, a clean scan. Change one thing. */
import type {
  CertificateFacts,
  FrameFact,
  ProtocolSuites,
  ScanFacts,
  SiteFacts,
  TlsFacts,
} from '../../src/core/index.ts'

export const OBSERVED = '2026-06-01T00:00:00.000Z'

export function cleanCertificate(): CertificateFacts {
  return {
    chain: [
      {
        subject: 'CN=console.example.com',
        issuer: 'CN=Example CA',
        signatureAlgorithm: 'ecdsa-with-SHA256',
        signatureHash: 'sha256',
        keyType: 'EC',
        keyBits: 256,
        notBefore: '2026-01-01T00:00:00.000Z',
        notAfter: '2027-01-01T00:00:00.000Z',
        selfSigned: false,
      },
      {
        subject: 'CN=Example CA',
        issuer: 'CN=Example Root',
        signatureAlgorithm: 'sha256WithRSAEncryption',
        signatureHash: 'sha256',
        keyType: 'RSA',
        keyBits: 2048,
        notBefore: '2020-01-01T00:00:00.000Z',
        notAfter: '2030-01-01T00:00:00.000Z',
        selfSigned: false,
      },
      {
        subject: 'CN=Example Root',
        issuer: 'CN=Example Root',
        signatureAlgorithm: 'sha1WithRSAEncryption',
        signatureHash: 'sha1',
        keyType: 'RSA',
        keyBits: 4096,
        notBefore: '2010-01-01T00:00:00.000Z',
        notAfter: '2035-01-01T00:00:00.000Z',
        selfSigned: true,
      },
    ],
    validation: 'EV',
    overridden: false,
    source: 'browser',
    observedAt: OBSERVED,
  }
}

export function cleanTls(): TlsFacts {
  return {
    protocol: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    keaGroup: 'x25519',
    weak: false,
    source: 'browser',
    observedAt: OBSERVED,
  }
}

export function loginFrame(url = 'https://console.example.com/login'): FrameFact {
  return {
    url,
    top: true,
    passwordFields: 1,
    forms: [{ action: 'https://console.example.com/session', method: 'post', explicit: true, password: true }],
  }
}

export function cleanSite(): SiteFacts {
  return {
    page: { url: 'https://console.example.com/login', frames: [loginFrame()] },
    transport: { hstsHeader: 'max-age=31536000; includeSubDomains; preload', fromCache: false, knownHsts: false },
    certificate: cleanCertificate(),
    tls: cleanTls(),
  }
}

/** The same page as Chrome sees it: no certificate or TLS facts. */
export function chromeSite(): SiteFacts {
  const { certificate: _c, tls: _t, ...rest } = cleanSite()
  return rest
}

export function httpSite(frames?: FrameFact[]): SiteFacts {
  return {
    page: { url: 'http://shop.example.com/', ...(frames ? { frames } : {}) },
    transport: { hstsHeader: null, fromCache: false, knownHsts: false },
  }
}

/** What the scanner saw offered under one protocol version, when nothing weak is. */
export const NO_WEAK_SUITES: ProtocolSuites = {
  rc4: false,
  tripleDes: false,
  cbcOnly: false,
  null: false,
  anon: false,
  export: false,
  aead: true,
}

/** A scan that rates A+: TLS 1.2 and 1.3, ECDHE, AEAD, a trusted EC 256 leaf, long HSTS, every new probe clean. */
export function cleanScan(): ScanFacts {
  return {
    observedAt: OBSERVED,
    host: 'console.example.com',
    port: 443,
    address: '192.0.2.1',
    protocols: { ssl3: false, tls1: false, tls1_1: false, tls1_2: true, tls1_3: true },
    negotiated: { protocol: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', keyExchange: 'ECDHE', group: 'X25519' },
    weakSuites: { export: false, rc4: false, tripleDes: false, null: false, anon: false },
    acceptedWeakSuites: [],
    staticRsa: false,
    forwardSecrecyPreferred: true,
    dhBits: null,
    dhe: false,
    fallbackScsv: true,
    certificate: { ...cleanCertificate(), source: 'scanner' },
    trust: { trusted: true, nameMatches: true, error: null, store: 'node', incompleteChain: false },
    hsts: { header: 'max-age=31536000; includeSubDomains' },
    httpRedirect: 'redirects-to-https',
    ssl2: false,
    suitesByProtocol: { tls1_2: { ...NO_WEAK_SUITES } },
    aead: true,
    secureRenegotiation: true,
    compression: false,
    heartbeat: false,
    heartbleed: false,
    ccsInjection: false,
    robot: false,
    groups: ['x25519', 'secp256r1', 'X25519MLKEM768'],
    notTested: [],
    connections: 20,
    durationMs: 400,
    unknown: [],
  }
}
