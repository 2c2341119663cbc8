/** The options page's companion card, wired to the browser: imported once by the page's adapter (main.tsx). */
import { browser, browserName } from '../../platform/index.ts'
import { checkCompanion } from '../companion-client.ts'
import { setCompanionCardWorld } from './CompanionCard.tsx'

setCompanionCardWorld({
  check: checkCompanion,
  t: (key, subs) => browser.i18n.getMessage(key, subs) || key,
  browser: browserName(),
})
