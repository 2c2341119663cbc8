/** Why an online lookup gave no result; shown to the user in plain words (see _locales, lookupError_*). */
export const LOOKUP_ERRORS = [
  'unreachable', // network error or timeout
  'unregistered', // SSL Labs 441: the email is not registered
  'no-email', // SSL Labs needs an email and none is set
  'rate-limited', // 429
  'maintenance', // 503
  'overloaded', // 529
  'server-error', // other 5xx
  'bad-request', // 400 and other 4xx
  'invalid-response', // malformed, oversized or unexpected
  'assessment-failed', // the service could not assess the host
  'no-permission', // the user has not granted access to the service's address
] as const

export type LookupError = (typeof LOOKUP_ERRORS)[number]
