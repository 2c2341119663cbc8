import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderRubric } from '../../../scripts/rubric-doc.ts'

const root = resolve(import.meta.dirname, '../../..')
const messages = JSON.parse(readFileSync(resolve(root, 'public/_locales/en/messages.json'), 'utf8'))
const path = resolve(root, 'docs/RUBRIC.md')

describe('docs/RUBRIC.md', () => {
  it('is what the rubric table generates (run `npm run rubric` after changing it)', () => {
    const expected = renderRubric(messages)
    if (process.env.UPDATE_RUBRIC === '1') {
      mkdirSync(resolve(root, 'docs'), { recursive: true })
      writeFileSync(path, expected)
    }
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '').toBe(expected)
  })
})
