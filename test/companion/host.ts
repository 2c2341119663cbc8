/**
 * Talking to a packaged companion as a browser does: native messaging frames (a 32-bit length in this machine's byte
 * order, then UTF-8 JSON) on its stdin, the replies read from its stdout, stdin closed once every request is answered.
 */
import { spawn } from 'node:child_process'
import { endianness } from 'node:os'

function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message))
  const head = Buffer.alloc(4)
  if (endianness() === 'LE') head.writeUInt32LE(body.length)
  else head.writeUInt32BE(body.length)
  return Buffer.concat([head, body])
}

function readFrames(bytes: Buffer): unknown[] {
  const out: unknown[] = []
  let at = 0
  while (at + 4 <= bytes.length) {
    const length = endianness() === 'LE' ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at)
    if (at + 4 + length > bytes.length) break
    out.push(JSON.parse(bytes.subarray(at + 4, at + 4 + length).toString('utf8')))
    at += 4 + length
  }
  return out
}

export interface HostRun {
  replies: Array<Record<string, unknown>>
  stderr: string
  code: number | null
}

/**
 * Starts `command args` (as the browser would, with the caller's origin as argument), sends `requests`, waits for
 * as many replies as requests, then closes stdin and waits for the exit.
 */
export function talk(command: string, args: string[], requests: unknown[], env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<HostRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let stderr = ''
    let closed = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no answer to every request in ${timeoutMs} ms; stderr: ${stderr}`))
    }, timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk)
      if (!closed && readFrames(Buffer.concat(out)).length >= requests.length) {
        closed = true
        child.stdin.end()
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ replies: readFrames(Buffer.concat(out)) as Array<Record<string, unknown>>, stderr, code })
    })
    for (const request of requests) child.stdin.write(frame(request))
  })
}
