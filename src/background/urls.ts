/** The background's URL helpers: what it needs to know of an address, never throwing on a malformed one. */

/** Whether `url` is an http(s) address: the only pages Vigie grades. */
export function isWebUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:/i.test(url)
}

/** The host name of `url`, '' when it has none or is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}
