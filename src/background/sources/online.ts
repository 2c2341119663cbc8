/**
 * The online services (SSL Labs, the HTTP Observatory, the HSTS preload list) as a fact source: their cached answers
 * about the page's host, their status in the popup, the lookups the user set to run by themselves. The lookups, the
 * cache and the privacy rules are in online.ts.
 */
import { isPublicHostname } from '../../core/index.ts'
import { SOURCES, type SourceId } from '../../settings.ts'
import { asksAutomatically, cachedCount, forgetOnline, lookup, mayAsk, onlineFor } from '../online.ts'
import { currentSettings, settledSettings } from '../live-settings.ts'
import { hasSiteLoginForm, type TabState } from '../tab-state.ts'
import { hostOf } from '../urls.ts'
import type { Source, SourceHooks } from './source.ts'

/** The popup's lookup and refresh buttons: asks `only` (every source when undefined) now, cache or not. */
export async function lookupOnDemand(state: TabState, only: SourceId | undefined, hooks: SourceHooks): Promise<void> {
  const host = hostOf(state.url)
  const { values } = await settledSettings()
  await Promise.all(
    SOURCES.filter(
      (s) =>
        (only === undefined || s === only) && mayAsk({ incognito: state.incognito, host, enabled: values[s].enabled }),
    ).map((s) => lookup(s, host, values, (h) => hooks.refreshHost(h), { force: true })),
  )
}

export const onlineSource: Source = {
  name: 'online',

  async facts(state, now) {
    const { facts } = await onlineFor(hostOf(state.url), now)
    return Object.keys(facts).length > 0 ? { online: facts } : {}
  },

  async status({ state, host }, now) {
    const { values } = await currentSettings()
    const { status } = await onlineFor(host, now)
    return {
      online: {
        eligible: !state.incognito && isPublicHostname(host),
        sources: SOURCES.filter((s) => values[s].enabled).map((s) => ({
          source: s,
          mode: values[s].mode,
          status: status[s] ?? null,
        })),
      },
    }
  },

  /** Asks the sources that the user set to ask by themselves, never blocking anything. */
  async trigger(state, hooks) {
    const host = hostOf(state.url)
    // An administrator may have switched a source off: ask nothing before storage.managed answered.
    const { values } = await settledSettings()
    for (const source of SOURCES) {
      const setting = values[source]
      if (!mayAsk({ incognito: state.incognito, host, enabled: setting.enabled })) continue
      if (asksAutomatically(setting.mode, hasSiteLoginForm(state)))
        void lookup(source, host, values, (h) => hooks.refreshHost(h))
    }
  },

  forget: forgetOnline,

  count: async () => ({ online: await cachedCount() }),
}
