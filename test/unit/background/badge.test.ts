import { describe, expect, it, vi } from 'vitest'

/** A fake browser.action that records what the badge shows after every call, as the user would see it. */
const fake = vi.hoisted(() => {
  const badge = { text: '', colour: '#000000' }
  /** Set by a test: the browser resets the badge (as at a navigation's commit) right after the next colour call. */
  const control = { resetAfterColour: false }
  const seen: { text: string; colour: string }[] = []
  const later = () => new Promise((r) => setTimeout(r, Math.random() * 3))
  const browser = {
    i18n: { getMessage: (key: string) => key },
    tabs: { onRemoved: { addListener: () => {} } },
    action: {
      getBadgeText: async () => (await later(), badge.text),
      setBadgeText: async ({ text }: { text: string }) => {
        await later()
        badge.text = text
        seen.push({ ...badge })
      },
      setBadgeBackgroundColor: async ({ color }: { color: string }) => {
        await later()
        badge.colour = color
        seen.push({ ...badge })
        if (control.resetAfterColour) {
          control.resetAfterColour = false
          Object.assign(badge, { text: '', colour: '#000000' })
          seen.push({ ...badge })
        }
      },
      getBadgeBackgroundColor: async () => {
        await later()
        return [1, 3, 5].map((i) => parseInt(badge.colour.slice(i, i + 2), 16)).concat(255)
      },
      setBadgeTextColor: async () => {},
      setTitle: async () => {},
    },
  }
  return { badge, seen, browser, control }
})
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake.browser }))
import { badgeFor, showBadge } from '../../../src/background/badge.ts'

const report = (grade: 'A+' | 'F' | 'B') => ({ grade, findings: [] })

describe('showBadge', () => {
  it('never shows a letter in another grade’s colour, even when updates overlap', async () => {
    const colourOf = (grade: 'A+' | 'F' | 'B', previous = false) => badgeFor(report(grade), 'h', { previous }).colour
    const allowed = new Set(
      (['A+', 'F', 'B'] as const).flatMap((g) => [`${g} ${colourOf(g)}`, `${g} ${colourOf(g, true)}`]),
    )
    const grades = ['F', 'A+', 'B', 'A+', 'F', 'F', 'B'] as const
    for (let round = 0; round < 20; round++) {
      await Promise.all(grades.map((g, i) => showBadge(1, report(g), 'h', { previous: (i + round) % 3 === 0 })))
    }
    const wrong = fake.seen.filter((s) => s.text !== '' && !allowed.has(`${s.text} ${s.colour}`))
    expect(fake.seen.length).toBeGreaterThan(100)
    expect(wrong).toEqual([])
    // The last call wins.
    expect(fake.badge).toEqual({ text: 'B', colour: colourOf('B') })
  })

  it('sets only the letter when the colour stays, and nothing when nothing changes', async () => {
    // Every grade has its own colour; the last visit's grey is one colour for all.
    await showBadge(2, report('A+'), 'h', { previous: true })
    const before = fake.seen.length
    await showBadge(2, { grade: 'A', findings: [] }, 'h', { previous: true })
    expect(fake.seen.length).toBe(before + 1)
    await showBadge(2, { grade: 'A', findings: [] }, 'h', { previous: true })
    expect(fake.seen.length).toBe(before + 1)
  })
})

describe('showBadge when the tab navigates meanwhile', () => {
  it('repairs a letter the browser left without its colour', async () => {
    await showBadge(3, report('F'), 'h')
    fake.control.resetAfterColour = true
    const from = fake.seen.length
    await showBadge(3, report('A+'), 'h')
    const green = badgeFor(report('A+'), 'h').colour
    expect(fake.badge).toEqual({ text: 'A+', colour: green })
    // The torn state lasted one call: the next one blanked the letter.
    const torn = fake.seen.slice(from).findIndex((s) => s.text === 'A+' && s.colour !== green)
    expect(torn).toBeGreaterThanOrEqual(0)
    expect(fake.seen.slice(from)[torn + 1]).toMatchObject({ text: '' })
  })
})
