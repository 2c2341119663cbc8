/** `npm run bench`: the core's hot paths. The certificate inspector should stay under 2 ms for a chain. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { bench, describe } from 'vitest'
import { gradeSite, inspectCertificateChain, parseHsts } from '../../src/core/index.ts'
import { cleanSite } from '../support/baseline.ts'

const der = (name: string) =>
  new Uint8Array(readFileSync(resolve(import.meta.dirname, `../fixtures/certs/${name}.der`)))
const chain = [der('leaf-p256'), der('inter'), der('root')]
const now = new Date('2026-06-01T00:00:00Z')
const facts = {
  ...cleanSite(),
  online: {
    ssllabs: { grade: 'A', observedAt: now.toISOString() },
    observatory: { grade: 'B+', observedAt: now.toISOString() },
  },
}

describe('core', () => {
  bench('parseHsts on a typical header', () => {
    parseHsts('max-age=63072000; includeSubDomains; preload')
  })
  bench('inspectCertificateChain on a 3-certificate chain', () => {
    inspectCertificateChain(chain, now)
  })
  bench('gradeSite on a full set of facts', () => {
    gradeSite(facts, 'strict')
  })
})
