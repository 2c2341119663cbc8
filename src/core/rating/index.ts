/** The server rating as SSL Labs would give it (issue #20): the rules as data, the score tables and the rating. */
export { rateServer, type AppliedRule, type NotTested, type ServerRating } from './rate.ts'
export {
  RATING_RULES,
  RATING_RULE_IDS,
  RATING_GRADES,
  GUIDE,
  GUIDE_VERSION,
  NEVER_TESTED,
  ratingMessageKey,
  type RatingGrade,
  type RatingRule,
  type RatingRuleId,
} from './rules.ts'
export {
  LIFETIME_LIMITS,
  DISTRUSTED,
  lifetimeLimitFor,
  lifetimeDays,
  distrustFor,
  type Source,
} from './certificates.ts'
export {
  PROTOCOL_SCORES,
  KEY_EXCHANGE_SCORES,
  WEIGHTS,
  cipherScore,
  keyExchangeScore,
  gradeOfScore,
  totalOf,
  cipherBitsOf,
} from './scores.ts'
export { ratingReason } from './words.ts'
export { ratingSummary, type ServerRatingSummary } from './summary.ts'
