/** Small readings of SiteFacts shared by several checks. Local facts win over online ones. */
import { parseHsts, type HstsPolicy } from './hsts.ts'
import type { CertificateFacts, FactSource, FrameFact, SiteFacts, TlsFacts } from './types.ts'

export function schemeOf(url: string): string {
  const colon = url.indexOf(':')
  return colon > 0 ? url.slice(0, colon).toLowerCase() : ''
}

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

export function certificateFacts(facts: SiteFacts): CertificateFacts | undefined {
  return facts.certificate ?? facts.online?.ssllabs?.certificate
}

export function tlsFacts(facts: SiteFacts): TlsFacts | undefined {
  return facts.tls ?? facts.online?.ssllabs?.tls
}

export type HstsReading =
  | { kind: 'unknown' }
  | { kind: 'missing' }
  | { kind: 'invalid'; header: string }
  | { kind: 'policy'; policy: HstsPolicy }

/** The HSTS policy of an https response, when the response tells. */
export function hstsReading(facts: SiteFacts): HstsReading {
  const transport = facts.transport
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
