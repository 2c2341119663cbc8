/**
 * Grades read at a glance, in both languages: a word per grade band that says which is worse, never the word of a
 * heading; a badge colour per grade with AA contrast for its text; French messages that are French.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { GRADES, SEVERITIES } from '../../../../src/core/index.ts'
import { FINDING_GROUPS, gradeBand } from '../../../../src/ui/popup/view-model.ts'

vi.mock('../../../../src/platform/index.ts', () => ({
  browser: { i18n: { getMessage: (k: string) => k }, tabs: { onRemoved: { addListener: () => {} } } },
}))
const { BADGE_COLOURS, BADGE_TEXT, PREVIOUS_COLOUR } = await import('../../../../src/background/badge.ts')

type Messages = Record<string, { message: string }>
const words = (lang: string): Messages =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../../public/_locales/${lang}/messages.json`), 'utf8'))
const en = words('en')
const fr = words('fr')

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('grade words', () => {
  const bands = [...new Set(GRADES.map(gradeBand))]
  it.each([
    ['en', en],
    ['fr', fr],
  ] as const)('gives every grade band its own word in %s, never a severity or group word', (_, m) => {
    const gradeWords = bands.map((b) => m[`gradeWord_${b}`]!.message)
    expect(new Set(gradeWords).size).toBe(bands.length)
    const headings = [
      ...SEVERITIES.map((s) => m[`severity_${s}`]?.message),
      ...FINDING_GROUPS.map((g) => m[`group_${g}`]!.message),
    ].filter(Boolean)
    for (const word of gradeWords)
      expect(
        headings.map((h) => h!.toLowerCase()),
        word,
      ).not.toContain(word.toLowerCase())
  })
  it('says which is worse: C, D-E and F words grow from the same root or say so', () => {
    // "Weak" then "Very weak" (C, D): the second word holds the first, so nobody wonders which is worse.
    expect(en.gradeWord_weak!.message.toLowerCase()).toContain(en.gradeWord_poor!.message.toLowerCase())
    expect(fr.gradeWord_weak!.message.toLowerCase()).toContain(fr.gradeWord_poor!.message.toLowerCase())
  })
})

describe('badge colours', () => {
  it('gives every grade its own colour, D, E and F clearly apart', () => {
    const colours = GRADES.map((g) => BADGE_COLOURS[g])
    expect(new Set(colours).size).toBe(GRADES.length)
    // "Clearly apart": at least 1.3:1 between any two of the failing grades' colours, not two shades of one red.
    for (const [a, b] of [
      ['D', 'F'],
      ['E', 'F'],
      ['D', 'E'],
    ] as const)
      expect(contrast(BADGE_COLOURS[a], BADGE_COLOURS[b]), `${a}/${b}`).toBeGreaterThanOrEqual(1.3)
  })
  it.each(GRADES)('gives the %s badge text at AA contrast (4.5:1) on its colour', (grade) => {
    expect(contrast(BADGE_TEXT, BADGE_COLOURS[grade])).toBeGreaterThanOrEqual(4.5)
  })
  it("paints the report page's grade pills in the badge's colours, one per grade", () => {
    const css = readFileSync(resolve(import.meta.dirname, '../../../../src/ui/report/report.css'), 'utf8')
    for (const grade of GRADES) {
      const name = grade.replace('+', 'plus').replace('-', 'minus')
      const rule = new RegExp(`\\.grade-${name} \\{\\s*background: (#[0-9a-f]{6});`).exec(css)
      expect(rule?.[1], grade).toBe(BADGE_COLOURS[grade])
    }
  })
  it("gives the last visit's grey badge AA contrast too", () => {
    expect(contrast(BADGE_TEXT, PREVIOUS_COLOUR)).toBeGreaterThanOrEqual(4.5)
  })
})

describe('headings', () => {
  it('never uses a severity word as a popup heading', () => {
    for (const m of [en, fr]) {
      const severityWords = SEVERITIES.map((s) => m[`severity_${s}`]?.message.toLowerCase()).filter(Boolean)
      for (const g of FINDING_GROUPS) expect(severityWords).not.toContain(m[`group_${g}`]!.message.toLowerCase())
    }
  })
})

/**
 * A French message holds an English sentence when it has two or more of these English function words, which French
 * never uses as words (short, frequent, and none a French word: "the", "and", "is", "with", "your", "this", "not",
 * "you", "to", "of"). Names (SSL Labs, HTTP Observatory) and code (npm run) carry none of them, so no exception is needed.
 */
const ENGLISH = /\b(the|and|is|with|your|this|not|you|to|of|will|from|on)\b/gi
function englishWords(text: string): string[] {
  return (text.replace(/\$\d/g, '').match(ENGLISH) ?? []).map((w) => w.toLowerCase())
}

describe('French', () => {
  it('holds no English sentence', () => {
    const english = Object.entries(fr).filter(([, { message }]) => new Set(englishWords(message)).size >= 2)
    expect(english.map(([key, { message }]) => `${key}: ${message}`)).toEqual([])
  })
  it('translates every message that has a sentence (the same text as English only for names)', () => {
    const same = Object.keys(en).filter(
      (k) => fr[k]?.message === en[k]!.message && en[k]!.message.split(' ').length >= 4,
    )
    expect(same).toEqual([])
  })
  it('puts a no-break space before % as before : ; ? !', () => {
    // A plain space before the sign, or none after a number or a placeholder ("42%", "$2%").
    // Code quoted in « » (a header to send) keeps its own punctuation.
    const bad = Object.entries(fr).filter(([, { message }]) =>
      / [:;?!%]|(\d|\$\d)[%:;?!]/.test(message.replace(/«[^»]*»/g, '')),
    )
    expect(bad.map(([k, { message }]) => `${k}: ${message}`)).toEqual([])
  })
})
