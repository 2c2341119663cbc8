/**
 * A raw TLS conversation of a few records, for the probes that must speak after the ServerHello (Heartbleed, CCS
 * injection, ROBOT): send bytes, read the server's records one at a time, and tell how the stream ended. Inside one
 * scheduler slot, MAX_REPLY bytes at most, every wait bounded. Records and handshake messages only: no cryptography
 * (these probes never finish a handshake).
 */
import { connect as netConnect, type Socket } from 'node:net'
import { failureOf, type Failure, type Target } from './connections.ts'
import type { HostScheduler } from './scheduler.ts'
import { ALERTS, MAX_REPLY, parseServerHello, type ServerHello } from './tls-wire.ts'

/** RFC 5246 6.2.3: a TLSCiphertext fragment is at most 2^14 + 2048 bytes. */
const MAX_RECORD = 16384 + 2048

export interface WireRecord {
  type: number
  version: number
  fragment: Uint8Array
}

/** What the next read gave: a record, or how the stream stopped. */
export type Next =
  | { kind: 'record'; record: WireRecord }
  | { kind: 'closed' }
  | { kind: 'reset' }
  | { kind: 'timeout' }
  | { kind: 'invalid'; reason: string }

export interface Conversation {
  send(bytes: Uint8Array): void
  /** The next record, or why there is none; waits at most `ms`. */
  next(ms: number): Promise<Next>
}

export type ConversationOutcome<T> = { ok: true; value: T } | { ok: false; failure: Failure }

/** Runs `talk` over one connection; the socket is closed when it returns, and at the scan's deadlines. */
export function rawConversation<T>(
  scheduler: HostScheduler,
  target: Target,
  talk: (c: Conversation) => Promise<T>,
): Promise<ConversationOutcome<T>> {
  return scheduler
    .connection(
      (signal) =>
        new Promise<ConversationOutcome<T>>((resolve) => {
          const socket: Socket = netConnect({ host: target.address, port: target.port })
          socket.setNoDelay(true)
          let buffer = Buffer.alloc(0)
          let received = 0
          let ended: Next | null = null
          let wake: (() => void) | null = null
          let settled = false
          const finish = (outcome: ConversationOutcome<T>) => {
            if (settled) return
            settled = true
            signal.removeEventListener('abort', onAbort)
            socket.destroy()
            wake?.()
            resolve(outcome)
          }
          const onAbort = () => finish({ ok: false, failure: failureOf(signal.reason) })
          signal.addEventListener('abort', onAbort, { once: true })
          const poke = () => {
            const w = wake
            wake = null
            w?.()
          }
          socket.on('data', (chunk: Buffer) => {
            received += chunk.length
            if (received > MAX_REPLY) {
              ended = { kind: 'invalid', reason: `more than ${MAX_REPLY} bytes` }
              socket.destroy()
            } else buffer = Buffer.concat([buffer, chunk])
            poke()
          })
          socket.on('end', () => {
            ended ??= { kind: 'closed' }
            poke()
          })
          socket.on('close', () => {
            ended ??= { kind: 'closed' }
            poke()
          })
          socket.on('error', (error) => {
            const failure = failureOf(error)
            ended ??= failure.code === 'reset' ? { kind: 'reset' } : { kind: 'invalid', reason: failure.reason }
            poke()
          })

          /** A whole record at the head of the buffer, or why it cannot be one. */
          const take = (): Next | null => {
            if (buffer.length < 5) return null
            const type = buffer[0]!
            const length = buffer.readUInt16BE(3)
            if (buffer[1] !== 3 || type < 20 || type > 24) return { kind: 'invalid', reason: 'the reply is not TLS' }
            if (length > MAX_RECORD)
              return { kind: 'invalid', reason: `a record of ${length} bytes, longer than TLS allows` }
            if (buffer.length < 5 + length) return null
            const record = {
              type,
              version: buffer.readUInt16BE(1),
              fragment: new Uint8Array(buffer.subarray(5, 5 + length)),
            }
            buffer = buffer.subarray(5 + length)
            return { kind: 'record', record }
          }

          const conversation: Conversation = {
            send: (bytes) => {
              if (!socket.destroyed) socket.write(bytes)
            },
            next: async (ms) => {
              const deadline = performance.now() + ms
              while (!settled) {
                const got = take()
                if (got) return got
                if (ended) return ended
                const left = deadline - performance.now()
                if (left <= 0) return { kind: 'timeout' }
                await new Promise<void>((done) => {
                  const timer = setTimeout(() => {
                    wake = null
                    done()
                  }, left)
                  wake = () => {
                    clearTimeout(timer)
                    done()
                  }
                })
              }
              return { kind: 'closed' }
            },
          }
          socket.on('connect', () => {
            talk(conversation).then(
              (value) => finish({ ok: true, value }),
              (error: unknown) =>
                finish({ ok: false, failure: { code: 'other', reason: String(error).slice(0, 200) } }),
            )
          })
        }),
    )
    .catch((error: unknown) => ({ ok: false as const, failure: failureOf(error) }))
}

export interface HandshakeMessage {
  type: number
  body: Uint8Array
}

