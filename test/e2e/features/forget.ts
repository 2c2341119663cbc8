/**
 * Browser scenarios: Forget everything (last: it needs what the others remembered). Run by browserScenarios
 * (../scenarios.ts) in each browser.
 */
import { beforeAll, expect, it } from 'vitest'
import { poll, type ExtensionBrowser } from '../harness/types.ts'
import type { ScenarioEnv } from './env.ts'

export function forgetScenarios(env: ScenarioEnv): void {
  let browser: ExtensionBrowser
  beforeAll(() => {
    ;({ browser } = env.running)
  })

  it('forgets everything from the options page', async () => {
    const { page } = await browser.extensionPage('options.html', 'options-data', '[data-summary]')
    expect(await page.text('[data-summary]')).not.toMatch(/^Sites remembered: 0\./)
    await page.click('[data-action="forget"]')
    await page.click('[data-action="forget-confirm"]')
    await poll(
      () => page.text('[data-summary]'),
      (t) => /^Sites remembered: 0\. Online answers cached: 0\./.test(t),
      5_000,
    )
    expect(await page.text('[data-summary]')).toMatch(/^Sites remembered: 0\. Online answers cached: 0\./)
    await page.close()
    const report = await browser.extensionPage('report.html', 'report-empty', '.empty')
    expect(report.text).toMatch(/No site graded yet/)
    await report.page.close()
  })
}
