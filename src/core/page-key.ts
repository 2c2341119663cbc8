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

/**
 * The host a page belongs to, for the per-host memory and the report page: its name, with the port when it is not
 * the scheme's default (a server on port 8443 is another server than the one on 443). '' for an invalid URL.
 */
export function hostKey(url: string): string {
  try {
    const parsed = new URL(url)
    // URL drops a scheme's default port from `port`: any port left is another server.
    return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname
  } catch {
    return ''
  }
}
