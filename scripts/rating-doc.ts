/**
 * Renders docs/RATING.md from the server rating's rules (src/core/rating/), so the published rules are what runs.
 * `npm run rating` rewrites the file; a unit test fails when it is stale.
 */
import {
  DISTRUSTED,
  GUIDE,
  GUIDE_VERSION,
  KEY_EXCHANGE_SCORES,
  LIFETIME_LIMITS,
  NEVER_TESTED,
  PROTOCOL_SCORES,
  RATING_RULE_IDS,
  RATING_RULES,
  WEIGHTS,
  ratingMessageKey,
  type RatingRule,
} from '../src/core/rating/index.ts'

type Messages = Record<string, { message: string }>

const pipe = (text: string) => text.replace(/\|/g, '\\|')
const link = (s: { title: string; url: string; date: string }) => `[${pipe(s.title)}](${s.url}) (${s.date})`
const KIND: Record<RatingRule['kind'], string> = {
  cap: 'cap',
  warning: 'warning (an A becomes A-)',
  'no-a-plus': 'keeps A+ away',
  note: 'note, never a cap',
}

export function renderRating(messages: Messages): string {
  const lines: string[] = []
  const say = (...more: string[]) => lines.push(...more)
  say('# Vigie server rating (SSL Labs rules)')
  say('')
  say('<!-- Generated from src/core/rating/ and public/_locales/en by `npm run rating`. Do not edit by hand. -->')
  say('')
  say(
    `Beside its own grade, the scanner rates each server as the [SSL Labs SSL Server Rating Guide](${GUIDE.url}) would,`,
  )
  say(`version **${GUIDE_VERSION}** (${GUIDE.date}), with Qualys' published grading changes. Vigie's own grade answers`)
  say(
    '"can I type my password here?" and weighs the page and the account too (see [RUBRIC.md](RUBRIC.md)); this rating is',
  )
  say('the server alone, for auditors who hold the scanner to SSL Labs and testssl.sh. It is computed by the pure core')
  say("(`src/core/rating/rate.ts`) from the scanner's facts; the CLI prints it (`serverRating` in `--json`), and the")
  say('popup and the report page show it for scanned hosts.')
  say('')
  say('## How it is computed')
  say('')
  say(
    `1. A numeric score (guide, section "Scoring"): protocol support ${WEIGHTS.protocol * 100} %, key exchange ${WEIGHTS.keyExchange * 100} %, cipher strength ${WEIGHTS.cipher * 100} %;`,
  )
  say(
    '   a zero in any category makes the total zero. Letter: A from 80, B from 65, C from 50, D from 35, E from 20, F below.',
  )
  say('2. Every rule below that applies caps the letter; each applied rule is listed with its reason.')
  say(
    '3. Warnings turn an A into A-. A+ needs an A with no warning, a known score and HSTS with max-age of 180 days or more.',
  )
  say(
    '4. Trust problems replace the letter with **T**, a name mismatch with **M** (M wins over T); the letter without them is',
  )
  say('   given too (`gradeIfTrusted`), as SSL Labs shows it under a T.')
  say(
    '5. A fact the scanner did not probe (a scan from before a probe, an absent field) or could not learn (null) never',
  )
  say(
    "   raises or lowers the rating by itself: the rule it feeds is listed as *not tested*, with the scanner's reason, and an",
  )
  say('   unknown score or HSTS keeps A+ away. Checks the scanner never makes are always listed as not tested:')
  say(`   ${NEVER_TESTED.map((c) => `\`${c}\``).join(', ')}, plus whatever the scanner names in its own \`notTested\`.`)
  say(
    '6. EV is ignored, as SSL Labs ignores it (browsers stopped showing EV in 2019). Post-quantum key exchange is a note.',
  )
  say('')
  say('### Protocol support (best and worst offered, averaged)')
  say('')
  say('| protocol | score |')
  say('|---|---|')
  for (const [name, score] of Object.entries(PROTOCOL_SCORES)) say(`| ${name} | ${score} % |`)
  say('')
  say('TLS 1.3 came after the table; it scores as TLS 1.2, as in SSL Labs and testssl.sh.')
  say('')
  say(
    '### Key exchange (the weakest of the certificate key, the DHE group, the ECDHE group, export and anonymous suites)',
  )
  say('')
  say('| strength (RSA-equivalent bits) | score |')
  say('|---|---|')
  for (const row of KEY_EXCHANGE_SCORES) say(`| below ${row.below === Infinity ? '∞' : row.below} | ${row.score} % |`)
  say('| exportable key exchange | 40 % |')
  say('| anonymous key exchange | 0 % |')
  say('')
  say(
    'Elliptic-curve sizes count as the RSA size of the same strength (NIST SP 800-57 part 1, table 2: 256 bits as 3072, so 90 %).',
  )
  say(
    'The guide speaks in RSA and DH bits and is silent on curves; testssl.sh scores a 256-bit curve 100 %, which can make its',
  )
  say("total a few points higher than Vigie's for EC certificates (never the letter on the fixtures below).")
  say('')
  say('### Cipher strength (strongest and weakest accepted, averaged)')
  say('')
  say('| bits | score |')
  say('|---|---|')
  say('| 0 (no encryption) | 0 % |')
  say('| below 128 | 20 % |')
  say('| below 256 (128, and 3DES counted 168 as in the guide) | 80 % |')
  say('| 256 and more | 100 % |')
  say('')
  say('## Rules')
  say('')
  say('| rule | grade | kind | what the report says | sources |')
  say('|---|---|---|---|---|')
  for (const id of RATING_RULE_IDS) {
    const rule: RatingRule = RATING_RULES[id]
    const words = pipe(messages[ratingMessageKey(id)]?.message ?? `(missing ${ratingMessageKey(id)})`).replace(
      /\$1/g,
      '…',
    )
    say(
      `| \`${id}\` | ${rule.kind === 'note' ? '–' : rule.cap} | ${KIND[rule.kind]} | ${words} | ${rule.sources.map(link).join('; ')} |`,
    )
  }
  say('')
  say('## Where the guide is silent or dated: what Vigie does, and why')
  say('')
  for (const id of RATING_RULE_IDS) {
    const rule: RatingRule = RATING_RULES[id]
    if (rule.decision) say(`- \`${id}\`: ${rule.decision}`)
  }
  say('')
  say('## Certificate lifetimes (CA/Browser Forum), by issuance date')
  say('')
  say('| issued from | at most | source |')
  say('|---|---|---|')
  for (const l of LIFETIME_LIMITS) say(`| ${l.from} | ${l.maxDays} days | ${link(l.source)} |`)
  say('')
  say(
    'The period counts from notBefore to notAfter inclusive (Baseline Requirements section 1.6.1), so a 398-day certificate',
  )
  say('ends one second before the 399th day. Certificates issued before 1 March 2018 are not checked.')
  say('')
  say('## Certificate authorities distrusted by issuance date')
  say('')
  say('| CA operator | leaves issued from | matched on the issuer organisation | where | source |')
  say('|---|---|---|---|---|')
  for (const d of DISTRUSTED)
    say(
      `| ${d.operator} | ${d.from} | ${d.organisations.map((o) => `\`${pipe(o)}\``).join(', ')} | ${d.browser} | ${link(d.source)} |`,
    )
  say('')
  return lines.join('\n')
}
