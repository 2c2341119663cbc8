import type { FindingId } from './types.ts'

/**
 * The _locales message names that hold a finding's words: a short title, a sentence for the user and a
 * recommendation for the site's operator. Message names allow only letters, digits and "_".
 */
export function adviceKeys(id: FindingId): { title: string; user: string; fix: string } {
  const base = `finding_${id.replace(/-/g, '_')}`
  return { title: `${base}_title`, user: `${base}_user`, fix: `${base}_fix` }
}
