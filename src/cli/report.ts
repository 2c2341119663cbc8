/**
 * What the CLI prints, from the scanner's facts graded by the core: a readable report per host, one JSON document,
 * or a Markdown comparison table. Pure functions. Everything a server sent (names in certificates, headers, reasons)
 * is data: control characters are replaced before any of it reaches a terminal.
 */
import en from '../../public/_locales/en/messages.json'
import { adviceKeys } from '../core/advice.ts'
import { gradeSite } from '../core/grade-site.ts'
import { gradeRank } from '../core/grade.ts'
import { markdownCell } from '../core/markdown.ts'
import { RATING_GRADES, rateServer, ratingReason, type ServerRating } from '../core/rating/index.ts'
import type { Finding, Grade, Report, ScanFacts, Strictness } from '../core/types.ts'

const MESSAGES: Record<string, { message: string }> = en

export interface HostReport {
  host: string
  port: number
  /** Null when the host could not be scanned. */
  grade: Grade | null
  strictness: Strictness
  findings: (Finding & { title: string; fix: string })[]
  coverage: Report['coverage'] | null
  scannedAt: string
  error?: ScanFacts['error']
  /** The server's rating by the SSL Labs guide (issue #20), beside Vigie's own grade; null when it cannot be rated. */
  serverRating: ServerRatingJson | null
  /** The facts of the address reported: the worst one graded (issue #20). */
  scan: ScanFacts
  /** Every address of the name that was scanned, each with its own grade and facts; the worst is `scan`. */
  addresses?: {
    address: string
    grade: Grade | null
    serverRating: ServerRatingJson | null
    /** The address whose grade is reported (Vigie's worst). */
    worst: boolean
    /** The address whose rating is the host's (the worst rating). */
    worstRating: boolean
    scan: ScanFacts
  }[]
}

/** The rating as --json gives it: the issue's contract, each cap and note with its rule id and reason in English. */
export interface ServerRatingJson {
  grade: ServerRating['grade']
  gradeIfTrusted: Grade
  score: ServerRating['score']
  caps: { grade: string; reason: string; rule: string; kind: string }[]
  notes: { reason: string; rule: string }[]
  notTested: ServerRating['notTested']
  guide: ServerRating['guide']
}

export function serverRatingJson(scan: ScanFacts): ServerRatingJson | null {
  const rating = rateServer(scan)
  if (!rating) return null
  return {
    grade: rating.grade,
    gradeIfTrusted: rating.gradeIfTrusted,
    score: rating.score,
    caps: rating.caps.map((c) => ({ grade: c.grade, reason: ratingReason(c, message), rule: c.rule, kind: c.kind })),
    notes: rating.notes.map((n) => ({ reason: ratingReason(n, message), rule: n.rule })),
    notTested: rating.notTested,
    guide: rating.guide,
  }
}

function message(key: string, subs: string[] = []): string {
  const text = MESSAGES[key]?.message ?? key
  return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '?')
}

/** The https URL a scan grades as: the scanner's facts ride on the page's facts, as in the extension. */
export function pageUrl(host: string, port: number): string {
  const name = host.includes(':') ? `[${host}]` : host
  return `https://${name}${port === 443 ? '' : `:${port}`}/`
}

export function hostReport(scan: ScanFacts, strictness: Strictness): HostReport {
  const where = { host: scan.host, port: scan.port }
  if (scan.error) {
    return {
      ...where,
      grade: null,
      strictness,
      findings: [],
      coverage: null,
      scannedAt: scan.observedAt,
      error: scan.error,
      serverRating: null,
      scan,
    }
  }
  const report = gradeSite({ page: { url: pageUrl(scan.host, scan.port) }, scan }, strictness)
  const findings = report.findings.map((f) => {
    const subs = f.grade !== undefined ? [f.grade] : []
    return { ...f, title: message(adviceKeys(f.id).title, subs), fix: message(adviceKeys(f.id).fix, subs) }
  })
  return {
    ...where,
    grade: report.grade,
    strictness,
    findings,
    coverage: report.coverage,
    scannedAt: scan.observedAt,
    serverRating: serverRatingJson(scan),
    scan,
  }
}

/**
 * One host's report from the scans of each of its addresses: each graded, and the worst one reported (SSL Labs
 * rates every address and the worst wins). An address that could not be scanned counts only when none could.
 */
const ratingRank = (grade: ServerRatingJson['grade']): number => RATING_GRADES.indexOf(grade)

