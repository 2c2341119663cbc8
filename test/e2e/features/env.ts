/**
 * What every feature's browser scenarios share: one browser with the extension, the local sites and the service
 * fakes (started by browserScenarios for all features, in one browser per run), and `visit`.
 */
import { expect } from 'vitest'
import type { ExtensionBrowser } from '../harness/types.ts'
import type { Fakes } from '../fakes.ts'
import type { TestSites } from '../servers.ts'

export type BadgeLook = { text: string; colour: string }

interface Running {
  sites: TestSites
  browser: ExtensionBrowser
  fakes: Fakes
}

export interface ScenarioEnv {
  /** The running parts; only inside tests and hooks (they start in the enclosing describe's beforeAll). */
  readonly running: Running
  /** Opens a page, waits for the badge, reads the popup. */
  visit(url: string, badge: string, shot: string): ReturnType<typeof visitWith>
}

async function visitWith(browser: ExtensionBrowser, url: string, badge: string, shot: string) {
  const tab = await browser.open(url)
  expect(await browser.waitForBadge(tab, badge)).toBe(badge)
  const popup = await browser.popup(tab, shot)
  expect(popup.grade).toBe(badge)
  return { tab, popup, ids: popup.findings.map((f) => f.id) }
}

export function scenarioEnv(running: Running): ScenarioEnv {
  return {
    running,
    visit: (url, badge, shot) => visitWith(running.browser, url, badge, shot),
  }
}
