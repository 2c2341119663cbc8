/**
 * The shape every probe has, as sslyze's plugins do: a name, the ScanFacts fields it yields, the jobs it runs
 * through the host's scheduler, and a typed result it applies to the facts. A probe that fails records its
 * reason on its own checks ("unknown"); it never stops the scan.
 */
import type { ScanFacts, ScanUnknown } from '../core/types.ts'
import type { Target } from './connections.ts'
import type { HostScheduler } from './scheduler.ts'

export interface ProbeContext {
  target: Target
  scheduler: HostScheduler
  /** PEM roots to trust besides Node's store and NODE_EXTRA_CA_CERTS (--ca). */
  ca: string[]
  httpPort: number
  /** ISO time of the scan, for certificate dates. */
  now: Date
  /** Facts learned by earlier phases (phase 2 probes read protocols here). */
  facts: Readonly<ScanFacts>
  /**
   * One exchange shared by several probes (one hello answers renegotiation, compression and heartbeat): the first
   * caller of a key starts it, the others wait for the same answer, and it costs one connection.
   */
  once<T>(key: string, make: () => Promise<T>): Promise<T>
}

export interface Probe<R> {
  name: string
  /** The ScanFacts fields this probe fills. */
  yields: readonly (keyof ScanFacts)[]
  /** Phase 2 probes run after phase 1, and may read its facts. */
  phase: 1 | 2
  run(ctx: ProbeContext): Promise<R>
  /** Writes the result into the facts; the result's own unknowns are pushed by the runner. */
  apply(result: R, facts: ScanFacts): void
}

/** Every probe result carries what it could not learn. */
export interface ProbeResult {
  unknown: ScanUnknown[]
}

/** Any probe, for lists (method parameters are bivariant, so every Probe<R> fits). */
export type AnyProbe = Probe<ProbeResult>

export function defineProbe<R extends ProbeResult>(probe: Probe<R>): Probe<R> {
  return probe
}
