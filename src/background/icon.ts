/**
 * The toolbar icon of one tab, so that it agrees with the badge: a check mark only at A+, A and A-, the plain
 * shield at B and C (and while a page is checked again), a warning mark at D, E and F.
 */
import type { Grade } from '../core/index.ts'
import { browser } from '../platform/index.ts'
import { debug } from './debug.ts'

export type IconName = 'icon' | 'good' | 'bad'

export function iconFor(grade: Grade | null, options: { previous?: boolean } = {}): IconName {
  if (grade === null || options.previous) return 'icon'
  if (grade.startsWith('A')) return 'good'
  if (grade === 'B' || grade === 'C') return 'icon'
  return 'bad'
}

export function iconPaths(name: IconName): Record<string, string> {
  return { 16: `icons/${name}-16.png`, 32: `icons/${name}-32.png` }
}

export async function showIcon(
  tabId: number,
  report: { grade: Grade } | null,
  options: { previous?: boolean } = {},
): Promise<void> {
  try {
    await browser.action.setIcon({ tabId, path: iconPaths(iconFor(report?.grade ?? null, options)) })
  } catch (error) {
    // The tab closed meanwhile.
    debug('icon', 'the icon could not be set', error)
  }
}
