/**
 * The native messaging host's loop: frames in, requests validated, replies out, never over 1 MB. One scan runs at
 * a time (the others wait their turn; a request for the target already being scanned joins that scan), so a
 * companion never holds more than one scan's connections (the scanner's cap, 6 at once) however many requests
 * arrive: one companion used to open 49 at once for 8 requests (issue #21). A scan connects only to the address
 * the browser connected to, never to what this computer's resolver would answer for the name. The world is passed in
 * (input, output, the scan function, a logger), so tests feed frames through streams with a fake scanner, and
 * main.ts wires in stdin, stdout, stderr and the real scanner.
 */
import { setMaxListeners } from 'node:events'
import * as v from 'valibot'
import { encodeFrame, FrameReader, MAX_REPLY_BYTES, type Endianness } from './framing.ts'
import { COMPANION_VERSION, CompanionRequestSchema, isCanonicalIp, type CompanionReply } from './protocol.ts'
import type { ScanTarget } from '../core/types.ts'

/** Scans one target; the signal aborts it when the browser lets go. Resolves to JSON-serialisable facts. */
export type ScanFn = (target: ScanTarget, options: { signal: AbortSignal }) => Promise<unknown>

export interface HostWorld {
  input: AsyncIterable<Uint8Array>
  /** Writes one whole frame; resolves once it is handed to the output (rejects when the browser is gone). */
  write(frame: Buffer): Promise<void>
  scan: ScanFn
  /** Logs go to stderr: stdout carries frames only. */
  log(line: string): void
  endianness: Endianness
  /** A scan that takes longer is abandoned with an error reply (the scanner bounds itself at 20 s). */
  scanTimeoutMs?: number
  maxReplyBytes?: number
  /** The companion package's version, for `hello`. */
  version?: string
}

/** Why the host stopped: the browser closed stdin (0), or it sent a frame no host can read (1). */
export type ExitCode = 0 | 1

const SCAN_TIMEOUT_MS = 30_000
/** Requests waiting for their turn beyond this are refused: the extension never has that many pages to scan at once. */
export const MAX_WAITING_SCANS = 16

/** A gate one holder passes at a time; the others wait in order. A waiter whose signal aborts leaves the line. */
export class OneAtATime {
  private busy = false
  private readonly line: (() => void)[] = []

  get waiting(): number {
    return this.line.length
  }

  /** Resolves with the release function once it is this caller's turn; rejects if `signal` aborts first. */
  enter(signal: AbortSignal): Promise<() => void> {
    let released = false
    const release = () => {
      if (released) return
      released = true
      const next = this.line.shift()
      if (next) next()
      else this.busy = false
    }
    if (!this.busy) {
      this.busy = true
      return Promise.resolve(release)
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        signal.removeEventListener('abort', leave)
        resolve(release)
      }
      const leave = () => {
        const at = this.line.indexOf(turn)
        if (at >= 0) this.line.splice(at, 1)
        reject(new Error('cancelled'))
      }
      if (signal.aborted) return leave()
      this.line.push(turn)
      signal.addEventListener('abort', leave, { once: true })
    })
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\s+/g, ' ').slice(0, 300)
}

