/**
 * Every state of the popup, rendered by the test build from a given answer (popup/main.tsx, `#vigieTestAnswer=`) in
 * each browser, language and theme: its height measured (browsers cap popups at 600 px and scroll beyond), axe run,
 * and a screenshot saved to look at. The answers are built here with the rubric's own severities and caps, so each
 * state is what the background would send for such a site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gradeRank, ruleFor, type FindingId, type Grade } from '../../src/core/index.ts'
import type { BackgroundToUi, TabReport } from '../../src/messages.ts'
import { axeViolations, LOOKS, type ExtensionBrowser, type Look } from './harness/types.ts'
import { startSites, type TestSites } from './servers.ts'

type Finding = TabReport['report']['findings'][number]
type Browser = TabReport['browser']

function finding(id: FindingId, extra: Partial<Finding> = {}): Finding {
  const rule = ruleFor(id, 'standard', extra.variant)
  return { id, severity: rule.severity, cap: rule.cap ?? 'A+', ...extra }
}

const ALL = { page: true, transport: true, certificate: true, tls: true, online: false, account: true }

function report(
  browser: Browser,
  host: string,
  findings: Finding[],
  more: Partial<TabReport> = {},
  https = true,
): BackgroundToUi {
  const grade = findings.reduce<Grade>((g, f) => (gradeRank(f.cap) > gradeRank(g) ? f.cap : g), 'A+')
  const seesTls =
    https && (browser === 'firefox' || findings.some((f) => f.source === 'scanner' || f.source === 'ssllabs'))
  return {
    type: 'bg:report',
    tab: {
      tabId: 1,
      url: `${https ? 'https' : 'http'}://${host}/login`,
      host,
      browser,
      pending: false,
      online: { eligible: true, sources: [] },
      report: { grade, strictness: 'standard', findings, coverage: { ...ALL, certificate: seesTls, tls: seesTls } },
      ...more,
    },
  }
}

const MIN = 60_000

/** The states, by name: every one the popup can show that issue #22 lists, for one browser. */
export function popupStates(browser: Browser, now: number): [string, BackgroundToUi][] {
  // 'missing': no companion answers (the scanner's own state is then 'none'); otherwise a working companion.
  const scanner = (state: 'ready' | 'running' | 'error' | 'missing' | 'none', extra = {}) => ({
    scanner: {
      mode: 'login' as const,
      state: state === 'missing' ? ('none' as const) : state,
      route: 'ok' as const,
      companion:
        state === 'missing'
          ? { state: 'missing' as const }
          : { state: 'working' as const, version: '0.1.0', protocol: 2 },
      at: now - 2 * MIN,
      accepts: [],
      hintHidden: false,
      ...extra,
    },
  })
  const scanned = (id: FindingId, extra: Partial<Finding> = {}) => finding(id, { source: 'scanner', ...extra })
  const plaintextAccount = {
    account: {
      changePasswordUrl: 'https://example.co.uk/account/password',
      sources: [
        { id: 'plaintextoffenders' as const, date: '2021-05-30' },
        { id: 'twofactorauth' as const, date: '2026-08-04' },
        { id: 'password-manager-resources' as const, date: '2026-08-22' },
      ],
    },
  }
  return [
    ['http-login', report(browser, 'shop.example.com', [finding('http-login-form'), finding('http-page')], {}, false)],
    ['http-plain', report(browser, 'news.example.com', [finding('http-page')], {}, false)],
    ['clean', report(browser, 'bank.example.com', [])],
    ['hsts-missing', report(browser, 'www.example.com', [finding('hsts-missing'), finding('hsts-not-preloaded')])],
    [
      'account-plaintext',
      report(
        browser,
        'login.example.co.uk',
        [
          finding('plaintext-offender', {
            detail: {
              year: 2011,
              url: 'https://plaintextoffenders.com/post/1',
              changePasswordUrl: 'https://example.co.uk/account/password',
            },
          }),
          finding('no-2fa'),
          finding('hsts-no-subdomains'),
          finding('password-short-max-length', { detail: { maxLength: 40 } }),
        ],
        plaintextAccount,
      ),
    ],
    [
      'account-sms-only',
      report(
        browser,
        'shop.example.org',
        [
          finding('2fa-sms-only', { detail: { methods: 'sms call' } }),
          finding('hsts-no-subdomains'),
          finding('tls-no-tls13'),
        ],
        {
          account: {
            twoFactor: { methods: ['sms', 'call'], documentation: 'https://shop.example.org/help/2fa' },
            sources: [{ id: 'twofactorauth', date: '2026-08-04' }],
          },
        },
      ),
    ],
    [
      'account-password-cap',
      report(
        browser,
        'mail.example.net',
        [finding('password-short-max-length', { variant: 'very-short', detail: { maxLength: 12 } })],
        {
          account: { sources: [{ id: 'password-manager-resources', date: '2026-08-22' }] },
        },
      ),
    ],
    [
      'scanner-findings',
      report(
        browser,
        'console.example.com',
        [
          scanned('tls-legacy-protocol'),
          scanned('tls-weak-cipher'),
          scanned('tls-no-forward-secrecy'),
          scanned('tls-weak-dh'),
          scanned('tls-no-fallback-scsv'),
          finding('hsts-missing'),
          scanned('http-not-redirected'),
        ],
        scanner('ready', { accepts: ['tls1', 'tls1_1', 'tripleDes', 'staticRsa', 'weakDh'] }),
      ),
    ],
    [
      'scanner-running',
      report(browser, 'console.example.com', [finding('hsts-missing')], scanner('running', { at: now - 3_000 })),
    ],
    [
      'scanner-error',
      report(
        browser,
        'console.example.com',
        [finding('hsts-missing')],
        scanner('error', { message: 'connection refused' }),
      ),
    ],
    ['scanner-missing', report(browser, 'console.example.com', [finding('hsts-missing')], scanner('missing'))],
    [
      'online-three',
      report(
        browser,
        'portal.example.com',
        [
          finding('ssllabs-grade', { source: 'ssllabs', cap: 'B', detail: { grade: 'B' } }),
          finding('observatory-grade', { source: 'observatory', detail: { grade: 'C' } }),
          finding('hsts-missing'),
        ],
        {
          online: {
            eligible: true,
            sources: [
              {
                source: 'ssllabs',
                mode: 'on-demand',
                status: {
                  state: 'ready',
                  observedAt: new Date(now - 3 * 3_600_000).toISOString(),
                  grade: 'B',
                  fetchedAt: now - MIN,
                },
              },
              {
                source: 'observatory',
                mode: 'login',
                status: {
                  state: 'ready',
                  observedAt: new Date(now - 20 * MIN).toISOString(),
                  grade: 'C',
                  fetchedAt: now - MIN,
                },
              },
              {
                source: 'hstspreload',
                mode: 'always',
                status: { state: 'ready', observedAt: new Date(now - 20 * MIN).toISOString(), fetchedAt: now - MIN },
              },
            ],
          },
        },
      ),
    ],
    [
      'online-errors',
      report(browser, 'portal.example.com', [finding('hsts-missing')], {
        online: {
          eligible: true,
          sources: [
            { source: 'ssllabs', mode: 'on-demand', status: { state: 'error', error: 'no-email', at: now - MIN } },
            {
              source: 'observatory',
              mode: 'login',
              status: { state: 'error', error: 'maintenance', at: now - MIN, retryAt: now + 14 * MIN },
            },
            { source: 'hstspreload', mode: 'always', status: { state: 'error', error: 'unreachable', at: now - MIN } },
          ],
        },
      }),
    ],
    [
      'online-pending',
      report(browser, 'portal.example.com', [finding('hsts-missing')], {
        online: {
          eligible: true,
          sources: [
            { source: 'ssllabs', mode: 'on-demand', status: { state: 'pending', progress: 42, since: now - MIN } },
            { source: 'observatory', mode: 'on-demand', status: null },
          ],
        },
      }),
    ],
    [
      'many-critical',
      report(browser, 'old.example.com', [
        finding('cert-expired'),
        finding('cert-sha1'),
        finding('tls-weak-cipher', { variant: 'broken' }),
        finding('tls-legacy-protocol', { variant: 'ssl3' }),
        finding('cert-weak-key'),
        finding('hsts-missing'),
        finding('tls-no-tls13'),
      ]),
    ],
    [
      'worse',
      report(browser, 'www.example.com', [finding('hsts-missing'), finding('form-action-http')], {
        previous: {
          grade: 'A',
          findings: ['hsts-no-subdomains'],
          strictness: 'standard',
          at: now - 3 * 86_400_000,
          page: undefined,
        },
      }),
    ],
    [
      'previous',
      report(browser, 'www.example.com', [], {
        pending: true,
        previous: {
          grade: 'B',
          findings: ['hsts-missing', 'tls-no-tls13'],
          strictness: 'standard',
          at: now - 2 * 86_400_000,
        },
      }),
    ],
    // An administrator fixed the level: said under the host, with a padlock.
    [
      'managed-level',
      report(browser, 'intranet.example.com', [finding('hsts-missing'), finding('tls-no-tls13')], {
        locked: ['strictness', 'ssllabs'],
      }),
    ],
    ['empty-not-web', { type: 'bg:no-report', reason: 'not-web-page' }],
    ['empty-not-yet', { type: 'bg:no-report', reason: 'not-yet' }],
  ]
}

