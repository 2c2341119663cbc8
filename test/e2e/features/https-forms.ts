/** Browser scenarios: forms on https pages. Run by browserScenarios (../scenarios.ts) in each browser. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { TestSites } from '../servers.ts'
import type { ScenarioEnv } from './env.ts'

export function httpsFormScenarios(env: ScenarioEnv): void {
  let sites: TestSites
  beforeAll(() => {
    ;({ sites } = env.running)
  })
  const visit = env.visit

  describe('forms on https', () => {
    it('gives F when a form posts a password to http', async () => {
      const { popup } = await visit(`${sites.https}/h/good/login-to-http.html`, 'F', 'https-form-to-http')
      expect(popup.findings).toContainEqual({ id: 'form-action-http', severity: 'critical' })
    })
    it('gives F when <base href> sends a password form to http', async () => {
      const { popup } = await visit(`${sites.https}/h/good/login-base-http.html`, 'F', 'https-base-to-http')
      expect(popup.findings).toContainEqual({ id: 'form-action-http', severity: 'critical' })
    })
    it('reports a password form sent with GET', async () => {
      const { ids } = await visit(`${sites.https}/h/good/login-get.html`, 'D', 'https-password-get')
      expect(ids).toContain('password-in-url')
    })
  })
}
