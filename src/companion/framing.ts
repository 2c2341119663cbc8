/**
 * Native messaging frames (Chrome and Firefox alike): a 32-bit length in the machine's native byte order, then that
 * many bytes of UTF-8 JSON. Pure: the reader is fed chunks as they come (a chunk may hold part of a frame, or
 * several), and the writer returns bytes. No stream, no process: the host (host.ts) wires them to stdin and stdout.
 */

/** Requests are tiny ({type, host, port}); anything larger is a broken or hostile peer. */
export const MAX_REQUEST_BYTES = 64 * 1024
/** Browsers refuse host-to-browser messages over 1 MB (Chrome closes the port, Firefox too). */
export const MAX_REPLY_BYTES = 1024 * 1024

export type Endianness = 'LE' | 'BE'

export type ReadEvent =
  | { kind: 'message'; value: unknown }
  /** The frame was complete but not JSON: the stream is still in step, the next frame can be read. */
  | { kind: 'bad-json' }
  /** A length above the limit: the peer is out of step or hostile, nothing after it can be trusted. */
  | { kind: 'too-large'; length: number }

/** Splits incoming bytes into frames. Memory stays bounded by MAX_REQUEST_BYTES plus one chunk. */
export class FrameReader {
  private buffered: Buffer[] = []
  private size = 0
  private broken = false

  constructor(
    private readonly endianness: Endianness,
    private readonly maxBytes = MAX_REQUEST_BYTES,
  ) {}

  /** Bytes received but not yet a whole frame (a stream that ends here ended mid-frame). */
  get pending(): number {
    return this.size
  }

  /** Feeds one chunk; returns the events of every frame it completed. After 'too-large', reads nothing more. */
  push(chunk: Uint8Array): ReadEvent[] {
    if (this.broken) return []
    this.buffered.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    this.size += chunk.byteLength
    const events: ReadEvent[] = []
    let data = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.size)
    let offset = 0
    while (data.length - offset >= 4) {
      const length = this.endianness === 'LE' ? data.readUInt32LE(offset) : data.readUInt32BE(offset)
      if (length > this.maxBytes) {
        this.broken = true
        this.buffered = []
        this.size = 0
        events.push({ kind: 'too-large', length })
        return events
      }
      if (data.length - offset - 4 < length) break
      const body = data.subarray(offset + 4, offset + 4 + length)
      offset += 4 + length
      events.push(decode(body))
    }
    // Keep only the unread tail, copied so the consumed chunks can be freed.
    data = Buffer.from(data.subarray(offset))
    this.buffered = data.length > 0 ? [data] : []
    this.size = data.length
    return events
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decode(body: Buffer): ReadEvent {
  try {
    return { kind: 'message', value: JSON.parse(utf8.decode(body)) as unknown }
  } catch {
    return { kind: 'bad-json' }
  }
}

/** One frame for `value`, or null when its JSON would exceed `maxBytes` (the caller then sends a small error). */
export function encodeFrame(value: unknown, endianness: Endianness, maxBytes = MAX_REPLY_BYTES): Buffer | null {
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  if (body.length > maxBytes) return null
  const frame = Buffer.allocUnsafe(4 + body.length)
  if (endianness === 'LE') frame.writeUInt32LE(body.length, 0)
  else frame.writeUInt32BE(body.length, 0)
  body.copy(frame, 4)
  return frame
}
