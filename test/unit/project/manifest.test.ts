/** What manifest.json asks of the browser: nothing that grants nothing, and every frame a password can sit in. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../manifest.json'), 'utf8')) as {
  host_permissions: string[]
  optional_host_permissions?: string[]
  content_scripts: {
    matches: string[]
    all_frames?: boolean
    match_about_blank?: boolean
    match_origin_as_fallback?: boolean
  }[]
}

/** Whether a match pattern is covered by another (scheme, host wildcard, path wildcard). */
function covers(broad: string, narrow: string): boolean {
  const parse = (p: string) => /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(p)
  const [b, n] = [parse(broad), parse(narrow)]
  if (!b || !n) return false
  const scheme = b[1] === '*' ? /^https?$/.test(n[1]!) : b[1] === n[1]
  const host = b[2] === '*' || b[2] === n[2] || (b[2]!.startsWith('*.') && n[2]!.endsWith(b[2]!.slice(1)))
  const path = b[3] === '/*' || b[3] === n[3]
  return scheme && host && path
}

describe('manifest.json', () => {
  it('asks for no optional host permission that its host permissions already grant', () => {
    const pretend = (manifest.optional_host_permissions ?? []).filter((o) =>
      manifest.host_permissions.some((h) => covers(h, o)),
    )
    expect(pretend).toEqual([])
  })
  it('runs the content script in every frame, about:blank and about:srcdoc frames included', () => {
    const [script] = manifest.content_scripts
    expect(script).toMatchObject({ all_frames: true, match_about_blank: true, match_origin_as_fallback: true })
    // match_origin_as_fallback requires match patterns whose path is a wildcard.
    expect(script!.matches.every((m) => m.endsWith('/*'))).toBe(true)
  })
})
