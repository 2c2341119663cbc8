import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  companionScenarios,
  HOP_HOSTS,
  REBIND_HOST,
  setupLookScenarios,
  type CompanionBrowserKit,
} from './companion.ts'
import { launchFirefox } from './harness/firefox.ts'
import { ACCOUNT_HOSTS, NAMED_HOSTS } from './servers.ts'
import { popupStateScenarios } from './popup-states.ts'
import { pageStateScenarios } from './page-states.ts'
import { installCompanion, scannerScenarios } from './scanner.ts'
import {
  administratorScenarios,
  browserScenarios,
  hstsUpgradeScenarios,
  lookScenarios,
  privateWindowScenarios,
} from './scenarios.ts'

browserScenarios('Firefox ESR with dist/firefox', (sites) => launchFirefox({ caPem: sites.ca.caPem }))
hstsUpgradeScenarios('Firefox ESR', (sites) => launchFirefox({ caPem: sites.ca.caPem }), false)
administratorScenarios('Firefox ESR with managed storage', (managed, sites) =>
  launchFirefox({ caPem: sites.ca.caPem, managed }),
)
lookScenarios('Firefox ESR', (look, sites) => launchFirefox({ caPem: sites.ca.caPem, look }))
privateWindowScenarios('Firefox ESR with Vigie allowed in private windows', (sites) =>
  launchFirefox({ caPem: sites.ca.caPem, allowPrivate: true }),
)
scannerScenarios('Firefox ESR', ({ sites, weak, companion }) =>
  launchFirefox({
    caPem: sites.ca.caPem,
    extraCaPems: [weak.caPem],
    env: { NODE_EXTRA_CA_CERTS: weak.caPem },
    ...(companion ? { prepare: (home) => void installCompanion(['--browser', 'firefox', '--home', home]) } : {}),
  }),
)

/** Firefox reads host manifests from $HOME/.mozilla/native-messaging-hosts/ of the HOME it was started with. */
const firefoxKit: CompanionBrowserKit = {
  launch: ({ sites, places, look, proxyPort }) =>
    launchFirefox({
      caPem: sites.ca.caPem,
      ...(look ? { look } : {}),
      prepare: (home) => Object.assign(places, { home }),
      prefs: {
        // The tests' own names answered with loopback by Firefox alone: the system cannot resolve them.
        'network.dns.localDomains': [...NAMED_HOSTS, ...ACCOUNT_HOSTS, REBIND_HOST, ...HOP_HOSTS].join(','),
        ...(proxyPort
          ? {
              // https through a local proxy (plain http stays direct), loopback included.
              'network.proxy.type': 1,
              'network.proxy.ssl': '127.0.0.1',
              'network.proxy.ssl_port': proxyPort,
              'network.proxy.no_proxies_on': '',
              'network.proxy.allow_hijacking_localhost': true,
            }
          : {}),
      },
    }),
  install(places) {
    installCompanion(['--browser', 'firefox', '--home', places.home!])
    return join(places.home!, '.mozilla', 'native-messaging-hosts', 'dev.vigie.scanner.json')
  },
  allowAnother(_places, manifest) {
    // The installer always allows Vigie's fixed gecko id: another add-on's id, written by hand.
    const written = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>
    writeFileSync(manifest, JSON.stringify({ ...written, allowed_extensions: ['someone-else@example.org'] }))
  },
}
companionScenarios('Firefox ESR', firefoxKit)
setupLookScenarios('Firefox ESR', firefoxKit)
popupStateScenarios('Firefox ESR', (look, sites) => launchFirefox({ caPem: sites.ca.caPem, look }))
pageStateScenarios('Firefox ESR', (look, sites) => launchFirefox({ caPem: sites.ca.caPem, look }))
