import { launchFirefox } from './harness/firefox.ts'
import { administratorScenarios, browserScenarios, lookScenarios, privateWindowScenarios } from './scenarios.ts'

browserScenarios('Firefox ESR with dist/firefox', (sites) => launchFirefox({ caPem: sites.ca.caPem }))
administratorScenarios('Firefox ESR with managed storage', (managed, sites) => launchFirefox({ caPem: sites.ca.caPem, managed }))
lookScenarios('Firefox ESR', (look, sites) => launchFirefox({ caPem: sites.ca.caPem, look }))
privateWindowScenarios('Firefox ESR with Vigie allowed in private windows', (sites) => launchFirefox({ caPem: sites.ca.caPem, allowPrivate: true }))
