/**
 * The one message contract between the content script, the background and the extension pages. Messages are named
 * by direction; every message is validated on arrival (valibot) and its sender checked by the background.
 * The content script imports types only, so valibot never reaches its bundle.
 */
import * as v from 'valibot'
import { MAX_FORMS, MAX_LIMITS, MAX_URL } from './limits.ts'
import { LOOKUP_ERRORS } from './online/errors.ts'
import { MODES, SETTING_KEYS, SOURCES } from './settings.ts'
import { GRADES, FACT_GROUPS, FINDING_IDS, SEVERITIES, STRICTNESS_LEVELS, TWO_FACTOR_METHODS } from './core/types.ts'
import { RATING_GRADES, RATING_RULE_IDS } from './core/rating/ids.ts'

/**
 * A content script's report is read value by value (issue #21): one odd value never drops the report. A number out
 * of its range is clamped into it, a string too long is cut, a value of the wrong type falls back to the least it
 * can claim (no field, no form, not restored), and an entry of a list that cannot be read (a form, a password cap)
 * is left out while the others stay. Real pages give reasons: shops write maxlength="2147483647".
 */
const cutUrl = v.pipe(
  v.string(),
  v.transform((s) => s.slice(0, MAX_URL)),
)
/** A whole number up to `max`: above, `max`; below 0 or not whole, the schema fails (for the caller's fallback). */
const count = (max: number) =>
  v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.transform((n) => Math.min(n, max)),
  )

/**
 * A list: at most `max` entries are read, and those `item` cannot read are left out. Anything but an array is an
 * empty list.
 */
function lenientList<T>(item: v.GenericSchema<unknown, T>, max: number) {
  return v.fallback(
    v.pipe(
      v.array(v.unknown()),
      v.transform((items) => {
        const kept: T[] = []
        for (const raw of items.slice(0, max)) {
          const parsed = v.safeParse(item, raw)
          if (parsed.success) kept.push(parsed.output)
        }
        return kept
      }),
    ),
    [] as T[],
  )
}

/** A form whose action, method or flags cannot be read is left out: guessing any of them could invent a finding. */
export const FormFactSchema = v.object({
  action: cutUrl,
  method: v.picklist(['get', 'post', 'dialog']),
  explicit: v.boolean(),
  password: v.boolean(),
})

/** A password field's cap: a huge one (2147483647) is no cap that matters, kept as the largest; a negative one, none. */
const PasswordLimitSchema = v.object({ maxLength: count(1_000_000), newPassword: v.fallback(v.boolean(), false) })

export const FrameReportSchema = v.object({
  // The background grades a frame by the browser's word for its URL; this one serves about: frames only.
  url: v.fallback(cutUrl, ''),
  // A count: clamped into 0 to 100,000 (what a page can hold is not the point: what grading reads is "any").
  passwordFields: v.fallback(
    v.pipe(
      v.number(),
      v.transform((n) => Math.min(100_000, Math.max(0, Math.floor(n)))),
    ),
    0,
  ),
  forms: lenientList(FormFactSchema, MAX_FORMS),
  /** Password fields' maxlength caps (password-short-max-length). */
  passwordLimits: v.pipe(
    v.optional(lenientList(PasswordLimitSchema, MAX_LIMITS)),
    v.transform((limits) => (limits && limits.length > 0 ? limits : undefined)),
  ),
})

/**
 * Content script to background: what this frame holds now, sent when it changes, and again (`restored`) when Back
 * or Forward brings the page back from the back-forward cache; and that a frame left its page.
 */
export const ContentToBackgroundSchema = v.variant('type', [
  v.object({
    type: v.literal('content:frame-facts'),
    frame: FrameReportSchema,
    restored: v.fallback(v.optional(v.boolean()), undefined),
  }),
  v.object({ type: v.literal('content:frame-gone') }),
])

/** Extension pages to background. */
const TabId = v.pipe(v.number(), v.integer(), v.minValue(0))

export const UiToBackgroundSchema = v.variant('type', [
  v.object({ type: v.literal('ui:get-report'), tabId: v.optional(TabId) }),
  /** Ask the online sources now (the popup's lookup and refresh buttons); `source` alone, or every one on. */
  v.object({ type: v.literal('ui:lookup'), tabId: TabId, source: v.optional(v.picklist(SOURCES)) }),
  /** The report page: every host graded so far. */
  v.object({ type: v.literal('ui:get-hosts') }),
  /** The options page: a tab's grade at each strictness, and what is stored. */
  v.object({ type: v.literal('ui:preview'), tabId: TabId }),
  v.object({ type: v.literal('ui:get-data') }),
  v.object({ type: v.literal('ui:forget-all') }),
  /** The popup's Rescan button: scan the tab's host and port from this computer now, through the companion. */
  v.object({ type: v.literal('ui:rescan'), tabId: TabId }),
  /** The popup's "hide" on the note that explains how to install the companion. */
  v.object({ type: v.literal('ui:scanner-hint-hide') }),
  /** Ask the companion `hello` now (the setup page every second while shown, Check again, the options page). */
  v.object({ type: v.literal('ui:companion-check') }),
])

