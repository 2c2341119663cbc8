import { ratingMessageKey, type RatingRuleId } from './ids.ts'

/**
 * A rule's reason in words, through the caller's translation (the CLI's English messages, the extension's i18n):
 * the detail fills $1, and a reason without a detail drops its empty parenthesis.
 */
export function ratingReason(
  applied: { rule: RatingRuleId; detail?: string },
  translate: (key: string, subs?: string[]) => string,
): string {
  const text = translate(ratingMessageKey(applied.rule), [applied.detail ?? ''])
  return applied.detail === undefined
    ? text
        .replace(/\s*\(\s*\)/, '')
        .replace(/[:：]\s*$/, '')
        .trim()
    : text
}
