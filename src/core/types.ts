/** Shared vocabulary of the pure core: facts in, findings and a grade out. */

export const GRADES = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'] as const
export type Grade = (typeof GRADES)[number]

export const STRICTNESS_LEVELS = ['relaxed', 'standard', 'strict'] as const
export type Strictness = (typeof STRICTNESS_LEVELS)[number]

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** The groups of facts a report can rest on; a missing group never lowers a grade. */
export const FACT_GROUPS = ['page', 'transport', 'certificate', 'tls', 'online', 'account'] as const
export type FactGroup = (typeof FACT_GROUPS)[number]

/** Finding ids are an API (SPEC.md section 3): add freely, never rename or reuse. */
export const FINDING_IDS = [
  'http-page',
  'http-login-form',
  'form-action-http',
  'password-in-url',
  'hsts-missing',
  'hsts-invalid',
  'hsts-short-max-age',
  'hsts-no-subdomains',
  'hsts-not-preloaded',
  'cert-sha1',
  'cert-not-ev',
  'cert-expired',
  'cert-expiring-soon',
  'cert-untrusted',
  'cert-weak-key',
  'tls-legacy-protocol',
  'tls-no-forward-secrecy',
  'tls-weak-cipher',
  'tls-no-tls13',
  'ssllabs-grade',
  'observatory-grade',
  'tls-weak-dh',
  'tls-no-fallback-scsv',
  'tls-vulnerable',
  'tls-compression',
  'http-not-redirected',
  'plaintext-offender',
  'password-short-max-length',
  'no-2fa',
  '2fa-sms-only',
  'scan-incomplete',
] as const
export type FindingId = (typeof FINDING_IDS)[number]

/** Findings about the site's accounts rather than its connection (SPEC.md section 8): the UI shows them apart. */
export const ACCOUNT_FINDING_IDS: readonly FindingId[] = [
  'plaintext-offender',
  'password-short-max-length',
  'no-2fa',
  '2fa-sms-only',
]

export type FactSource = 'browser' | 'ssllabs' | 'observatory' | 'hstspreload' | 'scanner'

/** One form (or lone password field) as the content script describes it. Never holds field values. */
export interface FormFact {
  /** Absolute URL the form submits to (action, a submit button's formaction, <base href>). */
  action: string
  method: 'get' | 'post' | 'dialog'
  /** The method came from markup; a form with neither method nor action is submitted by script. */
  explicit: boolean
  password: boolean
}

/** A password field whose maxlength attribute caps what can be typed (never the field's value). */
export interface PasswordLimit {
  maxLength: number
  /** autocomplete="new-password": the field sets a password, so its cap is the site's rule. */
  newPassword: boolean
}

/** What the content script saw in one frame. */
export interface FrameFact {
  /** The frame document's URL. */
  url: string
  /** True for the top-level document; frames are only counted when same-origin with the top. */
  top: boolean
  passwordFields: number
  forms: FormFact[]
  /** Password fields with a maxlength, each distinct cap once; absent when there is none. */
  passwordLimits?: PasswordLimit[]
}

export interface PageFacts {
  /** The top document's URL; the scheme decides http-page. */
  url: string
  /** Frames seen by the content script, top first; absent until the content script reported. */
  frames?: FrameFact[]
}

export interface TransportFacts {
  /** Raw Strict-Transport-Security value; null when the response had none. */
  hstsHeader: string | null
  /** The response came from the HTTP cache, where browsers drop the HSTS header. */
  fromCache: boolean
  /** The browser itself upgraded http to https (307 "HSTS" redirect) or said the host was HSTS. */
  knownHsts: boolean
}

export interface CertificateSummary {
  subject: string
  issuer: string
  signatureAlgorithm: string
  /** Lower-case hash name ("sha256", "sha1", "md5"), or "unknown". */
  signatureHash: string
  keyType: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown'
  keyBits: number
  notBefore: string
  notAfter: string
  selfSigned: boolean
}

export interface CertificateFacts {
  /** Leaf first. */
  chain: CertificateSummary[]
  /** 'non-EV' when a source only says the leaf is not Extended Validation (SSL Labs). */
  validation: 'EV' | 'OV' | 'DV' | 'non-EV' | 'unknown'
  /** The user clicked through a trust error (unknown issuer, self-signed, name mismatch, dates). */
  overridden: boolean
  /** Where these facts come from, and when they were observed (ISO date). */
  source: FactSource
  observedAt?: string
}

export interface TlsFacts {
  /** "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3". */
  protocol: string
  /** IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; may be empty when unknown. */
  cipherSuite: string
  /** Key exchange group (x25519, P256, ...); empty when unknown. */
  keaGroup: string
  /** The browser marked the connection weak. */
  weak: boolean
  /** Protocols the server offers beyond the one negotiated (from an online scan). */
  offeredProtocols?: string[]
  /** The server offers suites without forward secrecy to some clients (online scan). */
  offersNoForwardSecrecy?: boolean
  /** Cipher suites the server offers (online scan). */
  offeredSuites?: string[]
  source: FactSource
  observedAt?: string
}

