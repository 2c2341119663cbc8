/**
 * Politeness and bounds for one host, as sslyze's scheduler caps connections per server: at most 40 connections in
 * all, 6 at once, 5 s each, 20 s for the whole host. A job that outlives its time is abandoned (its socket is
 * destroyed through the signal it was given) and reported as a timeout; nothing here ever waits forever.
 */

export interface Limits {
  maxConnections: number
  maxParallel: number
  connectionTimeoutMs: number
  hostTimeoutMs: number
}

export const DEFAULT_LIMITS: Limits = {
  maxConnections: 40,
  maxParallel: 6,
  connectionTimeoutMs: 5000,
  hostTimeoutMs: 20_000,
}

/** Why a connection job did not run or did not finish. */
export class BudgetError extends Error {
  constructor(
    readonly code: 'timeout' | 'host-timeout' | 'exhausted' | 'aborted',
    message: string,
  ) {
    super(message)
  }
}

export class HostScheduler {
  readonly limits: Limits
  /** Connections opened so far. */
  used = 0
  /** Jobs running now, and the most ever seen at once (tests check the cap). */
  running = 0
  peak = 0
  private readonly waiting: (() => void)[] = []
  private readonly host: AbortController = new AbortController()
  private readonly timer: ReturnType<typeof setTimeout>

  constructor(limits: Partial<Limits> = {}, signal?: AbortSignal) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
    this.timer = setTimeout(
      () =>
        this.host.abort(
          new BudgetError('host-timeout', `the host took more than ${this.limits.hostTimeoutMs / 1000} s`),
        ),
      this.limits.hostTimeoutMs,
    )
    // Jobs waiting for a slot wake up at the host's end, and give up.
    this.host.signal.addEventListener('abort', () => {
      for (const wake of this.waiting.splice(0)) wake()
    })
    if (signal) {
      if (signal.aborted) this.host.abort(new BudgetError('aborted', 'the scan was cancelled'))
      else
        signal.addEventListener('abort', () => this.host.abort(new BudgetError('aborted', 'the scan was cancelled')), {
          once: true,
        })
    }
  }

  get signal(): AbortSignal {
    return this.host.signal
  }

  /** Stops the host timer; call when the scan is over. */
  close(): void {
    clearTimeout(this.timer)
    this.host.abort(new BudgetError('aborted', 'the scan is over'))
    for (const wake of this.waiting.splice(0)) wake()
  }

  /**
   * Runs one connection job when a slot is free. The job gets a signal that fires at the connection's or the
   * host's deadline and must destroy its socket then; the promise settles at that deadline whatever the job does.
   */
  async connection<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    while (this.running >= this.limits.maxParallel && !this.host.signal.aborted) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
    if (this.host.signal.aborted) throw this.reason()
    if (this.used >= this.limits.maxConnections) {
      throw new BudgetError('exhausted', `the scan already used its ${this.limits.maxConnections} connections`)
    }
    this.used++
    this.running++
    this.peak = Math.max(this.peak, this.running)
    const own = new AbortController()
    const ms = this.limits.connectionTimeoutMs
    const timer = setTimeout(() => own.abort(new BudgetError('timeout', `no answer in ${ms / 1000} s`)), ms)
    const onHost = () => own.abort(this.reason())
    this.host.signal.addEventListener('abort', onHost, { once: true })
    try {
      return await new Promise<T>((resolve, reject) => {
        own.signal.addEventListener('abort', () => reject(own.signal.reason), { once: true })
        job(own.signal).then(resolve, reject)
      })
    } finally {
      clearTimeout(timer)
      this.host.signal.removeEventListener('abort', onHost)
      if (!own.signal.aborted) own.abort(new BudgetError('aborted', 'the job is over'))
      this.running--
      this.waiting.shift()?.()
    }
  }

  private reason(): BudgetError {
    const r: unknown = this.host.signal.reason
    return r instanceof BudgetError ? r : new BudgetError('aborted', 'the scan was cancelled')
  }
}
