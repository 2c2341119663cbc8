import { launchChromium } from './harness/chromium.ts'
import { popupStateScenarios } from './popup-states.ts'
import { installCompanion, scannerScenarios } from './scanner.ts'
import { administratorScenarios, browserScenarios, lookScenarios } from './scenarios.ts'

browserScenarios('Chromium with dist/chrome', () => launchChromium())
administratorScenarios('Chromium with a policy', (managed) => launchChromium({ managed }))
lookScenarios('Chromium', (look) => launchChromium({ look }))
scannerScenarios('Chromium', ({ weak, companion }) =>
  launchChromium({
    env: { NODE_EXTRA_CA_CERTS: weak.caPem },
    ...(companion ? { prepare: (profile, id) => void installCompanion(['--browser', 'chromium', '--profile', profile, '--extension-id', id]) } : {}),
  }),
)
popupStateScenarios('Chromium', (look) => launchChromium({ look }))
