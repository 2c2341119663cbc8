/**
 * What Vigie accepts from each service, checked before use. Unknown fields are allowed (services add fields);
 * lengths and counts are bounded; anything else is rejected as an unexpected response.
 */
import * as v from 'valibot'

const text = (max: number) => v.pipe(v.string(), v.maxLength(max))
const count = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max))
const time = v.pipe(v.number(), v.finite())

export const SslLabsHostSchema = v.looseObject({
  host: v.optional(text(253)),
  status: v.picklist(['DNS', 'ERROR', 'IN_PROGRESS', 'READY']),
  statusMessage: v.optional(text(500)),
  startTime: v.optional(time),
  testTime: v.optional(time),
  cacheExpiryTime: v.optional(time),
  endpoints: v.optional(
    count(
      v.looseObject({
        ipAddress: v.optional(text(64)),
        statusMessage: v.optional(text(500)),
        grade: v.optional(text(3)),
        progress: v.optional(v.number()),
        details: v.optional(
          v.looseObject({
            protocols: v.optional(
              count(v.looseObject({ name: v.optional(text(10)), version: v.optional(text(10)) }), 16),
            ),
            suites: v.optional(
              count(
                v.looseObject({
                  list: v.optional(
                    count(v.looseObject({ name: v.optional(text(100)), cipherStrength: v.optional(v.number()) }), 200),
                  ),
                }),
                16,
              ),
            ),
            forwardSecrecy: v.optional(v.number()),
            certChains: v.optional(
              count(v.looseObject({ certIds: v.optional(count(text(128), 16)), issues: v.optional(v.number()) }), 16),
            ),
          }),
        ),
      }),
      32,
    ),
  ),
  certs: v.optional(
    count(
      v.looseObject({
        id: v.optional(text(128)),
        subject: v.optional(text(2048)),
        issuerSubject: v.optional(text(2048)),
        notBefore: v.optional(time),
        notAfter: v.optional(time),
        sigAlg: v.optional(text(60)),
        keyAlg: v.optional(text(20)),
        keySize: v.optional(v.number()),
        validationType: v.optional(v.nullable(text(4))),
        issues: v.optional(v.number()),
      }),
      64,
    ),
  ),
})

export const ObservatoryScanSchema = v.looseObject({
  id: v.optional(v.number()),
  details_url: v.optional(text(500)),
  algorithm_version: v.optional(v.number()),
  scanned_at: v.optional(text(40)),
  error: v.optional(v.nullable(text(500))),
  grade: v.optional(v.nullable(text(3))),
  score: v.optional(v.nullable(v.number())),
  status_code: v.optional(v.nullable(v.number())),
  tests_failed: v.optional(v.number()),
  tests_passed: v.optional(v.number()),
  tests_quantity: v.optional(v.number()),
})

export const PreloadStatusSchema = v.looseObject({
  name: v.optional(text(253)),
  status: text(40),
})
