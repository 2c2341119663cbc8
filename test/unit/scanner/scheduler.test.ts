/** The scanner's politeness and bounds (issue #12): connections per host, at once, per connection, per host. */
import { describe, expect, it } from 'vitest'
import { BudgetError, DEFAULT_LIMITS, HostScheduler } from '../../../src/scanner/scheduler.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('HostScheduler', () => {
  it('has the limits of the issue: 40 connections, 6 at once, 5 s each, 20 s a host', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxConnections: 40,
      maxParallel: 6,
      connectionTimeoutMs: 5000,
      hostTimeoutMs: 20_000,
    })
  })
  it('runs at most maxParallel jobs at once', async () => {
    const s = new HostScheduler({ maxParallel: 3 })
    await Promise.all(Array.from({ length: 10 }, () => s.connection(() => sleep(5))))
    expect(s.peak).toBe(3)
    expect(s.used).toBe(10)
    s.close()
  })
  it('refuses the connection after the last one allowed', async () => {
    const s = new HostScheduler({ maxConnections: 2 })
    const results = await Promise.allSettled([1, 2, 3].map(() => s.connection(async () => 'ok')))
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected'])
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'exhausted' })
    s.close()
  })
  it('gives up on a job at its deadline and tells the job to stop', async () => {
    const s = new HostScheduler({ connectionTimeoutMs: 50 })
    let stopped = false
    const job = s.connection((signal) => {
      signal.addEventListener('abort', () => (stopped = true))
      return new Promise<never>(() => undefined) // a job that never settles
    })
    await expect(job).rejects.toMatchObject({ code: 'timeout', message: 'no answer in 0.05 s' })
    expect(stopped).toBe(true)
    expect(s.running).toBe(0)
    s.close()
  })
  it('ends every job, running or waiting, at the host deadline', async () => {
    const s = new HostScheduler({ maxParallel: 1, connectionTimeoutMs: 10_000, hostTimeoutMs: 60 })
    const t0 = performance.now()
    const jobs = [1, 2, 3].map(() => s.connection(() => new Promise<never>(() => undefined)))
    const results = await Promise.allSettled(jobs)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof BudgetError)).toBe(true)
    s.close()
  })
  it('stops when the caller aborts', async () => {
    const controller = new AbortController()
    const s = new HostScheduler({}, controller.signal)
    const job = s.connection(() => new Promise<never>(() => undefined))
    controller.abort()
    await expect(job).rejects.toMatchObject({ code: 'aborted' })
    s.close()
  })
})
