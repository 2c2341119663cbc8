/**
 * The three online sources behind one small interface: `lookup(host)` returns facts, progress, or a clear error.
 * Each response is bounded in size and validated against its schema before use. No retries here: waits and
 * backoff belong to the caller (src/background/online.ts), which knows about every tab.
 */
import * as v from 'valibot'
import {
  onlineFactsFromObservatory,
  onlineFactsFromPreload,
  onlineFactsFromSslLabs,
  type OnlineFacts,
} from '../core/index.ts'
import type { SourceId } from '../settings.ts'
import type { LookupError } from './errors.ts'
import { ObservatoryScanSchema, PreloadStatusSchema, SslLabsHostSchema } from './schemas.ts'

export type { LookupError }

export type LookupResult =
  | { state: 'ready'; facts: OnlineFacts; expiresAt: number }
  | { state: 'pending'; progress: number }
  | { state: 'error'; error: LookupError; retryAfterMs?: number; message?: string }

export interface LookupContext {
  fetch: typeof fetch
  baseUrl: string
  now: number
  email?: string
  /** Milliseconds before a request is abandoned. */
  timeoutMs?: number
  random?: () => number
}

export interface OnlineSource {
  id: SourceId
  lookup(host: string, ctx: LookupContext): Promise<LookupResult>
}

const DAY = 86_400_000
const MINUTE = 60_000
const MAX_BYTES: Record<SourceId, number> = { ssllabs: 2_000_000, observatory: 64_000, hstspreload: 64_000 }

/** Waits the services document, randomised so that many users do not come back at once. */
export function waitFor(status: number, random: () => number = Math.random): number | undefined {
  const spread = (base: number) => Math.round(base * (1 + random() * 0.5))
  if (status === 429) return spread(MINUTE)
  if (status === 503) return spread(15 * MINUTE)
  if (status === 529) return spread(30 * MINUTE)
  if (status >= 500) return spread(5 * MINUTE)
  return undefined
}

function errorFor(status: number, random?: () => number): LookupResult {
  const retryAfterMs = waitFor(status, random)
  const error: LookupError =
    status === 441
      ? 'unregistered'
      : status === 429
        ? 'rate-limited'
        : status === 503
          ? 'maintenance'
          : status === 529
            ? 'overloaded'
            : status >= 500
              ? 'server-error'
              : 'bad-request'
  return retryAfterMs === undefined ? { state: 'error', error } : { state: 'error', error, retryAfterMs }
}

/** Reads at most `max` bytes of a body; null when it is longer. */
export async function readCapped(response: Response, max: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > max) return null
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(all)
}

async function request(
  source: SourceId,
  url: string,
  init: RequestInit,
  ctx: LookupContext,
): Promise<{ ok: true; json: unknown } | { ok: false; result: LookupResult }> {
  let response: Response
  try {
    response = await ctx.fetch(url, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(ctx.timeoutMs ?? 20_000),
    })
  } catch {
    return { ok: false, result: { state: 'error', error: 'unreachable' } }
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    return { ok: false, result: errorFor(response.status, ctx.random) }
  }
  try {
    const body = await readCapped(response, MAX_BYTES[source])
    if (body === null) return { ok: false, result: { state: 'error', error: 'invalid-response', message: 'too large' } }
    return { ok: true, json: JSON.parse(body) as unknown }
  } catch {
    return { ok: false, result: { state: 'error', error: 'invalid-response' } }
  }
}

const invalid: LookupResult = { state: 'error', error: 'invalid-response' }

export const ssllabs: OnlineSource = {
  id: 'ssllabs',
  async lookup(host, ctx) {
    if (!ctx.email) return { state: 'error', error: 'no-email' }
    // Cached results up to a day old; a miss starts a new assessment at Qualys (the options page says so).
    const url = `${ctx.baseUrl}analyze?host=${encodeURIComponent(host)}&fromCache=on&all=done&maxAge=24`
    const answer = await request('ssllabs', url, { method: 'GET', headers: { email: ctx.email } }, ctx)
    if (!answer.ok) return answer.result
    const parsed = v.safeParse(SslLabsHostSchema, answer.json)
    if (!parsed.success) return invalid
    const host_ = parsed.output
    if (host_.status === 'ERROR') {
      return { state: 'error', error: 'assessment-failed', message: (host_.statusMessage ?? '').slice(0, 200) }
    }
    if (host_.status !== 'READY') {
      const progress = (host_.endpoints ?? []).map((e) => (typeof e.progress === 'number' ? e.progress : 0))
      const mean = progress.length ? progress.reduce((a, b) => a + b, 0) / progress.length : 0
      return { state: 'pending', progress: Math.max(0, Math.min(100, Math.round(mean))) }
    }
    const facts = onlineFactsFromSslLabs(host_)
    if (!facts) return invalid
    const expiresAt =
      typeof host_.cacheExpiryTime === 'number' && host_.cacheExpiryTime > ctx.now
        ? Math.min(host_.cacheExpiryTime, ctx.now + 7 * DAY)
        : ctx.now + DAY
    return { state: 'ready', facts: { ssllabs: facts }, expiresAt }
  },
}

export const observatory: OnlineSource = {
  id: 'observatory',
  async lookup(host, ctx) {
    const answer = await request(
      'observatory',
      `${ctx.baseUrl}scan?host=${encodeURIComponent(host)}`,
      { method: 'POST' },
      ctx,
    )
    if (!answer.ok) return answer.result
    const parsed = v.safeParse(ObservatoryScanSchema, answer.json)
    if (!parsed.success) return invalid
    if (parsed.output.error)
      return { state: 'error', error: 'assessment-failed', message: parsed.output.error.slice(0, 200) }
    const facts = onlineFactsFromObservatory(parsed.output)
    return facts ? { state: 'ready', facts: { observatory: facts }, expiresAt: ctx.now + DAY } : invalid
  },
}

export const hstspreload: OnlineSource = {
  id: 'hstspreload',
  async lookup(host, ctx) {
    const answer = await request(
      'hstspreload',
      `${ctx.baseUrl}status?domain=${encodeURIComponent(host)}`,
      { method: 'GET' },
      ctx,
    )
    if (!answer.ok) return answer.result
    const parsed = v.safeParse(PreloadStatusSchema, answer.json)
    if (!parsed.success) return invalid
    const facts = onlineFactsFromPreload(parsed.output, new Date(ctx.now).toISOString())
    return facts ? { state: 'ready', facts: { preload: facts }, expiresAt: ctx.now + DAY } : invalid
  },
}

export const ONLINE_SOURCES: Record<SourceId, OnlineSource> = { ssllabs, observatory, hstspreload }
