/**
 * The shape of the scanner's facts as they arrive from the companion: the background validates every reply against
 * it before grading (a companion is another program; its output is input like any other). Bounded: strings, lists
 * and the chain are capped. Mirrors ScanFacts in src/core/types.ts; the compiler checks the two agree (bottom).
 */
import * as v from 'valibot'
import type { CertificateFacts, ScanFacts } from '../core/types.ts'

const text = (max = 300) => v.pipe(v.string(), v.maxLength(max))
const tri = v.nullable(v.boolean())
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9))

const CertificateSummarySchema = v.object({
  subject: text(1000),
  issuer: text(1000),
  signatureAlgorithm: text(100),
  signatureHash: text(40),
  keyType: v.picklist(['RSA', 'EC', 'Ed25519', 'Ed448', 'DSA', 'unknown']),
  keyBits: count,
  notBefore: text(40),
  notAfter: text(40),
  selfSigned: v.boolean(),
})

const CertificateFactsSchema = v.object({
  chain: v.pipe(v.array(CertificateSummarySchema), v.maxLength(10)),
  validation: v.picklist(['EV', 'OV', 'DV', 'non-EV', 'unknown']),
  overridden: v.boolean(),
  source: v.picklist(['browser', 'ssllabs', 'observatory', 'hstspreload', 'scanner']),
  observedAt: v.optional(text(40)),
})

const ProtocolSuitesSchema = v.object({
  rc4: tri,
  tripleDes: tri,
  cbcOnly: tri,
  null: tri,
  anon: tri,
  export: tri,
  aead: tri,
})

export const ScanFactsSchema = v.object({
  observedAt: text(40),
  host: text(260),
  port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
  address: v.optional(text(60)),
  error: v.optional(
    v.object({
      code: v.picklist(['unknown-host', 'refused', 'timeout', 'unreachable', 'not-tls', 'aborted']),
      reason: text(),
    }),
  ),
  protocols: v.object({ ssl3: tri, tls1: tri, tls1_1: tri, tls1_2: tri, tls1_3: tri }),
  negotiated: v.nullable(
    v.object({ protocol: text(20), cipherSuite: text(100), keyExchange: text(20), group: text(40) }),
  ),
  weakSuites: v.object({ export: tri, rc4: tri, tripleDes: tri, null: tri, anon: tri }),
  acceptedWeakSuites: v.pipe(v.array(text(100)), v.maxLength(50)),
  staticRsa: tri,
  forwardSecrecyPreferred: tri,
  dhBits: v.nullable(count),
  dhe: tri,
  fallbackScsv: tri,
  certificate: v.nullable(CertificateFactsSchema),
  trust: v.nullable(
    v.object({
      trusted: v.boolean(),
      nameMatches: v.boolean(),
      error: v.nullable(text()),
      store: v.optional(v.nullable(v.picklist(['node', 'system', 'extra']))),
      incompleteChain: v.optional(v.boolean()),
    }),
  ),
  hsts: v.nullable(v.object({ header: v.nullable(text(1024)) })),
  httpRedirect: v.picklist(['redirects-to-https', 'serves-pages', 'no-http', 'unknown']),
  // Issue #20's probes: optional, since a companion from before them sends none.
  ssl2: v.optional(tri),
  suitesByProtocol: v.optional(
    v.object({
      ssl3: v.optional(ProtocolSuitesSchema),
      tls1: v.optional(ProtocolSuitesSchema),
      tls1_1: v.optional(ProtocolSuitesSchema),
      tls1_2: v.optional(ProtocolSuitesSchema),
    }),
  ),
  aead: v.optional(tri),
  strongCipher: v.optional(tri),
  secureRenegotiation: v.optional(tri),
  compression: v.optional(tri),
  heartbeat: v.optional(tri),
  heartbleed: v.optional(tri),
  ccsInjection: v.optional(tri),
  robot: v.optional(tri),
  groups: v.optional(v.nullable(v.pipe(v.array(text(40)), v.maxLength(32)))),
  notTested: v.optional(v.pipe(v.array(text(40)), v.maxLength(20))),
  connections: count,
  durationMs: count,
  unknown: v.pipe(v.array(v.object({ check: text(60), reason: text() })), v.maxLength(60)),
})

/** The facts, or null when the companion sent something else. */
export function parseScanFacts(raw: unknown): ScanFacts | null {
  const parsed = v.safeParse(ScanFactsSchema, raw)
  return parsed.success ? (parsed.output as ScanFacts) : null
}

// The schema's output must be a ScanFacts, and a ScanFacts must pass the schema's shape: a drift fails typecheck.
// (Exported so that it counts as used; nothing imports it.)
type Output = v.InferOutput<typeof ScanFactsSchema>
/** @public */
export const SCHEMA_MATCHES_TYPE: [
  Output extends ScanFacts ? true : false,
  ScanFacts extends Output ? true : false,
  CertificateFacts extends v.InferOutput<typeof CertificateFactsSchema> ? true : false,
] = [true, true, true]
