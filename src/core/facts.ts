/** Small readings of SiteFacts shared by several checks. Local facts win over online ones. */
import { parseHsts, type HstsPolicy } from './hsts.ts'
import type { CertificateFacts, FactSource, FrameFact, ScanFacts, SiteFacts, TlsFacts } from './types.ts'

export function schemeOf(url: string): string {
  const colon = url.indexOf(':')
  return colon > 0 ? url.slice(0, colon).toLowerCase() : ''
}

/** The origin of `url`, null when it is not a URL (one definition for the core and the background). */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export function isHttpsPage(facts: SiteFacts): boolean {
  return schemeOf(facts.page.url) === 'https'
}

/**
 * Every frame Vigie heard from, whatever its origin. A password typed into a frame travels as that frame sends it:
 * a third party's login frame that posts to http exposes the password as surely as the site's own form would.
 */
export function allFrames(facts: SiteFacts): FrameFact[] {
  return facts.page.frames ?? []
}

/** Frames that belong to the page: the top document and frames of the same origin. */
export function ownFrames(facts: SiteFacts): FrameFact[] {
  const frames = facts.page.frames ?? []
  const top = originOf(facts.page.url)
  return frames.filter((f) => f.top || (top !== null && originOf(f.url) === top))
}

/** The local scanner's facts for an https page, unless the scan failed as a whole. */
export function scanFacts(facts: SiteFacts): ScanFacts | undefined {
  const scan = facts.scan
  return scan !== undefined && scan.error === undefined && isHttpsPage(facts) ? scan : undefined
}

/** The browser's own view first, then the local scanner's, then SSL Labs'. */
export function certificateFacts(facts: SiteFacts): CertificateFacts | undefined {
  return facts.certificate ?? scanFacts(facts)?.certificate ?? facts.online?.ssllabs?.certificate
}

/** What a normal handshake of the scanner negotiated, in the shape of the browser's TLS facts. */
function scannedTls(scan: ScanFacts | undefined): TlsFacts | undefined {
  const n = scan?.negotiated
  if (!scan || !n) return undefined
  return {
    protocol: n.protocol,
    cipherSuite: n.cipherSuite,
    keaGroup: n.group,
    weak: false,
    source: 'scanner',
    observedAt: scan.observedAt,
  }
}

export function tlsFacts(facts: SiteFacts): TlsFacts | undefined {
  return facts.tls ?? scannedTls(scanFacts(facts)) ?? facts.online?.ssllabs?.tls
}

export type HstsReading =
  | { kind: 'unknown' }
  | { kind: 'missing' }
  | { kind: 'invalid'; header: string }
  | { kind: 'policy'; policy: HstsPolicy }

/** The scanner's https GET, when it got an answer. The browser's own response wins when there is one. */
function scannedTransport(scan: ScanFacts | undefined) {
  if (!scan?.hsts) return undefined
  return { hstsHeader: scan.hsts.header, fromCache: false, knownHsts: false }
}

/** The HSTS policy of an https response, when the response tells. */
export function hstsReading(facts: SiteFacts): HstsReading {
  const transport = facts.transport ?? scannedTransport(scanFacts(facts))
  if (!isHttpsPage(facts) || transport === undefined) return { kind: 'unknown' }
  if (transport.hstsHeader === null) {
    // Browsers keep no HSTS header in their cache; a browser-side HSTS upgrade proves a policy exists.
    return transport.fromCache || transport.knownHsts ? { kind: 'unknown' } : { kind: 'missing' }
  }
  const policy = parseHsts(transport.hstsHeader)
  return policy === null ? { kind: 'invalid', header: transport.hstsHeader } : { kind: 'policy', policy }
}

/** Where a finding's facts came from, for the UI ("from SSL Labs, 3 hours ago"). */
export function provenance(f: { source: FactSource; observedAt?: string | undefined }): {
  source: FactSource
  observedAt?: string
} {
  return f.observedAt ? { source: f.source, observedAt: f.observedAt } : { source: f.source }
}

/** Protocol names as browsers and SSL Labs write them, folded to one spelling ("TLSv1.0" -> "tlsv1"). */
export function normaliseProtocol(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^tls(?!v)/, 'tlsv')
    .replace(/^ssl(?!v)/, 'sslv')
    .replace(/\.0$/, '')
}
