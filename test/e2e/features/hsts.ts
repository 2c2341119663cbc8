/** Browser scenarios: HSTS as the browser reads it. Run by browserScenarios (../scenarios.ts) in each browser. */
import { beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser } from '../harness/types.ts'
import type { TestSites } from '../servers.ts'
import type { ScenarioEnv } from './env.ts'

export function hstsScenarios(env: ScenarioEnv): void {
  let sites: TestSites
  let browser: ExtensionBrowser
  beforeAll(() => {
    ;({ sites, browser } = env.running)
  })
  const visit = env.visit

  describe('HSTS', () => {
    it('grades a one-year HSTS policy with includeSubDomains A+', async () => {
      const { popup } = await visit(`${sites.https}/h/good/plain.html`, 'A+', 'https-hsts-good')
      expect(popup.findings.filter((f) => f.severity !== 'info')).toEqual([])
      if (browser.name === 'firefox') {
        // Firefox shows the TLS 1.3 connection and the test CA's chain: every fact is known, and clean.
        expect(popup.text).toContain(
          'Checked: the page, the site’s security settings, its certificate and its encryption.',
        )
      } else {
        expect(popup.text).toContain('Chrome does not show extensions the certificate or the encryption in use.')
      }
    })
    it('reports a short max-age', async () => {
      const { ids } = await visit(`${sites.https}/h/short/plain.html`, 'A-', 'https-hsts-short')
      expect(ids).toContain('hsts-short-max-age')
    })
    it('reports an invalid header as hsts-invalid', async () => {
      const { ids } = await visit(`${sites.https}/h/invalid/plain.html`, 'B', 'https-hsts-invalid')
      expect(ids).toContain('hsts-invalid')
    })
    it('reports a missing header as hsts-missing', async () => {
      const { ids } = await visit(`${sites.https}/plain.html`, 'B', 'https-no-hsts')
      expect(ids).toContain('hsts-missing')
    })
    it('reports a policy without includeSubDomains', async () => {
      const { ids } = await visit(`${sites.https}/h/no-subdomains/plain.html`, 'A', 'https-hsts-no-subdomains')
      expect(ids).toContain('hsts-no-subdomains')
    })
  })
}
