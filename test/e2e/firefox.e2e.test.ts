import { launchFirefox } from './harness/firefox.ts'
import { browserScenarios } from './scenarios.ts'

browserScenarios('Firefox ESR with dist/firefox', (sites) => launchFirefox({ caPem: sites.ca.caPem }))