export async function runHost(world: HostWorld): Promise<ExitCode> {
  const reader = new FrameReader(world.endianness)
  const stop = new AbortController()
  // Each waiting scan listens for the browser letting go: that many listeners are expected, not a leak.
  setMaxListeners(MAX_WAITING_SCANS + 8, stop.signal)
  const running = new Map<string, Promise<unknown>>()
  const gate = new OneAtATime()
  const replies = new Set<Promise<void>>()
  let writes: Promise<void> = Promise.resolve()
  let outputGone = false

  function send(reply: CompanionReply): void {
    let frame = encodeFrame(reply, world.endianness, world.maxReplyBytes ?? MAX_REPLY_BYTES)
    if (frame === null) {
      world.log(
        `reply for ${reply.type} over ${world.maxReplyBytes ?? MAX_REPLY_BYTES} bytes: sending an error instead`,
      )
      const small: CompanionReply = { type: 'error', error: 'reply-too-large', message: 'the reply would exceed 1 MB' }
      if ('id' in reply && reply.id !== undefined) small.id = reply.id
      frame = encodeFrame(small, world.endianness)!
    }
    const bytes = frame
    // One frame at a time, in order; a broken output (the browser is gone) stops everything.
    writes = writes
      .then(() => (outputGone ? undefined : world.write(bytes)))
      .catch((error: unknown) => {
        if (!outputGone) world.log(`output closed: ${errorText(error)}`)
        outputGone = true
        stop.abort()
      })
  }

  function scanOnce(target: ScanTarget): Promise<unknown> {
    const key = `${target.host} ${target.port} ${target.address ?? '(resolved)'}`
    const joined = running.get(key)
    if (joined) {
      world.log(`scan ${target.host}:${target.port}: joining the scan in progress`)
      return joined
    }
    if (gate.waiting >= MAX_WAITING_SCANS)
      return Promise.reject(new Error(`${MAX_WAITING_SCANS} scans are already waiting`))
    const promise = (async () => {
      const release = await gate.enter(stop.signal)
      // The time limit runs from the scan's start, not from the request: waiting is not the scan's fault.
      const started = Date.now()
      const scanStop = new AbortController()
      let timedOut = false
      const onStop = () => scanStop.abort()
      stop.signal.addEventListener('abort', onStop, { once: true })
      const timer = setTimeout(() => {
        timedOut = true
        scanStop.abort()
      }, world.scanTimeoutMs ?? SCAN_TIMEOUT_MS)
      try {
        return await new Promise<unknown>((resolve, reject) => {
          scanStop.signal.addEventListener(
            'abort',
            () => reject(new Error(timedOut ? 'the scan took too long' : 'cancelled')),
            { once: true },
          )
          if (scanStop.signal.aborted) reject(new Error('cancelled'))
          world.scan(target, { signal: scanStop.signal }).then(resolve, reject)
        })
      } finally {
        clearTimeout(timer)
        stop.signal.removeEventListener('abort', onStop)
        release()
        world.log(
          `scan ${target.host}:${target.port} at ${target.address ?? 'its own lookup'}: ${Date.now() - started} ms`,
        )
      }
    })().finally(() => running.delete(key))
    running.set(key, promise)
    return promise
  }

  function handle(raw: unknown): void {
    const parsed = v.safeParse(CompanionRequestSchema, raw)
    if (!parsed.success) {
      const id = raw && typeof raw === 'object' && 'id' in raw ? (raw as { id: unknown }).id : undefined
      const reply: CompanionReply = {
        type: 'error',
        error: 'bad-request',
        message: errorText(parsed.issues[0]?.message ?? 'invalid request'),
      }
      if ((typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isInteger(id))) reply.id = id
      send(reply)
      return
    }
    const request = parsed.output
    const withId = <T extends CompanionReply>(reply: T): T =>
      request.id === undefined ? reply : { ...reply, id: request.id }
    if (request.type === 'hello') {
      send(
        withId({
          type: 'hello',
          version: world.version ?? '0.0.0',
          protocol: COMPANION_VERSION,
          node: process.version,
        }),
      )
      return
    }
    if (request.type === 'ping') {
      send(withId({ type: 'pong', version: COMPANION_VERSION, node: process.version }))
      return
    }
    // Connect only where the browser connected: an IP literal host is its own address; a name needs the address.
    const hostIsIp = isCanonicalIp(request.host)
    if (!hostIsIp && request.address === undefined && request.resolve !== true) {
      send(
        withId({
          type: 'error',
          error: 'bad-request',
          message: 'address: the IP address the browser connected to is required for a host name',
          host: request.host,
          port: request.port,
        }),
      )
      return
    }
    if (hostIsIp && request.address !== undefined && request.address !== request.host) {
      send(
        withId({
          type: 'error',
          error: 'bad-request',
          message: 'address: differs from the host, an IP address',
          host: request.host,
          port: request.port,
        }),
      )
      return
    }
    const address = request.address ?? (hostIsIp ? request.host : undefined)
    const target: ScanTarget = { host: request.host, port: request.port, ...(address !== undefined ? { address } : {}) }
    const done = scanOnce(target).then(
      (facts) => send(withId({ type: 'scan-result', host: target.host, port: target.port, facts })),
      (error: unknown) => {
        if (stop.signal.aborted) return
        send(
          withId({
            type: 'error',
            error: 'scan-failed',
            message: errorText(error),
            host: target.host,
            port: target.port,
          }),
        )
      },
    )
    replies.add(done)
    void done.finally(() => replies.delete(done))
  }

  let code: ExitCode = 0
  try {
    reading: for await (const chunk of world.input) {
      for (const event of reader.push(chunk)) {
        if (event.kind === 'message') handle(event.value)
        else if (event.kind === 'bad-json')
          send({ type: 'error', error: 'bad-json', message: 'the frame is not UTF-8 JSON' })
        else {
          // A length we will not read: the frames are out of step or the peer is hostile. Say so, and stop.
          send({ type: 'error', error: 'too-large', message: `a request of ${event.length} bytes is over the limit` })
          code = 1
          break reading
        }
      }
      if (outputGone) break
    }
  } catch (error) {
    world.log(`input error: ${errorText(error)}`)
  }
  if (reader.pending > 0 && code === 0) world.log(`input closed in the middle of a frame (${reader.pending} bytes)`)
  // The browser let go (or sent garbage): nobody is left to read a reply, so running scans stop.
  stop.abort()
  await Promise.allSettled([...replies])
  await writes
  return code
}
