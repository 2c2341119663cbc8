/** The options page as plain data, from the resolved settings and the words. */
import { STRICTNESS_LEVELS, type Strictness } from '../../core/types.ts'
import { MODES, SOURCES, type Mode, type ResolvedSettings, type SourceId } from '../../settings.ts'
import type { Translate } from '../i18n.ts'

export interface Choice<T extends string> {
  value: T
  label: string
  help?: string
  /** A tag next to the label ("Recommended"). */
  tag?: string
}

/** The current site's grade at each strictness level, each kept on one line. */
export interface Preview {
  intro: string
  host: string
  items: { label: string; grade: string; current: boolean }[]
}

export interface SourceView {
  id: SourceId
  name: string
  switchLabel: string
  enabled: boolean
  mode: Mode
  modes: Choice<Mode>[]
  sends: string
  locked: boolean
}

export interface OptionsView {
  title: string
  strictness: { legend: string; value: Strictness; choices: Choice<Strictness>[]; locked: boolean; preview?: Preview }
  online: { title: string; intro: string; modeLabel: string; sources: SourceView[] }
  /**
   * The SSL Labs email, with steps a person can follow: only while SSL Labs is on (off, or locked off, the email
   * has no use, and a disabled field would only be noise).
   */
  email?: {
    label: string
    help: string
    steps?: string[]
    value: string
    locked: boolean
    problem?: string
  }
  /** The local scanner through the companion (the probe setting). */
  probe: {
    title: string
    switchLabel: string
    help: string
    enabled: boolean
    mode: Mode
    modes: Choice<Mode>[]
    locked: boolean
  }
  /** The mark on each setting an administrator fixed (short: the banner at the top says why, once). */
  lockedLabel: string
  /** One banner at the top when an administrator fixed any setting, instead of a sentence per setting. */
  managed?: { title: string; text: string }
  /** summary: what is stored, once the background said (absent until then, rather than a wrong zero). */
  /** Forget everything asks first (`confirm`, `confirmButton`, `cancel`), then says what it did next to the button. */
  data: {
    title: string
    summary?: string
    forget: string
    confirm: string
    confirmButton: string
    cancel: string
    done: string
  }
}

/** What the background says about the most recent web tab and the stored data. */
export interface OptionsContext {
  problems?: Problems
  preview?: { host: string; grades: Record<Strictness, string> }
  data?: { hosts: number; online: number }
}

/** Problems the background met that only the user can fix, by source (storage.local onlineProblems). */
export type Problems = Partial<Record<SourceId, string>>

export function optionsView(settings: ResolvedSettings, t: Translate, context: OptionsContext = {}): OptionsView {
  const problems = context.problems ?? {}
  const locked = (key: string) => (settings.locked as string[]).includes(key)
  const preview: Preview | undefined = context.preview
    ? {
        intro: t('optionsPreview', [context.preview.host]),
        host: context.preview.host,
        items: STRICTNESS_LEVELS.map((l) => ({
          label: t(`strictness_${l}`),
          grade: context.preview!.grades[l],
          current: l === settings.values.strictness,
        })),
      }
    : undefined
  const sslLabsOn = settings.values.ssllabs.enabled
  return {
    title: t('optionsTitle'),
    ...(settings.locked.length > 0 ? { managed: { title: t('optionsManaged'), text: t('optionsManagedWhy') } } : {}),
    strictness: {
      legend: t('optionsStrictness'),
      value: settings.values.strictness,
      choices: STRICTNESS_LEVELS.map((value) => ({
        value,
        label: t(`strictness_${value}`),
        help: t(`strictness_${value}_help`),
        ...(value === 'standard' ? { tag: t('strictnessRecommended') } : {}),
      })),
      locked: locked('strictness'),
      ...(preview ? { preview } : {}),
    },
    online: {
      title: t('optionsOnline'),
      intro: t('optionsOnlineIntro'),
      modeLabel: t('optionsMode'),
      sources: SOURCES.map((id) => ({
        id,
        name: t(`sourceName_${id}`),
        switchLabel: t(`switchOn_${id}`),
        enabled: settings.values[id].enabled,
        mode: settings.values[id].mode,
        modes: MODES.map((value) => ({ value, label: t(`mode_${value.replace(/-/g, '_')}`) })),
        sends: t(`sends_${id}`),
        locked: locked(id),
      })),
    },
    probe: {
      title: t('optionsProbe'),
      switchLabel: t('optionsProbeOn'),
      help: t('optionsProbeHelp'),
      enabled: settings.values.probe.enabled,
      mode: settings.values.probe.mode,
      modes: MODES.map((value) => ({ value, label: t(`probeMode_${value.replace(/-/g, '_')}`) })),
      locked: locked('probe'),
    },
    ...(sslLabsOn
      ? {
          email: {
            label: t('optionsEmail'),
            help: t('optionsEmailHelp'),
            steps: [t('optionsEmailStep1'), t('optionsEmailStep2'), t('optionsEmailStep3')],
            value: settings.values.ssllabsEmail,
            locked: locked('ssllabsEmail'),
            ...(problems.ssllabs
              ? { problem: t(`lookupError_${problems.ssllabs.replace(/-/g, '_')}`, [t('sourceName_ssllabs'), '']) }
              : {}),
          },
        }
      : {}),
    lockedLabel: t('optionsLocked'),
    data: {
      title: t('optionsData'),
      ...(context.data
        ? { summary: t('optionsDataSummary', [String(context.data.hosts), String(context.data.online)]) }
        : {}),
      forget: t('optionsForget'),
      confirm: t('optionsForgetConfirm'),
      confirmButton: t('optionsForgetConfirmButton'),
      cancel: t('optionsForgetCancel'),
      done: t('optionsForgotten'),
    },
  }
}

/** What the preview needs of a tab (tabs.Tab's fields). */
export interface TabLike {
  id?: number | undefined
  url?: string | undefined
  incognito: boolean
  lastAccessed?: number | undefined
}

/**
 * The tab the strictness preview shows: the web tab looked at last, in this window's kind only. The options page
 * of a normal window never names a private tab's host (in Chrome's shared incognito mode it can see those tabs).
 */
export function previewTab(tabs: readonly TabLike[], incognito: boolean): number | undefined {
  const web = tabs.filter(
    (tab) => /^https?:/.test(tab.url ?? '') && tab.id !== undefined && tab.incognito === incognito,
  )
  web.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))
  return web[0]?.id
}
