/**
 * Settings: their keys in storage.sync (documented in README), defaults, and how stored and managed values are
 * read. Pure: the stores are read by the callers. storage.managed (administrators) overrides storage.sync, and
 * every value is validated, whatever store it comes from.
 */
import * as v from 'valibot'
import { STRICTNESS_LEVELS } from './core/types.ts'

export const SOURCES = ['ssllabs', 'observatory', 'hstspreload'] as const
export type SourceId = (typeof SOURCES)[number]

export const MODES = ['on-demand', 'login', 'always'] as const
export type Mode = (typeof MODES)[number]

const SourceSetting = v.object({ enabled: v.boolean(), mode: v.picklist(MODES) })
export type SourceSetting = v.InferOutput<typeof SourceSetting>

/** One schema per key; a key whose stored value fails it falls back to its default. */
export const SETTING_SCHEMAS = {
  strictness: v.picklist(STRICTNESS_LEVELS),
  ssllabs: SourceSetting,
  observatory: SourceSetting,
  hstspreload: SourceSetting,
  /** The organisation email registered with SSL Labs (API v4 sends it in the `email` header). */
  ssllabsEmail: v.pipe(v.string(), v.trim(), v.maxLength(254)),
  /** The local scanner through the companion (SPEC.md section 7): it talks only to the site's own server. */
  probe: SourceSetting,
} as const

export type Settings = { [K in keyof typeof SETTING_SCHEMAS]: v.InferOutput<(typeof SETTING_SCHEMAS)[K]> }
export type SettingKey = keyof Settings
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[]

/** Private by default: every online source off. The local scanner sends nothing to a third party: on. */
export const DEFAULT_SETTINGS: Settings = {
  strictness: 'standard',
  ssllabs: { enabled: false, mode: 'on-demand' },
  observatory: { enabled: false, mode: 'on-demand' },
  hstspreload: { enabled: false, mode: 'on-demand' },
  ssllabsEmail: '',
  probe: { enabled: true, mode: 'login' },
}

export interface ResolvedSettings {
  values: Settings
  /** Keys an administrator fixed through storage.managed. */
  locked: SettingKey[]
}

function valid<K extends SettingKey>(key: K, raw: unknown): Settings[K] | undefined {
  const parsed = v.safeParse(SETTING_SCHEMAS[key], raw)
  return parsed.success ? (parsed.output as Settings[K]) : undefined
}

export function resolveSettings(
  stored: Record<string, unknown>,
  managed: Record<string, unknown> = {},
): ResolvedSettings {
  const values = { ...DEFAULT_SETTINGS }
  const locked: SettingKey[] = []
  for (const key of SETTING_KEYS) {
    const fromManaged = key in managed ? valid(key, managed[key]) : undefined
    const fromUser = valid(key, stored[key])
    if (fromManaged !== undefined) locked.push(key)
    ;(values as Record<SettingKey, unknown>)[key] = fromManaged ?? fromUser ?? DEFAULT_SETTINGS[key]
  }
  return { values, locked }
}

/** Where each service answers. Tests point these at local fakes through storage.local `serviceUrls`. */
export const SERVICE_URLS: Record<SourceId, string> = {
  ssllabs: 'https://api.ssllabs.com/api/v4/',
  observatory: 'https://observatory-api.mdn.mozilla.net/api/v2/',
  hstspreload: 'https://hstspreload.org/api/v2/',
}

export function resolveServiceUrls(raw: unknown): Record<SourceId, string> {
  const urls = { ...SERVICE_URLS }
  if (!raw || typeof raw !== 'object') return urls
  for (const source of SOURCES) {
    const value = (raw as Record<string, unknown>)[source]
    if (typeof value === 'string' && /^https?:\/\/[^/]+\/(?:.*\/)?$/.test(value) && value.length < 300)
      urls[source] = value
  }
  return urls
}

/** storage.local key where the background notes problems only the user can fix (SSL Labs 441, no email). */
export const PROBLEMS_KEY = 'onlineProblems'
