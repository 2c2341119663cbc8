import { launchFirefox } from './harness/firefox.ts'
import { popupStateScenarios } from './popup-states.ts'
import { installCompanion, scannerScenarios } from './scanner.ts'
import { administratorScenarios, browserScenarios, lookScenarios, privateWindowScenarios } from './scenarios.ts'

browserScenarios('Firefox ESR with dist/firefox', (sites) => launchFirefox({ caPem: sites.ca.caPem }))
administratorScenarios('Firefox ESR with managed storage', (managed, sites) => launchFirefox({ caPem: sites.ca.caPem, managed }))
lookScenarios('Firefox ESR', (look, sites) => launchFirefox({ caPem: sites.ca.caPem, look }))
privateWindowScenarios('Firefox ESR with Vigie allowed in private windows', (sites) => launchFirefox({ caPem: sites.ca.caPem, allowPrivate: true }))
scannerScenarios('Firefox ESR', ({ sites, weak, companion }) =>
  launchFirefox({
    caPem: sites.ca.caPem,
    extraCaPems: [weak.caPem],
    env: { NODE_EXTRA_CA_CERTS: weak.caPem },
    ...(companion ? { prepare: (home) => void installCompanion(['--browser', 'firefox', '--home', home]) } : {}),
  }),
)
popupStateScenarios('Firefox ESR', (look, sites) => launchFirefox({ caPem: sites.ca.caPem, look }))