/** A cached online grade. */
export interface OnlineGrade {
  /** The service's own letter (SSL Labs: A+..F, T, M; Observatory: A+..F with + and -). */
  grade: string
  observedAt: string
}

export interface OnlineFacts {
  ssllabs?: OnlineGrade & { certificate?: CertificateFacts; tls?: TlsFacts }
  observatory?: OnlineGrade
  /** hstspreload.org status for the host. */
  preload?: { status: string; observedAt: string }
}

/** A scanner verdict: true, false, or null when the scanner could not learn it (see ScanFacts.unknown). */
export type Tri = boolean | null

/** Which suite families a server accepts under one protocol version (issue #20). */
export interface ProtocolSuites {
  rc4: Tri
  tripleDes: Tri
  /** Only CBC suites are accepted under this version (no AEAD, no stream cipher). */
  cbcOnly: Tri
  null: Tri
  anon: Tri
  export: Tri
  aead: Tri
}

/** A fact the scanner could not learn, and why ("connection reset", "no answer in 5 s", "garbage reply"). */
export interface ScanUnknown {
  /** The probe or fact concerned: "ssl3", "export", "fallback-scsv", "hsts", ... */
  check: string
  reason: string
}

/**
 * Why a host could not be scanned at all. When ScanFacts.error is set, every other fact is unknown and no grade
 * can be given (the CLI exits 1).
 */
export interface ScanError {
  code: 'unknown-host' | 'refused' | 'timeout' | 'unreachable' | 'not-tls' | 'aborted'
  reason: string
}

/**
 * A server to scan: its host name (for SNI and the certificate check), its port, and where to connect when it is
 * known (the address the browser connected to, or the host itself when it is an IP literal). One definition for the
 * background, the companion and the scanner.
 */
export interface ScanTarget {
  host: string
  port: number
  address?: string
}

/**
 * What Vigie's local scanner learned about one host:port (SPEC.md section 7), from this computer. Plain JSON: it
 * travels through native messaging and the CLI's --json. Every verdict may be null (unknown), with its reason in
 * `unknown`; an unknown never lowers a grade.
 */
export interface ScanFacts {
  /** ISO date of the scan. */
  observedAt: string
  host: string
  port: number
  /** The address actually connected to, when known. */
  address?: string
  /** Set when nothing could be learned (unknown host, refused, timeout, not TLS). */
  error?: ScanError
  /** Protocol versions the server accepts, each tried on its own. */
  protocols: { ssl3: Tri; tls1: Tri; tls1_1: Tri; tls1_2: Tri; tls1_3: Tri }
  /** What a normal, modern handshake negotiated; null when it failed. */
  negotiated: {
    /** "TLSv1.3", "TLSv1.2", ... */
    protocol: string
    /** IANA name, e.g. TLS_AES_128_GCM_SHA256. */
    cipherSuite: string
    /** "ECDHE", "DHE" or "RSA" (static, no forward secrecy), or "" when unknown. */
    keyExchange: string
    /** The ephemeral group: "X25519", "prime256v1", "ffdhe2048"/"DH 1024", or "". */
    group: string
  } | null
  /** Weak suite families the server accepts (raw ClientHello probes). */
  weakSuites: { export: Tri; rc4: Tri; tripleDes: Tri; null: Tri; anon: Tri }
  /** IANA names of the weak suites the server chose, for the details (bounded). */
  acceptedWeakSuites: string[]
  /** The server accepts a key exchange without forward secrecy (static RSA) when a client offers only that. */
  staticRsa: Tri
  /** Offered both, the server picks a forward-secret suite. */
  forwardSecrecyPreferred: Tri
  /** Bits of the finite-field DH group the server uses with DHE suites; null when unknown or no DHE. */
  dhBits: number | null
  /** The server accepts DHE suites. */
  dhe: Tri
  /**
   * TLS_FALLBACK_SCSV (RFC 7507): true when a hello below the best version carrying 0x5600 gets
   * inappropriate_fallback; null when unknown or when the server offers only one protocol (nothing to downgrade to).
   */
  fallbackScsv: Tri
  /** The served chain as the core reads it (source 'scanner'); null when not read. */
  certificate: CertificateFacts | null
  /** Whether Node's root store (with NODE_EXTRA_CA_CERTS and --ca) trusts the chain for this name. */
  trust: {
    trusted: boolean
    nameMatches: boolean
    error: string | null
    /** Which store decided (issue #21): Node's bundled roots, the system's store, or an extra root (--ca, NODE_EXTRA_CA_CERTS). */
    store?: 'node' | 'system' | 'extra' | null
    /** The served chain lacks an intermediate that a trusted root would need (told apart from an untrusted root). */
    incompleteChain?: boolean
  } | null
  /** The Strict-Transport-Security header of an https GET of "/" (header null: none sent); null when unknown. */
  hsts: { header: string | null } | null
  /** What the plain-http address does. */
  httpRedirect: 'redirects-to-https' | 'serves-pages' | 'no-http' | 'unknown'
  /**
   * Issue #20's probes. Each is optional (a companion or a saved result from before them has none) and, like every
   * verdict, null when the probe could not tell (with its reason in `unknown`); absent means "not probed".
   */
  /** The server answers an SSL 2 CLIENT-HELLO with a SERVER-HELLO. */
  ssl2?: Tri
  /** Per protocol version below TLS 1.3, which suite families the server accepts under it. */
  suitesByProtocol?: Partial<Record<'ssl3' | 'tls1' | 'tls1_1' | 'tls1_2', ProtocolSuites>>
  /** Any AEAD suite (GCM, CCM, ChaCha20-Poly1305; every TLS 1.3 suite) is accepted. */
  aead?: Tri
  /** Some 256-bit cipher (AES-256, ChaCha20, Camellia-256) is accepted: the strongest cipher the rating scores. */
  strongCipher?: Tri
  /** The ServerHello carries renegotiation_info (RFC 5746). */
  secureRenegotiation?: Tri
  /** The server accepts TLS compression (DEFLATE): CRIME. */
  compression?: Tri
  /** The server offers the heartbeat extension (RFC 6520). */
  heartbeat?: Tri
  /** Heartbleed (CVE-2014-0160), tested without reading server memory. */
  heartbleed?: Tri
  /** OpenSSL CCS injection (CVE-2014-0224). */
  ccsInjection?: Tri
  /** ROBOT: the server's RSA decryption is an oracle (only tested when static RSA is accepted). */
  robot?: Tri
  /** Named groups the server accepts for (EC)DHE key exchange, IANA names ("x25519", "secp256r1", "X25519MLKEM768"). */
  groups?: string[] | null
  /** Checks named in the report as not tested (they need a TLS stack of Vigie's own): "zombie-poodle", ... */
  notTested?: string[]
  /** Connections the scan used. */
  connections: number
  /** Milliseconds the scan took. */
  durationMs: number
  unknown: ScanUnknown[]
}