export type FrameReport = v.InferOutput<typeof FrameReportSchema>
export type ContentToBackground = v.InferOutput<typeof ContentToBackgroundSchema>
export type UiToBackground = v.InferOutput<typeof UiToBackgroundSchema>

const FindingSchema = v.object({
  id: v.picklist(FINDING_IDS),
  severity: v.picklist(SEVERITIES),
  cap: v.picklist(GRADES),
  variant: v.optional(v.string()),
  detail: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()]))),
  source: v.optional(v.picklist(['browser', 'ssllabs', 'observatory', 'hstspreload', 'scanner'])),
  observedAt: v.optional(v.string()),
  grade: v.optional(v.picklist(GRADES)),
})

const PreviousSchema = v.object({
  grade: v.picklist(GRADES),
  findings: v.array(v.picklist(FINDING_IDS)),
  strictness: v.picklist(STRICTNESS_LEVELS),
  at: v.number(),
  /** Which page of the host (core/page-key.ts). */
  page: v.optional(v.pipe(v.string(), v.maxLength(16))),
})

const SourceStatusSchema = v.variant('state', [
  v.object({ state: v.literal('ready'), observedAt: v.string(), grade: v.optional(v.string()), fetchedAt: v.number() }),
  v.object({ state: v.literal('pending'), progress: v.number(), since: v.number() }),
  v.object({
    state: v.literal('error'),
    error: v.picklist(LOOKUP_ERRORS),
    at: v.number(),
    retryAt: v.optional(v.number()),
    message: v.optional(v.string()),
  }),
])

/** never scanned; a scan running; one waiting for the cap on automatic scans; facts at hand; the last scan failed. */
export const SCANNER_STATES = ['none', 'running', 'waiting', 'ready', 'error'] as const
/** Where a scan of the page may connect (background/scan-rules.ts, scanRoute). */
export const SCAN_ROUTES = ['ok', 'proxied', 'no-address'] as const
/** What Vigie knows of the companion (background/scan-rules.ts). */
export const COMPANION_STATUSES = ['unknown', 'missing', 'forbidden', 'outdated', 'working', 'broken'] as const

export const CompanionInfoSchema = v.object({
  state: v.picklist(COMPANION_STATUSES),
  version: v.optional(v.pipe(v.string(), v.maxLength(40))),
  protocol: v.optional(v.number()),
  message: v.optional(v.pipe(v.string(), v.maxLength(300))),
  /** This extension's id, the one a "forbidden" companion must allow. */
  extensionId: v.optional(v.pipe(v.string(), v.maxLength(80))),
})

/** The server's rating by the SSL Labs guide (issue #20), from the local scanner's facts: core/rating/summary.ts. */
export const ServerRatingSummarySchema = v.object({
  grade: v.picklist(RATING_GRADES),
  gradeIfTrusted: v.picklist(GRADES),
  total: v.nullable(v.number()),
  caps: v.pipe(
    v.array(
      v.object({
        rule: v.picklist(RATING_RULE_IDS),
        grade: v.picklist(RATING_GRADES),
        detail: v.optional(v.pipe(v.string(), v.maxLength(80))),
      }),
    ),
    v.maxLength(12),
  ),
  notTested: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(24)),
  guide: v.pipe(v.string(), v.maxLength(10)),
})

/** What the popup shows about the local scanner for the tab's host and port (absent: off, or not an https page). */
export const ScannerStatusSchema = v.object({
  mode: v.picklist(MODES),
  state: v.picklist(SCANNER_STATES),
  route: v.picklist(SCAN_ROUTES),
  companion: CompanionInfoSchema,
  /**
   * ms since the epoch: when the facts were observed (ready), the scan started (running), it failed (error), or a
   * waiting scan may start (waiting).
   */
  at: v.optional(v.number()),
  /** Why the last scan failed, as the companion said it (shown as text, never as HTML). */
  message: v.optional(v.pipe(v.string(), v.maxLength(300))),
  /** What the server accepts beyond what was negotiated (keys such as "ssl3", "rc4"), worst first. */
  accepts: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(20)),
  /** The user hid the note about installing the companion. */
  hintHidden: v.boolean(),
  /** The server's rating by the SSL Labs rules, when the facts are ready and rate (issue #20). */
  rating: v.optional(ServerRatingSummarySchema),
})

