/**
 * Vigie's local TLS scanner (SPEC.md section 7, issue #12): what SSL Labs measures, measured from this computer.
 * Node 20 only; it uses the pure core and never browser code (lint keeps the layers).
 *
 * `scanHost` never throws for anything a server does; it throws only for a programmer's error (an empty host, a
 * port out of range). Its answer is always a plain-JSON `ScanFacts`:
 * - a host that cannot be scanned at all (unknown name, refused, unreachable, silent, not TLS) comes back with
 *   `error: { code, reason }` and every verdict unknown;
 * - otherwise each fact is true/false or null, and every null has its reason in `unknown`.
 * Grade it with the core: `gradeSite({ page: { url: 'https://host:port/' }, scan }, strictness)`.
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import type { ScanError, ScanFacts, ScanTarget as CoreScanTarget } from '../core/types.ts'
import type { Target } from './connections.ts'
import type { AnyProbe, ProbeContext } from './probe.ts'
import { handshakeProbe, type HandshakeResult } from './probes/handshake.ts'
import { PROBES } from './probes/index.ts'
import { BudgetError, HostScheduler, type Limits } from './scheduler.ts'

export type { ScanFacts } from '../core/types.ts'
export { PROBES } from './probes/index.ts'

/** What to scan (core's ScanTarget); the port is 443 by default; with `address`, no name is resolved (curl's --resolve). */
export type ScanTarget = Omit<CoreScanTarget, 'port'> & { port?: number }

export interface ScanProgress {
  host: string
  port: number
  probe: string
  state: 'start' | 'done' | 'failed'
}

export interface ScanOptions {
  /** Roots to trust besides Node's own and NODE_EXTRA_CA_CERTS, PEM (--ca). */
  ca?: string[]
  /** Where to check the plain-http redirect; 80 by default. */
  httpPort?: number
  onProgress?: (event: ScanProgress) => void
  signal?: AbortSignal
  /** Tests shrink the time limits. */
  limits?: Partial<Limits>
  /** The scan's clock, for certificate dates. */
  now?: Date
}

/**
 * Checks SSL Labs and testssl.sh make that need a TLS stack of Vigie's own (a CBC record layer it controls byte by
 * byte, which Node's OpenSSL does not hand out): named in every report as not tested, never silently skipped.
 * Zombie POODLE and GOLDENDOODLE (Craig Young, 2019), Sleeping POODLE, and OpenSSL's 0-length padding oracle
 * (CVE-2019-1559).
 */
export const NOT_TESTED = [
  'zombie-poodle',
  'goldendoodle',
  'sleeping-poodle',
  'openssl-0-length-padding-oracle',
] as const

/** Facts with every verdict unknown: the start of every scan. */
export function emptyScanFacts(host: string, port: number, now: Date): ScanFacts {
  return {
    observedAt: now.toISOString(),
    host,
    port,
    protocols: { ssl3: null, tls1: null, tls1_1: null, tls1_2: null, tls1_3: null },
    negotiated: null,
    weakSuites: { export: null, rc4: null, tripleDes: null, null: null, anon: null },
    acceptedWeakSuites: [],
    staticRsa: null,
    forwardSecrecyPreferred: null,
    dhBits: null,
    dhe: null,
    fallbackScsv: null,
    certificate: null,
    trust: null,
    hsts: null,
    httpRedirect: 'unknown',
    connections: 0,
    durationMs: 0,
    unknown: [],
  }
}

function reachability(failure: HandshakeResult['failure']): ScanError | null {
  if (failure === null) return null
  if (failure.code === 'refused') return { code: 'refused', reason: `connection refused` }
  if (failure.code === 'unreachable') return { code: 'unreachable', reason: failure.reason }
  if (failure.code === 'timeout') return { code: 'timeout', reason: failure.reason }
  return null
}

async function resolveTarget(
  target: ScanTarget,
): Promise<{ ok: true; target: Target } | { ok: false; error: ScanError }> {
  const port = target.port ?? 443
  if (target.address) return { ok: true, target: { host: target.host, port, address: target.address } }
  if (isIP(target.host)) return { ok: true, target: { host: target.host, port, address: target.host } }
  try {
    const { address } = await lookup(target.host)
    return { ok: true, target: { host: target.host, port, address } }
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    return {
      ok: false,
      error:
        code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_AGAIN'
          ? { code: 'unknown-host', reason: `unknown host ${target.host}` }
          : { code: 'unreachable', reason: `cannot resolve ${target.host} (${code || 'error'})` },
    }
  }
}

/** Most addresses of one name the CLI scans, one after the other (each with its own budget). */
export const MAX_ADDRESSES = 8

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true })

/**
 * Every IPv4 and IPv6 address of the name, each scanned on its own as SSL Labs does (issue #20): the name is
 * resolved once, and each address gets a `scanHost` with its own limits, one address after the other (they are
 * usually the same operator's servers). With `address` (--resolve) or an IP literal, that one address. A name that
 * cannot be resolved gives one ScanFacts carrying the error. At most MAX_ADDRESSES, the resolver's order kept.
 * The companion never calls this: it scans only the address the browser used.
 */
