/**
 * The local scanner's rules as pure functions (issues #19 and #21): what the browser's refusal or the companion's
 * `hello` says about the companion, which address a scan may reach, and the cap on automatic scans across all tabs.
 * No browser API and no clock here: scanner.ts passes the world in, and the unit tests do the same.
 */
import * as v from 'valibot'
import { CompanionReplySchema, MIN_COMPANION_PROTOCOL } from '../companion/protocol.ts'

/**
 * What Vigie knows of the companion: not asked yet; the browser found no host manifest; a manifest that does not
 * allow this extension; a companion that answers but speaks an older protocol; one that works; or one that failed
 * in another way (it crashed, or sent what Vigie does not understand).
 */
export const COMPANION_STATES = ['unknown', 'missing', 'forbidden', 'outdated', 'working', 'broken'] as const
export type CompanionState = (typeof COMPANION_STATES)[number]

export interface CompanionStatus {
  state: CompanionState
  /** The companion's own version ("0.2.0"), when it said it. */
  version?: string
  /** Its protocol version, when it said it. */
  protocol?: number
  /** Why it is broken, in the browser's or the companion's words (shown as text). */
  message?: string
}

/**
 * The browser's refusal, read from its error text (the only thing either browser gives):
 * - Chrome: "Specified native messaging host not found." (no manifest, or one it cannot read) and "Access to the
 *   specified native messaging host is forbidden." (the manifest's allowed_origins lacks this extension's id);
 * - Firefox: "No such native application <name>" in both cases, on purpose (NativeMessaging.sys.mjs,
 *   `_throwGenericError`: "not to leak information about whether a native application is installed"), so Firefox
 *   never tells "forbidden" apart; its manifests name the fixed gecko id, which every copy of Vigie shares.
 * Anything else ("Native host has exited.", "Error when communicating with the native messaging host.") is a
 * companion that was found and failed.
 */
export function companionFromError(message: string): CompanionStatus {
  if (/host is forbidden|does not have permission to use native/i.test(message)) return { state: 'forbidden' }
  if (/native messaging host not found|no such native application/i.test(message)) return { state: 'missing' }
  return { state: 'broken', message: message.replace(/\s+/g, ' ').slice(0, 300) }
}

/**
 * The companion's answer to `hello`. A companion from before protocol 2 does not know `hello` and answers with a
 * `bad-request` error: it is too old, as is one whose protocol is below MIN_COMPANION_PROTOCOL.
 */
export function companionFromHello(raw: unknown): CompanionStatus {
  const reply = v.safeParse(CompanionReplySchema, raw)
  if (!reply.success) return { state: 'broken', message: 'the companion sent an answer Vigie does not understand' }
  const answer = reply.output
  if (answer.type === 'error' && answer.error === 'bad-request') return { state: 'outdated' }
  if (answer.type !== 'hello') return { state: 'broken', message: 'the companion did not answer hello' }
  const status = { version: answer.version, protocol: answer.protocol }
  return answer.protocol < MIN_COMPANION_PROTOCOL ? { state: 'outdated', ...status } : { state: 'working', ...status }
}

/** What the browser said about the connection that loaded a page (webRequest, kept on the tab's state). */
export interface ConnectionFacts {
  /** The IP address the browser's socket reached (`details.ip`); absent for a page from the cache or a worker. */
  address?: string
  /** Firefox: the response came through a proxy (`details.proxyInfo` was set). */
  proxied?: boolean
}

/**
 * The address the browser's socket reached (`ip`, absent for a response from the cache), and in Firefox whether a
 * proxy carried the request (`proxyInfo`, null without one; a "direct" entry is no proxy). Chrome says nothing of
 * proxies to extensions: through one, its `ip` is the proxy's own address (README, "What the companion may do").
 */
export function connectionOf(details: { ip?: string; proxyInfo?: unknown }): ConnectionFacts | undefined {
  const proxy = details.proxyInfo as { type?: unknown } | null | undefined
  const proxied = proxy !== null && typeof proxy === 'object' && proxy.type !== 'direct'
  const address = typeof details.ip === 'string' && details.ip.length <= 60 ? details.ip : undefined
  if (!proxied && address === undefined) return undefined
  return { ...(address !== undefined ? { address } : {}), ...(proxied ? { proxied: true } : {}) }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const IPV6 = /^[0-9a-f:.]{2,45}$/

/** A plain IP address as the browser writes `details.ip` (dotted IPv4, or IPv6 with or without brackets), or null. */
export function plainAddress(raw: string | undefined): string | null {
  if (typeof raw !== 'string') return null
  let ip = raw.trim().toLowerCase()
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1)
  if (IPV4.test(ip)) return ip
  return ip.includes(':') && IPV6.test(ip) && (ip.match(/::/g) ?? []).length <= 1 ? ip : null
}

/**
 * Whether and where a scan of the page's server may connect:
 * - `ok` with the address the browser itself connected to: the companion connects there and nowhere else, with the
 *   page's host name for SNI and the certificate check, so no DNS answer given to the companion alone can send it
 *   elsewhere;
 * - `proxied`: the browser reached the page through a proxy, and a scan from this computer would not go through
 *   it. Never by itself; on request only, after a plain warning;
 * - `no-address`: the browser did not say where it connected (a page from the cache, a service worker, or loaded
 *   before Vigie started): no scan until the page is loaded again.
 */
export type ScanRoute = { kind: 'ok'; address: string } | { kind: 'proxied' } | { kind: 'no-address' }

export function scanRoute(connection: ConnectionFacts | undefined): ScanRoute {
  if (connection?.proxied) return { kind: 'proxied' }
  const address = plainAddress(connection?.address)
  return address ? { kind: 'ok', address } : { kind: 'no-address' }
}

/**
 * The cap on automatic scans across all tabs: at most `atOnce` running and `perMinute` started in any 60 s. A scan
 * the user asks for (Rescan) is not counted against it. Pure bookkeeping: the caller passes the time.
 */
export interface ScanCapLimits {
  atOnce: number
  perMinute: number
}

/**
 * One scan at a time, six a minute. A scan is one companion process making about two dozen short TLS connections
 * and two http requests for 1 to 3 s (up to 20 s against a slow server); one at a time keeps it to one process and
 * one server's worth of connections, whatever the tabs do. Six a minute is more than a person opens login pages of
 * new sites (each host and port is scanned once a day, and the cap counts only new scans), and bounds a page that
 * hops across hosts or ports to about 150 connections a minute, against 2,499 TLS connections in 61 s before the cap
 * (issue #21).
 */
export const SCAN_CAP: ScanCapLimits = { atOnce: 1, perMinute: 6 }
const MINUTE_MS = 60_000

export class ScanCap {
  private running = 0
  private started: number[] = []

  constructor(private readonly limits: ScanCapLimits = SCAN_CAP) {}

  /** 0 when a scan may start now, else how many ms until it may (Infinity: when a running one ends). */
  waitFor(now: number): number {
    this.started = this.started.filter((at) => now - at < MINUTE_MS)
    if (this.running >= this.limits.atOnce) return Infinity
    if (this.started.length >= this.limits.perMinute) return this.started[0]! + MINUTE_MS - now
    return 0
  }

  /** Takes a slot when one is free; false otherwise. */
  tryStart(now: number): boolean {
    if (this.waitFor(now) !== 0) return false
    this.running++
    this.started.push(now)
    return true
  }

  finish(): void {
    this.running = Math.max(0, this.running - 1)
  }
}