export function hostReportOf(scans: readonly ScanFacts[], strictness: Strictness): HostReport {
  const reports = scans.map((scan) => hostReport(scan, strictness))
  const graded = reports.filter((r) => r.grade !== null)
  const worst =
    graded.length > 0 ? graded.reduce((w, r) => (gradeRank(r.grade!) > gradeRank(w.grade!) ? r : w)) : reports[0]!
  if (scans.length <= 1) return worst
  // The server rating is per address too, and its worst may be another address than Vigie's worst grade (SSL Labs
  // shows every endpoint; the host's rating is its worst). T and M rank below F, as they replace any letter.
  const rated = reports.filter((r) => r.serverRating !== null)
  const worstRated =
    rated.length > 0
      ? rated.reduce((w, r) => (ratingRank(r.serverRating!.grade) > ratingRank(w.serverRating!.grade) ? r : w))
      : undefined
  return {
    ...worst,
    serverRating: worstRated?.serverRating ?? worst.serverRating,
    addresses: reports.map((r) => ({
      address: r.scan.address ?? '',
      grade: r.grade,
      serverRating: r.serverRating,
      worst: r === worst,
      worstRating: r === worstRated,
      scan: r.scan,
    })),
  }
}

/**
 * Server text made safe for a terminal or a Markdown cell: C0 and C1 controls, DEL, and Unicode bidi controls
 * (which reorder what a reader sees) become U+FFFD.
 */
export function clean(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\uFFFD')
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe
}

