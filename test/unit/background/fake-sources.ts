/**
 * Two made-up fact sources for the tests of the pipeline and the router: each records what the background asks of
 * it, so a test sees that every listed source is asked, and nothing names one. Not a test file: imported by them.
 */
import { vi } from 'vitest'
import type { Source } from '../../../src/background/sources/source.ts'

export function fakeSources() {
  const hsts: Source = {
    name: 'hsts',
    facts: vi.fn(async () => ({ transport: { hstsHeader: null, fromCache: false, knownHsts: false } })),
    status: vi.fn(async () => ({ online: { eligible: true, sources: [] } })),
    trigger: vi.fn(async () => {}),
    forget: vi.fn(async () => {}),
    count: vi.fn(async () => ({ online: 3 })),
  }
  const page: Source = {
    name: 'page',
    facts: vi.fn(async (state) => ({ page: { url: state.url, frames: [] } })),
    trigger: vi.fn(async () => {}),
    forget: vi.fn(async () => {}),
  }
  return { hsts, page, list: [page, hsts] }
}
