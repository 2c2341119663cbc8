/**
 * The popup's "Your account on this site" section as plain data (SPEC.md section 8): the account findings, the
 * second factors the site offers, and the data sets it all comes from. Shown only when there is something to say.
 * Addresses come from the data sets shipped with Vigie; only http(s) ones become links, which the user opens.
 */
import { adviceKeys } from '../../core/advice.ts'
import {
  ACCOUNT_FINDING_IDS,
  type Finding,
  type FindingId,
  type Severity,
  type TwoFactorMethod,
} from '../../core/types.ts'
import type { AccountSummary } from '../../account/index.ts'
import type { Translate } from '../i18n.ts'

/** Findings about the site's accounts rather than its connection: they go to their own section. */
export const isAccountFinding = (id: FindingId): boolean => ACCOUNT_FINDING_IDS.includes(id)

export interface AccountLink {
  kind: 'evidence' | 'change-password' | 'twofactor-docs'
  label: string
  href: string
}

export interface AccountFindingView {
  id: FindingId
  severity: Severity
  title: string
  user: string
  fix: string
  links: AccountLink[]
  /** A card with its sentence (serious, or deciding the grade); else one line, its title. */
  full?: boolean
  /** On the SMS-only card, which stands for the two-factor line: the methods the site offers. */
  methods?: string
}

export interface AccountView {
  title: string
  findings: AccountFindingView[]
  /** The site offers two-factor authentication: a plain line, its methods and how to turn it on. */
  twoFactor?: { text: string; methods: string; methodsText: string; howTo?: AccountLink }
  sources: string
}

const WEB_URL = /^https?:\/\/[^\s"<>]+$/
const link = (kind: AccountLink['kind'], label: string, href: unknown): AccountLink[] =>
  typeof href === 'string' && WEB_URL.test(href) ? [{ kind, label, href }] : []

/** "SMS, authenticator app": 2fa.directory's method names in the user's words. */
export function methodsText(methods: readonly string[], t: Translate): string {
  return methods.map((m) => t(`twofactorMethod_${m.replace(/-/g, '_')}`)).join(', ')
}

function findingView(f: Finding, t: Translate): AccountFindingView {
  const keys = adviceKeys(f.id)
  const detail = f.detail ?? {}
  const subs =
    f.id === 'plaintext-offender'
      ? [String(detail.year ?? '')]
      : f.id === 'password-short-max-length'
        ? [String(detail.maxLength ?? '')]
        : f.id === '2fa-sms-only'
          ? [
              methodsText(
                String(detail.methods ?? '')
                  .split(' ')
                  .filter(Boolean),
                t,
              ),
            ]
          : []
  const links =
    f.id === 'plaintext-offender'
      ? [
          ...link('evidence', t('accountEvidence', [String(detail.year ?? '')]), detail.url),
          ...link('change-password', t('accountChangePassword'), detail.changePasswordUrl),
        ]
      : []
  return {
    id: f.id,
    severity: f.severity,
    title: t(keys.title, subs),
    user: t(keys.user, subs),
    fix: t(keys.fix, subs),
    links,
  }
}

/** The section, or undefined when the data sets say nothing worth a line about this site. */
export function accountView(
  findings: readonly Finding[],
  summary: AccountSummary | undefined,
  t: Translate,
  decider?: Finding,
): AccountView | undefined {
  // In full: a serious one, or the one that decides the grade; the others one line each.
  const full = (f: Finding) => f.severity === 'critical' || f.severity === 'high' || f === decider
  const own = findings
    .filter((f) => isAccountFinding(f.id))
    .map((f) => ({ ...findingView(f, t), ...(full(f) ? { full: true } : {}) }))
  const methods: readonly TwoFactorMethod[] = summary?.twoFactor?.methods ?? []
  const twoFactor =
    methods.length > 0
      ? {
          text: t('accountTwoFactorOffered'),
          methods: methods.join(' '),
          methodsText: t('accountTwoFactorMethods', [methodsText(methods, t)]),
          ...(() => {
            const [howTo] = link('twofactor-docs', t('accountTwoFactorHowTo'), summary?.twoFactor?.documentation)
            return howTo ? { howTo } : {}
          })(),
        }
      : undefined
  if (own.length === 0 && twoFactor === undefined) return undefined
  // SMS only: one card, which says to turn it on all the same and links to the site's how-to, not a second box.
  const smsOnly = own.find((f) => f.id === '2fa-sms-only')
  if (smsOnly && twoFactor?.howTo) smsOnly.links.push(twoFactor.howTo)
  if (smsOnly && twoFactor) smsOnly.methods = twoFactor.methods
  // Name the sets that said something here; a finding from the page alone (a field's maxlength) names none.
  const sources = (summary?.sources ?? []).map((s) => `${t(`dataSet_${s.id.replace(/-/g, '_')}`)} (${s.date})`)
  return {
    title: t('accountTitle'),
    findings: own,
    ...(twoFactor && !smsOnly ? { twoFactor } : {}),
    sources: sources.length > 0 ? t('accountSources', [sources.join(', ')]) : '',
  }
}
