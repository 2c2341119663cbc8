/**
 * Keys the views build from a template (`gradeWord_${band}`) are not checked by the compiler: a missing one would
 * show the key itself to the user. For each template the code holds, every value it can take is listed here from
 * the code's own constants, and each key must exist in English and in French. A new template in src/ fails this test
 * until it is listed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GRADES, STRICTNESS_LEVELS, TWO_FACTOR_METHODS } from '../../../src/core/types.ts'
import type { FactSource } from '../../../src/core/types.ts'
import { LOOKUP_ERRORS } from '../../../src/online/errors.ts'
import { MODES, SOURCES } from '../../../src/settings.ts'
import { FINDING_GROUPS, gradeBand } from '../../../src/ui/popup/view-model.ts'

const root = resolve(import.meta.dirname, '../../..')
const words = (lang: string) =>
  JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, unknown>
const snake = (value: string) => value.replace(/-/g, '_')

const FACT_SOURCES = ['ssllabs', 'observatory', 'hstspreload', 'scanner'] as const satisfies readonly Exclude<
  FactSource,
  'browser'
>[]
// Every FactSource but the browser's own is named on a finding (a type error here when one is added).
const _allSources: Exclude<FactSource, 'browser' | (typeof FACT_SOURCES)[number]> extends never ? true : false = true

/** The values each template can take, from the constants the code builds them from. */
const TEMPLATES: Record<string, readonly string[]> = {
  'strictness_${}': STRICTNESS_LEVELS,
  'strictness_${}_help': STRICTNESS_LEVELS,
  'levelName_${}': STRICTNESS_LEVELS,
  'sourceName_${}': SOURCES,
  'switchOn_${}': SOURCES,
  'sends_${}': SOURCES,
  'mode_${}': MODES.map(snake),
  'probeMode_${}': MODES.map(snake),
  'lookupError_${}': LOOKUP_ERRORS.map(snake),
  'group_${}': FINDING_GROUPS,
  'source_${}': FACT_SOURCES,
  'gradeWord_${}': GRADES.map(gradeBand),
  'verdict_${}': GRADES.map(gradeBand),
  // Only the two best bands have a reason of their own (view-model.ts: the others name the worst finding).
  'reason_${}': ['excellent', 'good'],
  // view-model.ts PRELOAD_STATUSES, and the fallback for any other status.
  'preloadStatus_${}': ['unknown', 'pending', 'preloaded', 'rejected', 'pending_removal', 'other'],
  // background/scanner.ts WEAK_ORDER: what a server also accepts.
  'scannerAccepts_${}': ['ssl3', 'export', 'null', 'anon', 'rc4', 'tls1', 'tls1_1', 'tripleDes', 'staticRsa', 'weakDh'],
  'twofactorMethod_${}': TWO_FACTOR_METHODS.map(snake),
  'dataSet_${}': ['plaintextoffenders', 'twofactorauth', 'password_manager_resources'],
}

/** Every `key_${…}` template in the views and the background, as `key_${}` (the rest of the literal kept). */
function templatesInSource(): Set<string> {
  const found = new Set<string>()
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.tsx?$/.test(name))
        for (const m of readFileSync(path, 'utf8').matchAll(/`([a-zA-Z]+_)\$\{[^}`]*\}([a-zA-Z_]*)`/g))
          found.add(`${m[1]}\${}${m[2]}`)
    }
  }
  for (const dir of ['src/ui', 'src/background']) walk(join(root, dir))
  return found
}

describe('message keys built from templates', () => {
  it('lists every template the code holds', () => {
    expect(_allSources).toBe(true)
    expect([...templatesInSource()].filter((t) => !(t in TEMPLATES))).toEqual([])
  })

  it.each(['en', 'fr'])('has every key a template can build in %s', (lang) => {
    const messages = words(lang)
    const missing = Object.entries(TEMPLATES).flatMap(([template, values]) =>
      [...new Set(values)].map((v) => template.replace('${}', v)).filter((key) => !(key in messages)),
    )
    expect(missing).toEqual([])
  })
})