/** Addresses from the shipped data sets that the popup links to (the user opens them; Vigie never fetches them). */
const webUrl = v.pipe(v.string(), v.maxLength(MAX_URL), v.regex(/^https?:\/\/[^\s"<>]+$/))

/** What the popup shows about the site's accounts besides findings (SPEC.md section 8). */
export const AccountSummarySchema = v.object({
  twoFactor: v.optional(
    v.object({ methods: v.array(v.picklist(TWO_FACTOR_METHODS)), documentation: v.optional(webUrl) }),
  ),
  changePasswordUrl: v.optional(webUrl),
  sources: v.array(
    v.object({
      id: v.picklist(['plaintextoffenders', 'twofactorauth', 'password-manager-resources']),
      date: v.string(),
    }),
  ),
})

export const TabReportSchema = v.object({
  tabId: v.number(),
  url: v.string(),
  host: v.string(),
  browser: v.picklist(['chrome', 'firefox']),
  /** The page's facts are still coming in: `previous`, when present, is what to show meanwhile. */
  pending: v.boolean(),
  /** This host's report from an earlier visit. */
  previous: v.optional(PreviousSchema),
  /** The site's accounts, from the data sets shipped with Vigie. */
  account: v.optional(AccountSummarySchema),
  /** Online sources the user turned on, with what they said about this host. */
  online: v.object({
    /** False for private windows and local or non-public hosts: no source is ever asked about them. */
    eligible: v.boolean(),
    sources: v.array(
      v.object({ source: v.picklist(SOURCES), mode: v.picklist(MODES), status: v.nullable(SourceStatusSchema) }),
    ),
  }),
  scanner: v.optional(ScannerStatusSchema),
  /** The settings an administrator fixed (storage.managed): the popup says when the strictness is one of them. */
  locked: v.optional(v.pipe(v.array(v.picklist(SETTING_KEYS)), v.maxLength(SETTING_KEYS.length))),
  report: v.object({
    grade: v.picklist(GRADES),
    strictness: v.picklist(STRICTNESS_LEVELS),
    findings: v.array(FindingSchema),
    coverage: v.object(
      Object.fromEntries(FACT_GROUPS.map((g) => [g, v.boolean()])) as Record<
        (typeof FACT_GROUPS)[number],
        v.BooleanSchema<undefined>
      >,
    ),
  }),
})

const short = v.pipe(v.string(), v.maxLength(20))
/** What the report page shows of a finding besides its id (background/memory.ts, FindingNote). */
const FindingNotesSchema = v.record(
  v.picklist(FINDING_IDS),
  v.object({ grade: v.optional(short), variant: v.optional(short), source: v.optional(short) }),
)

/** A host on the report page: its last report, and the last report of each of its pages (at most 8). */
export const HostEntrySchema = v.object({
  host: v.pipe(v.string(), v.maxLength(300)),
  ...PreviousSchema.entries,
  notes: v.optional(FindingNotesSchema),
  pages: v.optional(
    v.pipe(
      v.record(
        v.pipe(v.string(), v.maxLength(16)),
        v.object({
          grade: v.picklist(GRADES),
          findings: v.pipe(v.array(v.picklist(FINDING_IDS)), v.maxLength(200)),
          notes: v.optional(FindingNotesSchema),
          at: v.number(),
        }),
      ),
      v.check((pages) => Object.keys(pages).length <= 8),
    ),
  ),
  serverRating: v.optional(ServerRatingSummarySchema),
})

/** The name of the port an open popup keeps to the background, which tells it when its tab may have changed. */
export const UI_PORT = 'vigie:ui'
export const BackgroundPushSchema = v.object({ type: v.literal('bg:tab-changed'), tabId: v.number() })
export type BackgroundPush = v.InferOutput<typeof BackgroundPushSchema>

/** Background to extension pages: the report of one tab, or why there is none. */
export const BackgroundToUiSchema = v.variant('type', [
  v.object({ type: v.literal('bg:report'), tab: TabReportSchema }),
  v.object({ type: v.literal('bg:no-report'), reason: v.picklist(['not-web-page', 'no-tab', 'not-yet']) }),
  v.object({ type: v.literal('bg:hosts'), hosts: v.array(HostEntrySchema) }),
  v.object({
    type: v.literal('bg:preview'),
    host: v.string(),
    grades: v.object({ relaxed: v.picklist(GRADES), standard: v.picklist(GRADES), strict: v.picklist(GRADES) }),
  }),
  v.object({ type: v.literal('bg:data'), hosts: v.number(), online: v.number() }),
  v.object({ type: v.literal('bg:done') }),
  v.object({ type: v.literal('bg:companion'), companion: CompanionInfoSchema }),
])

export type ScannerStatus = v.InferOutput<typeof ScannerStatusSchema>
export type CompanionInfo = v.InferOutput<typeof CompanionInfoSchema>
export type HostEntry = v.InferOutput<typeof HostEntrySchema>

export type TabReport = v.InferOutput<typeof TabReportSchema>
export type BackgroundToUi = v.InferOutput<typeof BackgroundToUiSchema>
