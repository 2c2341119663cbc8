/** The project's shape: every check file registered, every id covered by a check, a rubric row and words. */
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { adviceKeys, CHECKS, FINDING_IDS, RUBRIC } from '../../../src/core/index.ts'
import { PROBES } from '../../../src/scanner/probes/index.ts'

const root = resolve(import.meta.dirname, '../../..')
const locale = (lang: string): Record<string, { message: string; description?: string }> =>
  JSON.parse(readFileSync(resolve(root, `public/_locales/${lang}/messages.json`), 'utf8'))

describe('checks', () => {
  it('lists every file of src/core/checks in CHECKS', () => {
    const files = readdirSync(resolve(root, 'src/core/checks'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
    expect(CHECKS.map((c) => c.name).sort()).toEqual(files.sort())
  })
  it('covers every finding id with exactly one check', () => {
    const produced = CHECKS.flatMap((c) => c.ids)
    expect([...produced].sort()).toEqual([...FINDING_IDS].sort())
  })
  it('has a rubric row for every id', () => {
    expect(Object.keys(RUBRIC).sort()).toEqual([...FINDING_IDS].sort())
  })
})

describe('scanner probes', () => {
  it('lists every file of src/scanner/probes in PROBES', () => {
    const files = readdirSync(resolve(root, 'src/scanner/probes'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
    expect(PROBES.map((p) => p.name).sort()).toEqual(files.sort())
  })
})

describe('_locales', () => {
  const en = locale('en')
  const fr = locale('fr')
  it.each(FINDING_IDS)('has a title, a sentence for users and a fix for %s in English and French', (id) => {
    for (const key of Object.values(adviceKeys(id))) {
      expect(en[key]?.message, `en ${key}`).toBeTruthy()
      expect(fr[key]?.message, `fr ${key}`).toBeTruthy()
    }
  })
  it('has the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort())
  })
  it('describes every message for translators (messages.json is the source of every string)', () => {
    for (const [key, entry] of [...Object.entries(en), ...Object.entries(fr)]) {
      expect(entry.description, key).toMatch(/\S/)
    }
  })
  it('uses only message names browsers accept', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/)
  })
  it('writes French as French typography wants: a space before ; : ! ? (outside « quoted code »), a capital first', () => {
    for (const [key, { message, description }] of Object.entries(fr)) {
      const prose = message.replace(/«[^»]*»/g, '« »').replace(/:\/\//g, '')
      expect(prose, key).not.toMatch(/[^\s\u00a0\u202f][;:!?]/)
      expect(prose, key).not.toMatch(/ [;:!?]/) // a no-break space, so the sign never starts a line
      // Fragments (items of a list inside a sentence) are marked as such for translators and keep their case.
      if (!description?.startsWith('Fragment'))
        expect(message.match(/^\p{L}/u)?.[0] ?? 'X', `${key} starts in lowercase`).toMatch(/\p{Lu}/u)
    }
  })
  it('uses the same substitutions in both languages', () => {
    for (const key of Object.keys(en)) {
      const subs = (m: string) => (m.match(/\$\d/g) ?? []).sort().join()
      expect(subs(fr[key]!.message), key).toBe(subs(en[key]!.message))
    }
  })
})

describe('layers (lint)', () => {
  // The layer rules need no type information: the type-aware rules are off here, and with them the TypeScript
  // program, which the snippets' made-up paths are not part of.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.{ts,tsx}'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  })
  const lint = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath: resolve(root, filePath) }))[0]!.messages.map((m) => m.ruleId)

  it('keeps browser code out of the core', async () => {
    expect(
      await lint('src/core/x.ts', "import browser from 'webextension-polyfill'\nexport const a = browser\n"),
    ).toContain('no-restricted-imports')
    expect(
      await lint('src/core/x.ts', "import { showBadge } from '../background/badge.ts'\nexport const a = showBadge\n"),
    ).toContain('no-restricted-imports')
  })
  it('keeps the clock and the network out of the core', async () => {
    expect(await lint('src/core/x.ts', 'export const a = Date.now()\n')).toContain('no-restricted-syntax')
    expect(await lint('src/core/x.ts', "export const a = fetch('x')\n")).toContain('no-restricted-globals')
  })
  it('lets only src/platform name chrome.*', async () => {
    expect(await lint('src/background/x.ts', 'export const a = chrome.runtime.id\n')).toContain('no-restricted-globals')
    expect(await lint('src/platform/x.ts', 'export const a = chrome.runtime.id\n')).not.toContain(
      'no-restricted-globals',
    )
  })
  it('keeps browser code and the polyfill out of the scanner', async () => {
    expect(
      await lint('src/scanner/x.ts', "import browser from 'webextension-polyfill'\nexport const a = browser\n"),
    ).toContain('no-restricted-imports')
    expect(
      await lint('src/scanner/x.ts', "import { browser } from '../platform/index.ts'\nexport const a = browser\n"),
    ).toContain('no-restricted-imports')
    expect(
      await lint(
        'src/scanner/probes/x.ts',
        "import { readSettings } from '../../settings.ts'\nexport const a = readSettings\n",
      ),
    ).toContain('no-restricted-imports')
    expect(
      await lint('src/scanner/x.ts', "import { gradeSite } from '../core/index.ts'\nexport const a = gradeSite\n"),
    ).not.toContain('no-restricted-imports')
  })
  it('keeps the scanner out of the core, the content script, the UI and the background', async () => {
    const code = "import { scanHost } from '../scanner/index.ts'\nexport const a = scanHost\n"
    for (const file of [
      'src/core/x.ts',
      'src/content/x.ts',
      'src/ui/x.ts',
      'src/background/x.ts',
      'src/platform/x.ts',
    ]) {
      expect(await lint(file, code), file).toContain('no-restricted-imports')
    }
  })
  it('keeps the polyfill and valibot out of the content script', async () => {
    expect(await lint('src/content/x.ts', "import * as v from 'valibot'\nexport const a = v\n")).toContain(
      'no-restricted-imports',
    )
  })
})
