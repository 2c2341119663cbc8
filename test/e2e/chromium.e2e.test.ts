import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { companionScenarios, setupLookScenarios, type CompanionBrowserKit } from './companion.ts'
import { launchChromium } from './harness/chromium.ts'
import { popupStateScenarios } from './popup-states.ts'
import { pageStateScenarios } from './page-states.ts'
import { installCompanion, scannerScenarios } from './scanner.ts'
import { administratorScenarios, browserScenarios, hstsUpgradeScenarios, lookScenarios } from './scenarios.ts'

browserScenarios('Chromium with dist/chrome', () => launchChromium())
hstsUpgradeScenarios('Chromium trusting the test CA', (sites) => launchChromium({ trustCa: sites.ca.caPem }), true)
administratorScenarios('Chromium with a policy', (managed) => launchChromium({ managed }))
lookScenarios('Chromium', (look) => launchChromium({ look }))
scannerScenarios('Chromium', ({ weak, companion }) =>
  launchChromium({
    env: { NODE_EXTRA_CA_CERTS: weak.caPem },
    ...(companion
      ? {
          prepare: (profile, id) =>
            void installCompanion(['--browser', 'chromium', '--profile', profile, '--extension-id', id]),
        }
      : {}),
  }),
)

/** Chromium reads host manifests from <user-data-dir>/NativeMessagingHosts/ at each connection. */
const chromiumKit: CompanionBrowserKit = {
  launch: ({ places, look }) =>
    launchChromium({
      ...(look ? { look } : {}),
      prepare: (profile, id) => Object.assign(places, { profile, extensionId: id }),
    }),
  install(places) {
    installCompanion(['--browser', 'chromium', '--profile', places.profile!, '--extension-id', places.extensionId!])
    return join(places.profile!, 'NativeMessagingHosts', 'dev.vigie.scanner.json')
  },
  allowAnother(places, manifest) {
    // The real installer, told another id: as when a store copy's id is not the one the companion allows.
    installCompanion(['--browser', 'chromium', '--profile', places.profile!, '--extension-id', 'a'.repeat(32)])
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as { allowed_origins: string[] }
    if (written.allowed_origins.some((o) => o.includes(places.extensionId!)))
      writeFileSync(
        manifest,
        JSON.stringify({ ...written, allowed_origins: [`chrome-extension://${'a'.repeat(32)}/`] }),
      )
  },
}
companionScenarios('Chromium', chromiumKit)
setupLookScenarios('Chromium', chromiumKit)
popupStateScenarios('Chromium', (look) => launchChromium({ look }))
pageStateScenarios('Chromium', (look) => launchChromium({ look }))
