import { launchChromium } from './harness/chromium.ts'
import { browserScenarios } from './scenarios.ts'

browserScenarios('Chromium with dist/chrome', () => launchChromium())
