/**
 * A short key for one page of a host (scheme and path, not the query), so that a revisit can tell "the same page"
 * from "another page of the same host" without the path itself ever being written to disk: FNV-1a, 32 bits, hex.
 */
export function pageKey(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return ''
  }
  const text = `${parsed.protocol}${parsed.pathname}`
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