/** 2fa.directory's names for second factors (SPEC.md section 8), in the order Vigie lists them. */
export const TWO_FACTOR_METHODS = ['sms', 'call', 'email', 'totp', 'u2f', 'custom-software', 'custom-hardware'] as const
export type TwoFactorMethod = (typeof TWO_FACTOR_METHODS)[number]

/**
 * What the data sets shipped with Vigie say about the site's accounts (SPEC.md section 8), matched by registrable
 * domain. Each part names the domain it was found under and the date of its data set (ISO date).
 */
export interface AccountFacts {
  /** Plain Text Offenders: the site's latest report of mailing a user's own password in clear. */
  offender?: { domain: string; date: string; url: string; reports: number; reformed: boolean; dataDate: string }
  /** 2fa.directory: the second factors offered (none: the directory lists the site without 2FA). */
  twoFactor?: { domain: string; methods: TwoFactorMethod[]; documentation?: string; dataDate: string }
  /** Apple's password rules: the longest password the site accepts. */
  passwordRules?: { domain: string; maxLength: number; dataDate: string }
  /** Apple's list of the pages where the site's users change their password. */
  changePasswordUrl?: string
}

/** Everything known about one page; any group may be missing. */
export interface SiteFacts {
  page: PageFacts
  transport?: TransportFacts
  certificate?: CertificateFacts
  tls?: TlsFacts
  online?: OnlineFacts
  /** What Vigie's local scanner learned about the page's host and port. */
  scan?: ScanFacts
  /** What the data sets shipped with Vigie say about the site's accounts. */
  account?: AccountFacts
}

/** A check's raw result: the id, an optional variant that selects a rubric row, and details for the UI. */
export interface Observation {
  id: FindingId
  variant?: string
  /** Short machine-readable details (never page text rendered as HTML). */
  detail?: Record<string, string | number | boolean>
  source?: FactSource
  observedAt?: string
  /** For online grades, the cap is the service's own grade. */
  grade?: Grade
}

export interface Finding extends Observation {
  severity: Severity
  cap: Grade
}

export interface Report {
  grade: Grade
  findings: Finding[]
  coverage: Record<FactGroup, boolean>
  strictness: Strictness
}

/** Each check is a pure function from facts to observations, with the ids it may produce. */
export interface Check {
  name: string
  ids: readonly FindingId[]
  groups: readonly FactGroup[]
  run(facts: SiteFacts, strictness: Strictness): Observation[]
}
