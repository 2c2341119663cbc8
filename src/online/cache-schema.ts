/**
 * The shape of a stored online answer (background/online.ts keeps them in storage.local): validated when read back,
 * since what storage holds is input too. Mirrors LookupResult and OnlineFacts; the compiler checks they agree
 * (bottom). Strings and lists are capped as the services' own schemas cap them.
 */
import * as v from 'valibot'
import type { CertificateFacts, OnlineFacts, TlsFacts } from '../core/types.ts'
import { SOURCES, type SourceId } from '../settings.ts'
import { LOOKUP_ERRORS, type LookupError } from './errors.ts'
import type { LookupResult } from './sources.ts'

const text = (max = 300) => v.pipe(v.string(), v.maxLength(max))
const list = (max: number) => v.pipe(v.array(text(100)), v.maxLength(max))
const time = v.pipe(v.number(), v.finite())
const source = v.picklist(['browser', 'ssllabs', 'observatory', 'hstspreload', 'scanner'])

const CertificateSchema = v.object({
  chain: v.pipe(
    v.array(
      v.object({
        subject: text(1000),
        issuer: text(1000),
        signatureAlgorithm: text(100),
        signatureHash: text(40),
        keyType: v.picklist(['RSA', 'EC', 'Ed25519', 'Ed448', 'DSA', 'unknown']),
        keyBits: v.pipe(v.number(), v.integer(), v.minValue(0)),
        notBefore: text(40),
        notAfter: text(40),
        selfSigned: v.boolean(),
      }),
    ),
    v.maxLength(10),
  ),
  validation: v.picklist(['EV', 'OV', 'DV', 'non-EV', 'unknown']),
  overridden: v.boolean(),
  source,
  observedAt: v.optional(text(40)),
})

const TlsSchema = v.object({
  protocol: text(40),
  cipherSuite: text(100),
  keaGroup: text(40),
  weak: v.boolean(),
  offeredProtocols: v.optional(list(16)),
  offersNoForwardSecrecy: v.optional(v.boolean()),
  offeredSuites: v.optional(list(200)),
  source,
  observedAt: v.optional(text(40)),
})

const grade = { grade: text(10), observedAt: text(40) }

const OnlineFactsSchema = v.object({
  ssllabs: v.optional(v.object({ ...grade, certificate: v.optional(CertificateSchema), tls: v.optional(TlsSchema) })),
  observatory: v.optional(v.object(grade)),
  preload: v.optional(v.object({ status: text(40), observedAt: text(40) })),
})

export const LookupResultSchema = v.variant('state', [
  v.object({ state: v.literal('ready'), facts: OnlineFactsSchema, expiresAt: time }),
  v.object({ state: v.literal('pending'), progress: v.number() }),
  v.object({
    state: v.literal('error'),
    error: v.picklist(LOOKUP_ERRORS),
    retryAfterMs: v.optional(time),
    message: v.optional(text(1000)),
  }),
])

/** One cached answer: the result, when it was fetched, when a ready one expires, when a pending one started. */
export const CacheEntrySchema = v.object({
  result: LookupResultSchema,
  fetchedAt: time,
  expiresAt: v.optional(time),
  since: v.optional(time),
})

export type CacheEntry = v.InferOutput<typeof CacheEntrySchema>

const BackoffSchema = v.object({ until: time, error: v.picklist(LOOKUP_ERRORS) })
export type Backoff = v.InferOutput<typeof BackoffSchema>

/**
 * The valid entries of a per-source record read back from storage: one source at a time, so one bad entry (an older
 * version's shape, a hand edit) drops that source's entry alone, and anything that is not a record gives none.
 */
function perSource<T>(raw: unknown, entry: v.GenericSchema<unknown, T>): Partial<Record<SourceId, T>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const out: Partial<Record<SourceId, T>> = {}
  for (const source of SOURCES) {
    const parsed = v.safeParse(entry, (raw as Record<string, unknown>)[source])
    if (parsed.success) out[source] = parsed.output
  }
  return out
}

/** When each source may be asked again after a 429, 503 or 529 (storage.local onlineBackoff). */
export const readBackoff = (raw: unknown): Partial<Record<SourceId, Backoff>> => perSource(raw, BackoffSchema)

/** The problem only the user can fix, per source (storage.local onlineProblems), shown by the options page. */
export const readProblems = (raw: unknown): Partial<Record<SourceId, LookupError>> =>
  perSource(raw, v.picklist(LOOKUP_ERRORS))

// A drift between these schemas and the types they mirror fails typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _SCHEMAS_MATCH_TYPES: [
  Same<v.InferOutput<typeof LookupResultSchema>, LookupResult>,
  Same<v.InferOutput<typeof OnlineFactsSchema>, OnlineFacts>,
  Same<v.InferOutput<typeof CertificateSchema>, CertificateFacts>,
  Same<v.InferOutput<typeof TlsSchema>, TlsFacts>,
] = [true, true, true, true]