/** Every popup state, in one browser and look: at most 600 px high, no axe violation, a screenshot. */
export function popupStateScenarios(
  name: string,
  launch: (look: Look, sites: TestSites) => Promise<ExtensionBrowser>,
): void {
  describe.each(LOOKS)(`${name}: every popup state, $locale, $scheme`, (look) => {
    const env = {} as { sites: TestSites; browser: ExtensionBrowser }
    beforeAll(async () => {
      env.sites = await startSites()
      env.browser = await launch(look, env.sites)
    }, 150_000)
    afterAll(async () => {
      await env.browser?.close()
      await env.sites?.close()
    })

    // axe in two looks of four (both languages, both themes): it takes seconds a page, and the colours it checks
    // differ by theme only.
    const withAxe = (look.locale === 'en') === (look.scheme === 'light')

    it('fits every popup state in 600 px, with no axe violation', { timeout: 240_000 }, async () => {
      const { browser } = env
      const heights: Record<string, number> = {}
      for (const [state, answer] of popupStates(browser.name === 'chromium' ? 'chrome' : 'firefox', Date.now())) {
        const path = `popup.html?tab=1#vigieTestAnswer=${encodeURIComponent(JSON.stringify(answer))}`
        const shot = `state-${state}-${look.locale}-${look.scheme}`
        const { page } = await browser.extensionPage(path, shot, '[data-state]:not([data-state="loading"])')
        // The popup's own height: the document's would be the 600 px viewport at least.
        const height = await page.evaluate(() =>
          Math.ceil(document.querySelector('[data-state]')!.getBoundingClientRect().height),
        )
        heights[state] = height
        expect.soft(height, `${state}: height`).toBeLessThanOrEqual(600)
        if (withAxe) expect.soft(await axeViolations(page), `${state}: axe`).toEqual([])
        await page.close()
      }
      console.log(`popup heights, ${name}, ${look.locale}, ${look.scheme}: ${JSON.stringify(heights)}`)
    })
  })
}
