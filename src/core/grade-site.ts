import { CHECKS } from './checks/index.ts'
import { certificateFacts, isHttpsPage, scanFacts, tlsFacts } from './facts.ts'
import { severityRank, worseGrade } from './grade.ts'
import { ruleFor } from './rubric.ts'
import type { FactGroup, Finding, Observation, Report, SiteFacts, Strictness } from './types.ts'

/** Which groups of facts this report rests on. Groups that are not known never lower the grade. */
export function coverageOf(facts: SiteFacts): Record<FactGroup, boolean> {
  const online = facts.online
  return {
    page: facts.page.frames !== undefined,
    transport: facts.transport !== undefined,
    certificate: isHttpsPage(facts) && certificateFacts(facts) !== undefined,
    // A scan that reached the server knows what it offers, even when no normal handshake completed.
    tls: isHttpsPage(facts) && (tlsFacts(facts) !== undefined || scanFacts(facts) !== undefined),
    online: online !== undefined && (online.ssllabs ?? online.observatory ?? online.preload) !== undefined,
    account: facts.account !== undefined,
  }
}

function toFinding(observation: Observation, strictness: Strictness): Finding {
  const rule = ruleFor(observation.id, strictness, observation.variant)
  // An online grade travels with its finding: the site can be no better than what the service measured.
  const cap = observation.grade ? worseGrade(rule.cap, observation.grade) : rule.cap
  return { ...observation, severity: rule.severity, cap }
}

/** Facts in, findings and a grade out: the lowest cap among the findings, A+ when there are none. */
export function gradeSite(facts: SiteFacts, strictness: Strictness = 'standard'): Report {
  const findings = CHECKS.flatMap((check) => check.run(facts, strictness))
    .map((o) => toFinding(o, strictness))
    // Stable sort: worst first, then the order of CHECKS.
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
  const grade = findings.reduce((g, f) => worseGrade(g, f.cap), 'A+' as Report['grade'])
  return { grade, findings, coverage: coverageOf(facts), strictness }
}
