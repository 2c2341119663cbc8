import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderRating } from '../../../../scripts/rating-doc.ts'
import { RATING_RULE_IDS, ratingMessageKey } from '../../../../src/core/rating/index.ts'

const root = resolve(import.meta.dirname, '../../../..')
const messages = (lang: string) =>
  JSON.parse(readFileSync(resolve(root, `public/_locales/${lang}/messages.json`), 'utf8'))
const path = resolve(root, 'docs/RATING.md')

describe('docs/RATING.md', () => {
  it('is what the rating rules generate (run `npm run rating` after changing them)', () => {
    const expected = renderRating(messages('en'))
    if (process.env.UPDATE_RATING === '1') {
      mkdirSync(resolve(root, 'docs'), { recursive: true })
      writeFileSync(path, expected)
    }
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '').toBe(expected)
  })
  it("has every rule's words in English and French", () => {
    for (const lang of ['en', 'fr']) {
      const missing = RATING_RULE_IDS.map(ratingMessageKey).filter((key) => !messages(lang)[key])
      expect(missing, lang).toEqual([])
    }
  })
})