export async function scanAddresses(
  target: ScanTarget,
  options: ScanOptions & { resolve?: Resolver } = {},
): Promise<ScanFacts[]> {
  const host = typeof target.host === 'string' ? target.host.trim() : ''
  if (target.address || isIP(host) || host === '') return [await scanHost(target, options)]
  let addresses: string[]
  try {
    addresses = [...new Set((await (options.resolve ?? systemResolver)(host)).map((a) => a.address))].filter(
      (a) => isIP(a) !== 0,
    )
  } catch {
    // scanHost resolves again and reports why the name has no address, in its usual words.
    return [await scanHost(target, options)]
  }
  if (addresses.length === 0) return [await scanHost(target, options)]
  const scans: ScanFacts[] = []
  for (const address of addresses.slice(0, MAX_ADDRESSES)) {
    if (options.signal?.aborted) break
    scans.push(await scanHost({ ...target, address }, options))
  }
  return scans
}

/** Scans one host:port. See the file's comment for what it returns. */
export async function scanHost(target: ScanTarget, options: ScanOptions = {}): Promise<ScanFacts> {
  const host = typeof target.host === 'string' ? target.host.trim() : ''
  const port = target.port ?? 443
  if (host === '' || host.length > 253) throw new TypeError('scanHost: a host name is required')
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TypeError(`scanHost: bad port ${port}`)
  const httpPort = options.httpPort ?? 80
  if (!Number.isInteger(httpPort) || httpPort < 1 || httpPort > 65535)
    throw new TypeError(`scanHost: bad http port ${httpPort}`)

  const started = performance.now()
  const now = options.now ?? new Date()
  const facts = emptyScanFacts(host, port, now)
  const resolved = await resolveTarget({ ...target, host, port })
  if (!resolved.ok) return { ...facts, error: resolved.error, durationMs: Math.round(performance.now() - started) }
  facts.address = resolved.target.address

  const scheduler = new HostScheduler(options.limits, options.signal)
  const shared = new Map<string, Promise<unknown>>()
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!shared.has(key)) shared.set(key, make())
    return shared.get(key) as Promise<T>
  }
  const ctx: ProbeContext = { target: resolved.target, scheduler, ca: options.ca ?? [], httpPort, now, facts, once }
  const progress = (probe: string, state: ScanProgress['state']) => options.onProgress?.({ host, port, probe, state })

  const runProbe = async (probe: AnyProbe): Promise<void> => {
    progress(probe.name, 'start')
    try {
      const result = await probe.run(ctx)
      probe.apply(result, facts)
      facts.unknown.push(...result.unknown)
      progress(probe.name, 'done')
    } catch (error) {
      // A probe's own bug or an unexpected failure: recorded on that probe, never fatal to the scan.
      facts.unknown.push({
        check: probe.name,
        reason: `probe failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200),
      })
      progress(probe.name, 'failed')
    }
  }

  try {
    // The normal handshake first: it tells whether the host can be scanned at all.
    progress(handshakeProbe.name, 'start')
    const first = await handshakeProbe.run(ctx).catch((error: unknown): HandshakeResult => ({
      negotiated: null,
      certificate: null,
      trust: null,
      failure: { code: 'other', reason: String(error).slice(0, 200) },
      unknown: [{ check: 'handshake', reason: `probe failed: ${String(error).slice(0, 200)}` }],
    }))
    const fatal = options.signal?.aborted
      ? { code: 'aborted' as const, reason: 'the scan was cancelled' }
      : reachability(first.failure)
    if (fatal)
      return {
        ...facts,
        error: fatal,
        connections: scheduler.used,
        durationMs: Math.round(performance.now() - started),
      }
    handshakeProbe.apply(first, facts)
    facts.unknown.push(...first.unknown)
    progress(handshakeProbe.name, 'done')

    await Promise.all(PROBES.filter((p) => p !== handshakeProbe && p.phase === 1).map(runProbe))
    await Promise.all(PROBES.filter((p) => p.phase === 2).map(runProbe))

    facts.notTested = [...NOT_TESTED]
    if (options.signal?.aborted) facts.error = { code: 'aborted', reason: 'the scan was cancelled' }
    const p = facts.protocols
    const anyTls = facts.negotiated !== null || Object.values(p).some((v) => v === true)
    if (!anyTls && first.failure && !facts.error) {
      // The scheduler aborts with the reason's code, not a sentence to match.
      const reason: unknown = scheduler.signal.reason
      const hostTimeout = scheduler.signal.aborted && reason instanceof BudgetError && reason.code === 'host-timeout'
      facts.error = hostTimeout
        ? { code: 'timeout', reason: first.failure.reason }
        : { code: 'not-tls', reason: `no TLS handshake with the server (${first.failure.reason})` }
    }
  } finally {
    scheduler.close()
  }
  facts.connections = scheduler.used
  facts.durationMs = Math.round(performance.now() - started)
  facts.unknown = facts.unknown.slice(0, 50)
  return facts
}
