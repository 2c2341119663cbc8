/**
 * Renders docs/RUBRIC.md from the rubric table, the thresholds and the English advice, so the published rubric
 * is what runs. `npm run rubric` rewrites the file; a unit test fails when it is stale.
 */
import { RUBRIC, THRESHOLDS } from '../src/core/rubric.ts'
import { FINDING_IDS, STRICTNESS_LEVELS, type FindingId } from '../src/core/types.ts'
import { adviceKeys } from '../src/core/advice.ts'
import type { Levels } from '../src/core/rubric.ts'

type Messages = Record<string, { message: string }>

const days = (seconds: number) => `${seconds / 86_400} days`
const cell = (levels: Levels, level: (typeof STRICTNESS_LEVELS)[number], sourceGrade = false) => {
  const rule = levels[level]
  if (sourceGrade) return `${rule.severity}, the service's grade`
  return rule.severity === 'info' && rule.cap === 'A+' ? 'info, no cap' : `${rule.severity}, ${rule.cap}`
}
/** What $1 stands for in a finding's words: the service's grade, unless said here. */
const PLACEHOLDER: Partial<Record<FindingId, string>> = {
  'plaintext-offender': '<year>',
  'password-short-max-length': '<length>',
  '2fa-sms-only': '<methods>',
}
const text = (messages: Messages, key: string, placeholder = '<grade>') =>
  (messages[key]?.message ?? `(missing ${key})`).replace(/\$1/g, placeholder).replace(/\|/g, '\\|')

export function renderRubric(messages: Messages): string {
  const lines: string[] = []
  lines.push('# Vigie grading rubric')
  lines.push('')
  lines.push(
    '<!-- Generated from src/core/rubric.ts and public/_locales/en by `npm run rubric`. Do not edit by hand. -->',
  )
  lines.push('')
  lines.push(
    'Vigie grades a site from **A+** down to **F**. Every weakness it finds is a *finding*. For each strictness level a finding',
  )
  lines.push(
    "has a severity and a *cap*: the best grade a site can get while the finding stands. The site's grade is the lowest cap",
  )
  lines.push(
    'among its findings, and **A+** when there are none. A fact Vigie cannot see (in Chrome, the certificate and TLS',
  )
  lines.push('details) is reported as unknown and never lowers the grade.')
  lines.push('')
  lines.push(
    'Levels: `relaxed`, `standard` (the default) and `strict`. Strict asks what a cloud login console should offer:',
  )
  lines.push(
    'nothing below A, an Extended Validation certificate, HSTS with includeSubDomains and preload, forward secrecy, no SHA-1.',
  )
  lines.push('')
  lines.push('## Caps by level')
  lines.push('')
  lines.push('Each cell reads *severity, cap*.')
  lines.push('')
  lines.push('| finding | what it means | relaxed | standard | strict |')
  lines.push('|---|---|---|---|---|')
  for (const id of FINDING_IDS) {
    const row = RUBRIC[id as FindingId]
    const title = text(messages, adviceKeys(id).title, PLACEHOLDER[id])
    const sourceGrade = 'capsAtSourceGrade' in row && row.capsAtSourceGrade === true
    lines.push(
      `| \`${id}\` | ${title} | ${STRICTNESS_LEVELS.map((l) => cell(row.levels, l, sourceGrade)).join(' | ')} |`,
    )
    const variants = 'variants' in row ? (row.variants as Record<string, { label: string; levels: Levels }>) : {}
    for (const [name, variant] of Object.entries(variants)) {
      lines.push(
        `| \`${id}\` (${name}) | … when ${variant.label} | ${STRICTNESS_LEVELS.map((l) => cell(variant.levels, l)).join(' | ')} |`,
      )
    }
  }
  lines.push('')
  lines.push(
    '`ssllabs-grade` caps the site at the SSL Labs grade itself (T and M count as F); Observatory letters with + or -',
  )
  lines.push('fold into their letter (B+ is B).')
  lines.push('')
  lines.push('## Thresholds')
  lines.push('')
  lines.push('| threshold | relaxed | standard | strict |')
  lines.push('|---|---|---|---|')
  lines.push(
    `| \`hsts-short-max-age\` when max-age is below | ${STRICTNESS_LEVELS.map((l) => days(THRESHOLDS.hstsMinMaxAge[l])).join(' | ')} |`,
  )
  lines.push(
    `| \`ssllabs-grade\` when the SSL Labs grade is below | ${STRICTNESS_LEVELS.map((l) => THRESHOLDS.ssllabsBar[l]).join(' | ')} |`,
  )
  lines.push(
    `| \`observatory-grade\` when the Observatory grade is below | ${STRICTNESS_LEVELS.map((l) => THRESHOLDS.observatoryBar[l]).join(' | ')} |`,
  )
  lines.push('')
  lines.push(
    `\`password-short-max-length\`: a password field's maxlength or the site's known password rules allow fewer than ${THRESHOLDS.passwordMaxLength} characters ` +
      `(NIST SP 800-63B), the very-short variant fewer than ${THRESHOLDS.passwordMaxLengthVeryShort}; fields capped below ${THRESHOLDS.passwordFieldMinCap} are taken for PIN or code boxes. ` +
      "Account findings come from data sets shipped with Vigie (Plain Text Offenders, 2fa.directory, Apple's password rules), matched by registrable domain; nothing is looked up.",
  )
  lines.push('')
  lines.push(
    `\`cert-expiring-soon\`: within ${THRESHOLDS.certExpiringSoonDays} days of the leaf's notAfter. \`cert-weak-key\`: RSA below ${THRESHOLDS.minRsaBits} bits or EC below ${THRESHOLDS.minEcBits} bits. \`tls-weak-dh\`: a DHE group below ${THRESHOLDS.minDhBits} bits (its broken variant below ${THRESHOLDS.brokenDhBits}).`,
  )
  lines.push('')
  lines.push('## What each finding means, and what to fix')
  lines.push('')
  for (const id of FINDING_IDS) {
    const keys = adviceKeys(id)
    lines.push(`### \`${id}\`: ${text(messages, keys.title, PLACEHOLDER[id])}`)
    lines.push('')
    lines.push(`- For visitors: ${text(messages, keys.user, PLACEHOLDER[id])}`)
    lines.push(`- For the site's operator: ${text(messages, keys.fix, PLACEHOLDER[id])}`)
    lines.push('')
  }
  return lines.join('\n')
}
