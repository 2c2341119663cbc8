/**
 * Browser scenarios: the extension’s own pages: popup, options, report. Run by browserScenarios (../scenarios.ts)
 * in each browser.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, type ExtensionBrowser } from '../harness/types.ts'
import type { TestSites } from '../servers.ts'
import type { ScenarioEnv } from './env.ts'

export function extensionPageScenarios(env: ScenarioEnv): void {
  let sites: TestSites
  let browser: ExtensionBrowser
  beforeAll(() => {
    ;({ sites, browser } = env.running)
  })

  describe('pages', () => {
    it('passes axe on the popup, the options page and the report page', async () => {
      const tab = await browser.open(`${sites.http}/login.html`)
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      for (const [path, ready] of [
        [`popup.html?tab=${tab}`, '[data-grade]'],
        ['options.html', '[data-setting="strictness"]'],
        ['report.html', 'table'],
      ] as const) {
        const { page } = await browser.extensionPage(path, `axe-${path.split('.')[0]}`, ready)
        expect(await axeViolations(page), path).toEqual([])
        await page.close()
      }
    })

    it('changes the strictness on the options page, and an open tab follows at once', async () => {
      const tab = await browser.open(`${sites.https}/h/no-subdomains/plain.html`)
      expect(await browser.waitForBadge(tab, 'A')).toBe('A')
      const { page, text } = await browser.extensionPage('options.html', 'options-before-strict', '[data-preview]')
      expect(text).toMatch(/On localhost the grade would be: Relaxed A\+, Standard A, Strict A-/)
      expect(text.match(/recommended/gi)).toHaveLength(1)
      await page.click('input[value="strict"]')
      expect(await browser.waitForBadge(tab, 'A-')).toBe('A-')
      await page.click('input[value="standard"]')
      expect(await browser.waitForBadge(tab, 'A')).toBe('A')
      await page.close()
    })

    it('lists every host graded so far and exports them as JSON and Markdown', async () => {
      const tab = await browser.open(`${sites.http}/login.html`)
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      const offenderSite = sites.at('https', 'login.dailymail.co.uk')
      const offender = await browser.open(`${offenderSite}/h/good/plain.html`)
      expect(await browser.waitForBadge(offender, 'C')).toBe('C')
      // Remembered now; the open tab of a public name would be asked about by later tests' online sources.
      await browser.closeTab(offender)
      // Rows are keyed by host and port: the test servers listen on ports of their own.
      const plain = new URL(sites.http).host
      const mailer = new URL(offenderSite).host
      const { page, text } = await browser.extensionPage('report.html', 'report', `tbody[data-host="${mailer}"]`)
      expect(text).toContain(plain)
      expect(text).toMatch(/the worst among its pages/)
      // Capture what the export buttons hand to the download.
      const capture =
        "window.__exports = []; URL.createObjectURL = (blob) => { window.__exports.push(blob); return 'blob:captured' };" +
        ' HTMLAnchorElement.prototype.click = function () { window.__downloads = (window.__downloads ?? []).concat(this.download) }; 1'
      await page.evaluateSource(capture)
      await page.click('[data-export="json"]')
      await page.click('[data-export="markdown"]')
      const [json, markdown] = (await page.evaluateSource(
        `Promise.all(window.__exports.map((b) => b.text()))`,
      )) as string[]
      expect(await page.evaluateSource('window.__downloads.join()')).toMatch(
        /^vigie-report-\d{4}-\d{2}-\d{2}\.json,vigie-report-\d{4}-\d{2}-\d{2}\.md$/,
      )
      const parsed = JSON.parse(json!) as {
        version: string
        sites: { host: string; grade: string; findings: { id: string; title: string }[] }[]
      }
      expect(parsed.version).toMatch(/^\d+\.\d+\.\d+/)
      expect(parsed.sites).toContainEqual(
        expect.objectContaining({
          host: plain,
          grade: 'F',
          findings: expect.arrayContaining([
            { id: 'http-login-form', title: 'Password field on an unencrypted page', severity: 'critical' },
          ]),
        }),
      )
      expect(markdown).toMatch(/^Exported by Vigie \d+\.\d+\.\d+\S* on \d{4}-\d{2}-\d{2}\.$/m)
      expect(markdown).toMatch(/^\| Site \| Grade \| Main findings \| Account \| Level \| Checked \|$/m)
      // Titles in words, the level's name, and an empty cell where there is nothing to say.
      expect(markdown).toContain(
        `| ${plain} | F | Password field on an unencrypted page; Page not encrypted |  | Standard | `,
      )
      // The account findings have a column of their own.
      expect(markdown).toMatch(
        new RegExp(
          `^\\| ${mailer.replace(/\./g, '\\.')} \\| C \\| [^|]* \\| Reported for emailing passwords in clear; Passwords capped at a short length \\| Standard \\| \\d{4}-\\d{2}-\\d{2} \\|$`,
          'm',
        ),
      )
      expect(markdown).not.toMatch(/`[a-z0-9-]+`|No weakness found/)
      await page.click(`tbody[data-host="${mailer}"] button.expand`)
      const expanded = await page.text(`tbody[data-host="${mailer}"]`)
      expect(expanded).toMatch(/Reported for emailing passwords in clear/)
      expect(expanded).toMatch(/From Plain Text Offenders, shipped with Vigie/)
      expect(expanded).toMatch(/What the site should fix:/)
      await page.click(`tbody[data-host="${plain}"] button.expand`)
      expect(await page.text(`tbody[data-host="${plain}"]`)).toMatch(/Password field on an unencrypted page/)
      expect(await axeViolations(page)).toEqual([])
      await page.screenshot('report-expanded')
      await page.close()
    })
  })
}
