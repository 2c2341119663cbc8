/**
 * The CLI's body, `npm run scan -- [options] HOST[:PORT]...` (entry: scan.ts): scans each host from this computer and prints its grade and findings
 * (SPEC.md section 7). Exit status: 0 every host scanned, 1 a host could not be scanned, 2 usage error. Results go
 * to stdout; progress goes to stderr, and only when stderr is a terminal.
 */
import { readFileSync } from 'node:fs'
import { scanAddresses, type ScanProgress } from '../scanner/index.ts'
import { parseArgs, USAGE, type CliOptions } from './args.ts'
import { clean, hostReportOf, toJson, toMarkdown, toText, type HostReport } from './report.ts'

/** How many hosts are scanned at once; each host has its own limits (6 connections at once). */
const HOSTS_AT_ONCE = 3

function readCa(files: string[]): { ok: true; pems: string[] } | { ok: false; error: string } {
  const pems: string[] = []
  for (const file of files) {
    try {
      const text = readFileSync(file, 'utf8')
      if (!text.includes('-----BEGIN CERTIFICATE-----'))
        return { ok: false, error: `--ca ${JSON.stringify(file.slice(0, 100))}: no PEM certificate in the file` }
      pems.push(text)
    } catch (error) {
      return {
        ok: false,
        error: `--ca ${JSON.stringify(file.slice(0, 100))}: ${(error as { code?: string }).code ?? 'cannot read the file'}`,
      }
    }
  }
  return { ok: true, pems }
}

function progressLine(): ((e: ScanProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined
  const done = new Map<string, number>()
  return (e) => {
    const key = `${e.host}:${e.port}`
    if (e.state !== 'start') done.set(key, (done.get(key) ?? 0) + 1)
    process.stderr.write(`\r\x1b[2Kscanning ${key}: ${e.probe} (${done.get(key) ?? 0} probes done)`)
  }
}

export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const parsed = parseArgs(argv)
  if (!parsed.ok) {
    err(`vigie scan: ${parsed.error}\n`)
    return 2
  }
  const options: CliOptions = parsed.options
  if (options.help) {
    out(`${USAGE}\n`)
    return 0
  }
  const ca = readCa(options.caFiles)
  if (!ca.ok) {
    err(`vigie scan: ${ca.error}\n`)
    return 2
  }
  const onProgress = progressLine()
  const reports: HostReport[] = new Array(options.hosts.length)
  let next = 0
  const worker = async () => {
    while (next < options.hosts.length) {
      const i = next++
      const { host, port } = options.hosts[i]!
      const address = options.resolve.get(`${host}:${port}`)
      // Every address of the name, unless --resolve named one; the worst one is reported.
      const scans = await scanAddresses(
        { host, port, ...(address ? { address } : {}) },
        { ca: ca.pems, httpPort: options.httpPort, ...(onProgress ? { onProgress } : {}) },
      )
      reports[i] = hostReportOf(scans, options.strictness)
    }
  }
  await Promise.all(Array.from({ length: Math.min(HOSTS_AT_ONCE, options.hosts.length) }, worker))
  if (onProgress) process.stderr.write('\r\x1b[2K')

  if (options.format === 'json') out(`${toJson(reports)}\n`)
  else if (options.format === 'markdown') out(`${toMarkdown(reports)}\n`)
  else out(`${reports.map(toText).join('\n\n')}\n`)

  const failed = reports.filter((r) => r.error)
  // The reason also goes to stderr in every format, so a script sees why without parsing the output.
  for (const r of failed) err(`vigie scan: ${clean(`${r.host}:${r.port}: ${r.error!.reason}`)}\n`)
  return failed.length > 0 ? 1 : 0
}
