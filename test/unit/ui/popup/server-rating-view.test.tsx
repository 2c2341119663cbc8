// @vitest-environment happy-dom
/** The server's SSL Labs rating in the popup and the report page (issue #20): the view model in English, the component. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cleanup, render } from '@testing-library/preact'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServerRatingSummary } from '../../../../src/core/rating/index.ts'
import { ScannerStatusSchema } from '../../../../src/messages.ts'
import { ServerRating } from '../../../../src/ui/popup/ServerRating.tsx'
import { serverRatingView } from '../../../../src/ui/popup/server-rating-view.ts'

afterEach(cleanup)

const load = (lang: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../../public/_locales/${lang}/messages.json`), 'utf8'))
const translator =
  (messages: Record<string, { message: string }>) =>
  (key: string, subs: string[] = []) =>
    (messages[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')
const t = translator(load('en'))

const summary: ServerRatingSummary = {
  grade: 'T',
  gradeIfTrusted: 'B',
  total: 85.5,
  caps: [
    { rule: 'cert-untrusted', grade: 'T', detail: 'unknown issuer' },
    { rule: 'tls10-11', grade: 'B', detail: 'TLS 1.0, TLS 1.1' },
    { rule: 'no-tls13', grade: 'A-' },
  ],
  notTested: ['heartbleed', 'robot'],
  guide: '2009r',
}

describe('serverRatingView', () => {
  it('gives the letter, the letter if trusted, each cap in words and what was not tested', () => {
    const view = serverRatingView(summary, t)!
    expect(view.line).toBe('T by the SSL Labs rating guide 2009r')
    expect(view.ifTrusted).toBe('B if the certificate were trusted')
    expect(view.caps).toEqual([
      { grade: 'T', reason: 'The certificate is not trusted (unknown issuer)' },
      { grade: 'B', reason: 'Old protocols are offered (TLS 1.0, TLS 1.1)' },
      { grade: 'A-', reason: 'TLS 1.3 is not offered' },
    ])
    expect(view.notTested).toBe('Not tested: heartbleed, robot')
    expect(view.footnote).toMatch(/ignores EV.*2019/)
  })
  it('says when no cap applies, and nothing without a rating', () => {
    expect(serverRatingView({ ...summary, grade: 'A+', caps: [], notTested: [] }, t)).toMatchObject({
      none: 'No cap applies.',
      caps: [],
    })
    expect(serverRatingView(undefined, t)).toBeUndefined()
  })
  it('has French words for all of it', () => {
    const view = serverRatingView(summary, translator(load('fr')))!
    expect(JSON.stringify(view)).not.toContain('??')
    expect(view.caps[1]?.reason).toBe('D’anciens protocoles sont proposés (TLS 1.0, TLS 1.1)')
  })
})

describe('ServerRating', () => {
  it('renders the letter and every cap as text', () => {
    const { container } = render(<ServerRating view={serverRatingView(summary, t)!} />)
    expect(container.querySelector('[data-server-rating="T"] summary')?.textContent).toContain(
      'T by the SSL Labs rating guide 2009r',
    )
    expect([...container.querySelectorAll('[data-cap]')].map((li) => li.textContent)).toEqual([
      'T The certificate is not trusted (unknown issuer)',
      'B Old protocols are offered (TLS 1.0, TLS 1.1)',
      'A- TLS 1.3 is not offered',
    ])
  })
})

describe('the message contract', () => {
  it('carries the rating in the scanner status, and refuses an unknown rule', () => {
    const status = {
      mode: 'login',
      state: 'ready',
      route: 'ok',
      companion: { state: 'working', version: '0.2.0', protocol: 2, extensionId: 'abc' },
      accepts: [],
      hintHidden: false,
      rating: summary,
    }
    expect(v.safeParse(ScannerStatusSchema, status).success).toBe(true)
    expect(
      v.safeParse(ScannerStatusSchema, { ...status, rating: { ...summary, caps: [{ rule: 'made-up', grade: 'F' }] } })
        .success,
    ).toBe(false)
  })
})

describe('the report page', () => {
  it("shows a scanned host's rating beside its grade, and exports it in the JSON", async () => {
    const { reportView, exportJson } = await import('../../../../src/ui/report/view-model.ts')
    const entry = {
      host: 'console.example.com',
      grade: 'C' as const,
      findings: [],
      strictness: 'standard' as const,
      at: 0,
      serverRating: summary,
    }
    const view = reportView(
      [entry, { ...entry, host: 'plain.example.com', serverRating: undefined }],
      { key: 'host', descending: false },
      t,
      { now: 0, language: 'en', formatDate: () => 'today' },
    )
    expect(view.rows[0]?.serverRating?.line).toBe('T by the SSL Labs rating guide 2009r')
    expect(view.rows[1]?.serverRating).toBeUndefined()
    expect(JSON.parse(exportJson([entry], t, { version: '1.0.0', now: 0 })).sites[0].serverRating.grade).toBe('T')
  })
})