/** The server's first flight, read up to its ServerHelloDone (RFC 5246 7.3), or how it stopped. */
export interface Flight {
  hello: ServerHello | null
  messages: HandshakeMessage[]
  /** True when the flight reached ServerHelloDone (14), or a TLS 1.3 ServerHello (there is no such message). */
  complete: boolean
  /** The alert the server sent instead, if any. */
  alert?: { level: number; description: number; name: string }
  /** How the stream stopped, when it did. */
  stop?: Exclude<Next, { kind: 'record' }>
}

/** Reads handshake records until ServerHelloDone, an alert or the end of the stream; `ms` for the whole flight. */
export async function readFlight(c: Conversation, ms: number): Promise<Flight> {
  const deadline = performance.now() + ms
  const flight: Flight = { hello: null, messages: [], complete: false }
  let pending: number[] = []
  while (true) {
    const next = await c.next(Math.max(0, deadline - performance.now()))
    if (next.kind !== 'record') return { ...flight, stop: next }
    const { type, fragment } = next.record
    if (type === 21 && fragment.length >= 2) {
      return {
        ...flight,
        alert: { level: fragment[0]!, description: fragment[1]!, name: ALERTS[fragment[1]!] ?? `alert ${fragment[1]}` },
      }
    }
    if (type !== 22) return { ...flight, stop: { kind: 'invalid', reason: `an unexpected record of type ${type}` } }
    pending = pending.concat([...fragment])
    while (pending.length >= 4) {
      const length = (pending[1]! << 16) | (pending[2]! << 8) | pending[3]!
      if (length > MAX_REPLY)
        return { ...flight, stop: { kind: 'invalid', reason: `a handshake message of ${length} bytes` } }
      if (pending.length < 4 + length) break
      const message = { type: pending[0]!, body: new Uint8Array(pending.slice(4, 4 + length)) }
      pending = pending.slice(4 + length)
      if (flight.messages.length === 0) {
        flight.hello = message.type === 2 ? parseServerHello([...message.body]) : null
        if (flight.hello === null) return { ...flight, stop: { kind: 'invalid', reason: 'no ServerHello' } }
        if (flight.hello.version >= 0x0304) return { ...flight, messages: [message], complete: true }
      }
      flight.messages.push(message)
      if (message.type === 14) return { ...flight, complete: true }
    }
  }
}

/** The leaf certificate's DER from a flight's Certificate message (RFC 5246 7.4.2), when it has one. */
export function leafCertificate(flight: Flight): Uint8Array | null {
  const message = flight.messages.find((m) => m.type === 11)
  const b = message?.body
  if (!b || b.length < 6) return null
  const first = (b[3]! << 16) | (b[4]! << 8) | b[5]!
  return first > 0 && b.length >= 6 + first ? b.subarray(6, 6 + first) : null
}

/** One record around `body`. */
export function record(type: number, version: number, body: Uint8Array | number[]): Uint8Array {
  const bytes = [...body]
  return new Uint8Array([
    type,
    (version >> 8) & 0xff,
    version & 0xff,
    (bytes.length >> 8) & 0xff,
    bytes.length & 0xff,
    ...bytes,
  ])
}

/** What a one-shot exchange read: the bytes (at most `max`), and how the stream stopped if it did. */
export interface Exchange {
  data: Uint8Array
  stop: 'enough' | 'closed' | 'reset' | 'timeout'
}

/**
 * Sends `bytes` and reads until `enough(data)` says so, the server stops, or `ms` pass; `max` bytes at most. For
 * replies that are not TLS records (an SSL 2 SERVER-HELLO).
 */
export function rawExchange(
  scheduler: HostScheduler,
  target: Target,
  bytes: Uint8Array,
  enough: (data: Uint8Array) => boolean,
  ms: number,
  max = 4096,
): Promise<ConversationOutcome<Exchange>> {
  return scheduler
    .connection(
      (signal) =>
        new Promise<ConversationOutcome<Exchange>>((resolve) => {
          const socket: Socket = netConnect({ host: target.address, port: target.port })
          let data = Buffer.alloc(0)
          let settled = false
          const finish = (outcome: ConversationOutcome<Exchange>) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            signal.removeEventListener('abort', onAbort)
            socket.destroy()
            resolve(outcome)
          }
          const done = (stop: Exchange['stop']) => finish({ ok: true, value: { data: new Uint8Array(data), stop } })
          const onAbort = () => finish({ ok: false, failure: failureOf(signal.reason) })
          signal.addEventListener('abort', onAbort, { once: true })
          const timer = setTimeout(() => done('timeout'), ms)
          socket.on('connect', () => socket.write(bytes))
          socket.on('data', (chunk: Buffer) => {
            data = Buffer.concat([data, chunk]).subarray(0, max)
            if (data.length >= max || enough(data)) done('enough')
          })
          socket.on('end', () => done('closed'))
          socket.on('close', () => done('closed'))
          socket.on('error', (error) => {
            const failure = failureOf(error)
            if (failure.code === 'reset') done('reset')
            else if (data.length > 0) done('closed')
            else finish({ ok: false, failure })
          })
        }),
    )
    .catch((error: unknown) => ({ ok: false as const, failure: failureOf(error) }))
}
