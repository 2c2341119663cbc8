/**
 * Command-line arguments of `npm run scan -- [options] HOST[:PORT]...` (SPEC.md section 7). Pure: a list of
 * strings in, the options or one usage-error line out (the caller exits 2 with it).
 */
import { isIP } from 'node:net'
import { parseArgs as parseOptions, type ParseArgsConfig } from 'node:util'
import { STRICTNESS_LEVELS, type Strictness } from '../core/types.ts'
import { isDnsName } from '../core/host-name.ts'

export interface HostArg {
  host: string
  port: number
}

export interface CliOptions {
  format: 'text' | 'json' | 'markdown'
  strictness: Strictness
  /** Files named by --ca. */
  caFiles: string[]
  /** --resolve HOST:PORT:ADDRESS, keyed "host:port" (lower-case host). */
  resolve: Map<string, string>
  httpPort: number
  hosts: HostArg[]
  help: boolean
}

export type Parsed = { ok: true; options: CliOptions } | { ok: false; error: string }

export const USAGE = `Usage: npm run scan -- [options] HOST[:PORT]...

Scans each TLS server from this computer and grades it as Vigie does (SPEC.md section 7).

Options:
  --json                      print one JSON document { "hosts": [...] }
  --markdown                  print a comparison table of all hosts (host, grade, main findings, date)
  --strictness LEVEL          relaxed, standard (default) or strict
  --ca FILE                   also trust the PEM root(s) in FILE (repeatable)
  --resolve HOST:PORT:ADDRESS connect to ADDRESS when scanning HOST:PORT, as curl does (repeatable)
  --http-port PORT            where to check the plain-http redirect (default 80)
  -h, --help                  show this help

Exit status: 0 every host scanned, 1 a host could not be scanned, 2 usage error.`

/** Host names as auditors type them: underscores allowed (service names). */
const isHostName = (name: string) => isDnsName(name, { underscore: true })

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null
  const port = Number(text)
  return port >= 1 && port <= 65535 ? port : null
}

/** "host", "host:port", "[v6]", "[v6]:port", or a bare IPv6 literal. */
export function parseHostArg(text: string): HostArg | null {
  const bracket = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(text)
  if (bracket) {
    const port = bracket[2] === undefined ? 443 : parsePort(bracket[2])
    return isIP(bracket[1]!) === 6 && port !== null ? { host: bracket[1]!, port } : null
  }
  if (isIP(text) === 6) return { host: text, port: 443 }
  const colon = text.lastIndexOf(':')
  const name = colon >= 0 ? text.slice(0, colon) : text
  const port = colon >= 0 ? parsePort(text.slice(colon + 1)) : 443
  if (port === null || (!isHostName(name) && isIP(name) !== 4)) return null
  return { host: name.replace(/\.$/, '').toLowerCase(), port }
}

/** The printable form of a bad argument: no control characters, bounded. */
function shown(text: string): string {
  return JSON.stringify(text.slice(0, 60))
}

/** The options node:util's parseArgs reads; their values are checked below, one message per mistake. */
const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  strictness: { type: 'string' },
  ca: { type: 'string' },
  resolve: { type: 'string' },
  'http-port': { type: 'string' },
} as const satisfies ParseArgsConfig['options']

export function parseArgs(argv: readonly string[]): Parsed {
  const options: CliOptions = {
    format: 'text',
    strictness: 'standard',
    caFiles: [],
    resolve: new Map(),
    httpPort: 80,
    hosts: [],
    help: false,
  }
  const formats = new Set<string>()
  // Not strict: node:util's own errors are not these messages. Its tokens keep the order, so the first mistake on
  // the command line is the one reported.
  const { tokens } = parseOptions({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  })
  for (const token of tokens) {
    if (token.kind === 'option-terminator') return { ok: false, error: `unknown option ${shown('--')} (see --help)` }
    if (token.kind === 'positional') {
      if (token.value.startsWith('-')) return { ok: false, error: `unknown option ${shown(token.value)} (see --help)` }
      const host = parseHostArg(token.value)
      if (host === null) return { ok: false, error: `not a host or host:port: ${shown(token.value)}` }
      options.hosts.push(host)
      continue
    }
    const written = argv[token.index]!
    // A group of short options (-hx) or a short one other than -h is not an option of this command.
    if (!written.startsWith('--') && written !== '-h')
      return { ok: false, error: `unknown option ${shown(written)} (see --help)` }
    // A value is the inline one (--ca=FILE) or the next argument, unless that is another long option.
    const value =
      token.inlineValue || (token.value !== undefined && !token.value.startsWith('--')) ? (token.value ?? null) : null
    switch (token.name) {
      case 'help':
        options.help = true
        break
      case 'json':
      case 'markdown':
        formats.add(token.name)
        break
      case 'strictness': {
        if (value === null) return { ok: false, error: '--strictness needs a level: relaxed, standard or strict' }
        if (!(STRICTNESS_LEVELS as readonly string[]).includes(value)) {
          return { ok: false, error: `unknown strictness ${shown(value)}: use relaxed, standard or strict` }
        }
        options.strictness = value as Strictness
        break
      }
      case 'ca': {
        if (value === null) return { ok: false, error: '--ca needs a file of PEM certificates' }
        options.caFiles.push(value)
        break
      }
      case 'http-port': {
        const port = value === null ? null : parsePort(value)
        if (port === null) return { ok: false, error: `--http-port needs a port between 1 and 65535` }
        options.httpPort = port
        break
      }
      case 'resolve': {
        // HOST:PORT:ADDRESS, the address possibly an IPv6 literal in brackets.
        const m = value === null ? null : /^([^:[\]]+):(\d{1,5}):(\[[0-9a-f:.]+\]|[0-9a-f:.]+)$/i.exec(value)
        const address = m ? m[3]!.replace(/^\[|\]$/g, '') : ''
        const port = m ? parsePort(m[2]!) : null
        if (!m || port === null || isIP(address) === 0 || !isHostName(m[1]!)) {
          return {
            ok: false,
            error: `--resolve needs HOST:PORT:ADDRESS (got ${value === null ? 'nothing' : shown(value)})`,
          }
        }
        options.resolve.set(`${m[1]!.toLowerCase()}:${port}`, address)
        break
      }
      default:
        return { ok: false, error: `unknown option ${shown(token.rawName)} (see --help)` }
    }
  }
  if (formats.size > 1) return { ok: false, error: '--json and --markdown cannot be combined' }
  options.format = formats.has('json') ? 'json' : formats.has('markdown') ? 'markdown' : 'text'
  if (!options.help && options.hosts.length === 0) return { ok: false, error: 'no host given (see --help)' }
  return { ok: true, options }
}