/** JSON for a terminal: JSON.stringify leaves C1 and bidi controls raw; escape them too. */
export function toJson(reports: HostReport[]): string {
  const doc = { hosts: reports }
  return JSON.stringify(doc, null, 2).replace(
    /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

const yesNo = (v: boolean | null, yes = 'yes', no = 'no') => (v === null ? 'unknown' : v ? yes : no)

/** A finding's details as one short parenthesis: "(offered: sslv3, tlsv1)". */
function detailOf(f: Finding): string {
  const d = f.detail ?? {}
  const parts: string[] = []
  if (typeof d.how === 'string') parts.push(String(d.how))
  for (const key of ['protocols', 'cipherSuite', 'bits', 'hash', 'position', 'header', 'error', 'protocol']) {
    if (d[key] !== undefined && d[key] !== '') parts.push(key === 'bits' ? `${d[key]} bits` : String(d[key]))
  }
  return parts.length > 0 ? ` (${clean(parts.join(': ').replace(/^(negotiated|offered): /, '$1: '), 120)})` : ''
}

function hostLabel(r: { host: string; port: number }): string {
  return `${r.host.includes(':') ? `[${r.host}]` : r.host}:${r.port}`
}

const PROTOCOL_NAMES: [keyof ScanFacts['protocols'], string][] = [
  ['ssl3', 'SSL 3'],
  ['tls1', 'TLS 1.0'],
  ['tls1_1', 'TLS 1.1'],
  ['tls1_2', 'TLS 1.2'],
  ['tls1_3', 'TLS 1.3'],
]

/** The readable report of one host. */
export function toText(r: HostReport): string {
  const lines: string[] = []
  const s = r.scan
  const when = `${r.scannedAt.slice(0, 16).replace('T', ' ')} UTC`
  if (r.error) {
    lines.push(`${clean(hostLabel(r))}: could not be scanned: ${clean(r.error.reason)}`)
    return lines.join('\n')
  }
  lines.push(
    `${clean(hostLabel(r))}${s.address && s.address !== r.host ? ` (${s.address})` : ''}  grade ${r.grade}  [${r.strictness}]`,
  )
  lines.push(
    `  scanned ${when} from this computer, ${s.connections} connections, ${(s.durationMs / 1000).toFixed(2)} s`,
  )
  if (r.addresses) {
    const each = r.addresses.map(
      (a) =>
        `${clean(a.address, 60)} ${a.grade ?? `not scanned (${clean(a.scan.error?.reason ?? 'unknown', 60)})`}${a.worst ? ' (reported: the worst)' : ''}${a.serverRating ? `, rating ${a.serverRating.grade}${a.worstRating ? ' (the worst)' : ''}` : ''}`,
    )
    lines.push(`  addresses    ${each.join(', ')}`)
  }
  lines.push('')
  if (r.findings.length === 0) lines.push('  No findings.')
  for (const f of r.findings) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.title}${detailOf(f)}  [${f.id}, caps at ${f.cap}]`)
    lines.push(`           fix: ${f.fix}`)
  }
  lines.push('')
  lines.push(...ratingLines(r.serverRating))
  lines.push('')
  lines.push(`  Protocols    ${PROTOCOL_NAMES.map(([k, name]) => `${name} ${yesNo(s.protocols[k])}`).join(', ')}`)
  if (s.negotiated) {
    const n = s.negotiated
    lines.push(
      `  Negotiated   ${clean(n.protocol)} ${clean(n.cipherSuite)}${n.keyExchange ? ` (${clean(n.keyExchange)}${n.group ? ` ${clean(n.group)}` : ''})` : ''}`,
    )
  }
  const w = s.weakSuites
  lines.push(
    `  Weak suites  export ${yesNo(w.export)}, RC4 ${yesNo(w.rc4)}, 3DES ${yesNo(w.tripleDes)}, NULL ${yesNo(w.null)}, anonymous ${yesNo(w.anon)}`,
  )
  lines.push(
    `  Key exchange forward secrecy preferred ${yesNo(s.forwardSecrecyPreferred)}, static RSA ${yesNo(s.staticRsa, 'accepted', 'refused')}, DHE ${s.dhe === true ? (s.dhBits ? `${s.dhBits} bits` : 'yes') : yesNo(s.dhe)}`,
  )
  lines.push(
    `  Downgrade    TLS_FALLBACK_SCSV ${s.fallbackScsv === null ? 'not applicable or unknown' : s.fallbackScsv ? 'honoured' : 'ignored'}`,
  )
  // Issue #20's probes: absent from scans made before them.
  if (s.ssl2 !== undefined || s.heartbleed !== undefined) {
    const vulnerable = (v: boolean | null | undefined) =>
      v === undefined ? 'not probed' : yesNo(v, 'VULNERABLE', 'no')
    lines.push(
      `  Attacks      SSL 2 ${yesNo(s.ssl2 ?? null, 'OFFERED', 'no')}, Heartbleed ${vulnerable(s.heartbleed)}, CCS injection ${vulnerable(s.ccsInjection)}, ROBOT ${vulnerable(s.robot)}, compression ${yesNo(s.compression ?? null, 'ON (CRIME)', 'off')}, secure renegotiation ${s.secureRenegotiation === null ? 'not applicable or unknown' : yesNo(s.secureRenegotiation ?? null)}, AEAD ${yesNo(s.aead ?? null)}`,
    )
    if (s.groups)
      lines.push(`  Groups       ${s.groups.length > 0 ? s.groups.map((g) => clean(g, 40)).join(', ') : 'none'}`)
    if (s.notTested?.length)
      lines.push(
        `  Not tested   ${s.notTested.map((t) => clean(t, 40)).join(', ')} (they need a TLS stack of Vigie's own)`,
      )
  }
  const cert = s.certificate
  if (cert) {
    const leaf = cert.chain[0]
    if (leaf) {
      lines.push(
        `  Certificate  ${clean(leaf.subject, 80)}, ${leaf.keyType} ${leaf.keyBits}, ${clean(leaf.signatureAlgorithm, 40)}, ${cert.validation === 'unknown' ? 'validation type unknown' : cert.validation}, until ${leaf.notAfter.slice(0, 10)}`,
      )
      lines.push(`               issued by ${clean(leaf.issuer, 80)}; chain of ${cert.chain.length}`)
    }
  }
  if (s.trust) {
    lines.push(
      `  Trust        ${s.trust.trusted ? 'trusted' : `not trusted (${clean(s.trust.error ?? 'unknown reason', 100)})`}${s.trust.nameMatches ? '' : ', name does not match'}`,
    )
  }
  lines.push(
    `  HSTS         ${s.hsts === null ? 'unknown' : s.hsts.header === null ? 'none' : clean(s.hsts.header, 120)}`,
  )
  const redirect = {
    'redirects-to-https': 'redirects to https',
    'serves-pages': 'serves pages in clear',
    'no-http': 'no http server',
    unknown: 'unknown',
  }
  lines.push(`  Plain http   ${redirect[s.httpRedirect]}`)
  if (s.unknown.length > 0) {
    lines.push('')
    lines.push('  Could not learn:')
    for (const u of s.unknown) lines.push(`    - ${clean(u.check, 40)}: ${clean(u.reason, 160)}`)
  }
  return lines.join('\n')
}

const pct = (n: number | null) => (n === null ? '?' : String(n))

