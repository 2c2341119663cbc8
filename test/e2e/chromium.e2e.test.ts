import { launchChromium } from './harness/chromium.ts'
import { administratorScenarios, browserScenarios, lookScenarios } from './scenarios.ts'

browserScenarios('Chromium with dist/chrome', () => launchChromium())
administratorScenarios('Chromium with a policy', (managed) => launchChromium({ managed }))
lookScenarios('Chromium', (look) => launchChromium({ look }))
