import { schemeOf } from '../facts.ts'
import type { Check } from '../types.ts'

/** http-page: the top document travelled over plain http. */
export const httpPage: Check = {
  name: 'http-page',
  ids: ['http-page'],
  groups: ['page'],
  run: (facts) => (schemeOf(facts.page.url) === 'http' ? [{ id: 'http-page' }] : []),
}