/** The server rating in the text report: the letter, the score, each cap with its reason, what was not tested. */
function ratingLines(rating: ServerRatingJson | null): string[] {
  if (!rating) return [`  ${message('ratingTitle')}: ${message('ratingNotRated')}`]
  const s = rating.score
  const lines = [`  ${message('ratingTitle')}: ${message('ratingGrade', [rating.grade, rating.guide])}`]
  if (rating.grade === 'T' || rating.grade === 'M')
    lines.push(`    ${message('ratingIfTrusted', [rating.gradeIfTrusted])}`)
  lines.push(`    ${message('ratingScore', [pct(s.total), pct(s.protocol), pct(s.keyExchange), pct(s.cipher)])}`)
  if (rating.caps.length === 0) lines.push(`    ${message('ratingCapsNone')}`)
  for (const cap of rating.caps) lines.push(`    ${cap.grade.padEnd(2)} ${clean(cap.reason, 160)}  [${cap.rule}]`)
  for (const note of rating.notes) lines.push(`    note: ${clean(note.reason, 200)}`)
  if (rating.notTested.length > 0)
    lines.push(`    ${message('ratingNotTested', [clean(rating.notTested.map((n) => n.check).join(', '), 400)])}`)
  return lines
}

/** A Markdown table cell: no pipes, no line breaks, no controls. */
function cell(text: string): string {
  return markdownCell(clean(text, 300))
}

/** A finding in a few words, for the table: the title, and what exactly when it helps ("TLS 1.0 offered"). */
function shortFinding(f: HostReport['findings'][number]): string {
  const d = f.detail ?? {}
  if (f.id === 'tls-legacy-protocol' && typeof d.protocols === 'string')
    return `${d.protocols
      .replace(/sslv3/g, 'SSL 3')
      .replace(/tlsv1\.1/g, 'TLS 1.1')
      .replace(/tlsv1(?!\.)/g, 'TLS 1.0')} ${d.how ?? ''}`.trim()
  if (f.id === 'tls-weak-dh' && typeof d.bits === 'number') return `DH ${d.bits} bits`
  if (f.id === 'tls-weak-cipher' && typeof d.cipherSuite === 'string') {
    const what = /EXPORT/i.test(d.cipherSuite)
      ? 'export suites (FREAK)'
      : /NULL/i.test(d.cipherSuite)
        ? 'NULL suites'
        : /anon/i.test(d.cipherSuite)
          ? 'anonymous suites'
          : /RC4/i.test(d.cipherSuite)
            ? 'RC4'
            : /3DES|DES/i.test(d.cipherSuite)
              ? '3DES (SWEET32)'
              : d.cipherSuite
    return `${what} ${d.how ?? ''}`.trim()
  }
  if (f.id === 'cert-sha1') return 'SHA-1 certificate'
  if (f.id === 'cert-untrusted')
    return f.source === 'scanner'
      ? `untrusted certificate${typeof d.error === 'string' && d.error ? ` (${d.error})` : ''}`
      : f.title
  if (f.id === 'tls-no-forward-secrecy') return 'no forward secrecy'
  if (f.id === 'hsts-missing') return 'no HSTS'
  return f.title
}

/** The rating in a table cell: the letter and the caps that set it ("B: Old protocols are offered (TLS 1.0)"). */
function ratingCell(rating: ServerRatingJson | null): string {
  if (!rating) return '–'
  const letter =
    rating.grade === 'T' || rating.grade === 'M'
      ? `${rating.grade} (${rating.gradeIfTrusted} if trusted)`
      : rating.grade
  const worst = rating.caps.filter((c) => c.kind === 'cap').slice(0, 3)
  return worst.length > 0 ? `${cell(letter)}: ${worst.map((c) => cell(c.reason)).join('; ')}` : cell(letter)
}

/** The comparison table of several hosts (the table a security article needs). */
export function toMarkdown(reports: HostReport[]): string {
  const lines = ['| Host | Grade | SSL Labs rating | Main findings | Date |', '|---|---|---|---|---|']
  for (const r of reports) {
    const date = r.scannedAt.slice(0, 10)
    if (r.error) {
      lines.push(`| ${cell(hostLabel(r))} | – | – | could not be scanned: ${cell(r.error.reason)} | ${date} |`)
      continue
    }
    const main = r.findings.filter((f) => f.severity !== 'info' && f.severity !== 'low').slice(0, 5)
    const text = main.length > 0 ? main.map((f) => cell(shortFinding(f))).join('; ') : 'none'
    lines.push(`| ${cell(hostLabel(r))} | ${r.grade} | ${ratingCell(r.serverRating)} | ${text} | ${date} |`)
  }
  return lines.join('\n')
}
