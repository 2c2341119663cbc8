/** How long ago, in the UI's language, for the popup (long words) and the report page (short ones). */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

/**
 * "2 minutes ago" (long) or "3 hr. ago" (short); never in the future, since clocks differ. Under a minute, the long
 * form counts seconds (at least one) and the short form says "now".
 */
export function ago(at: number, now: number, language: string, style: 'long' | 'short'): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style })
  const seconds = Math.max(0, Math.round((now - at) / 1000))
  for (const [unit, size] of UNITS) if (seconds >= size) return format.format(-Math.floor(seconds / size), unit)
  return style === 'long' ? format.format(-Math.max(1, seconds), 'second') : format.format(0, 'second')
}
