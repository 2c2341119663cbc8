import { allFrames } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * password-in-url: a form with a password field submits with GET, so the password lands in the URL, the history,
 * server logs and Referer headers. Only forms whose method or action is written in the markup count: a form with
 * neither is submitted by script, which almost never uses a GET navigation. Frames of every origin count.
 */
export const passwordInUrl: Check = {
  name: 'password-in-url',
  ids: ['password-in-url'],
  groups: ['page'],
  run: (facts) => {
    const forms = allFrames(facts)
      .flatMap((f) => f.forms)
      .filter((form) => form.password && form.method === 'get' && form.explicit)
    return forms.length === 0 ? [] : [{ id: 'password-in-url', detail: { forms: forms.length } }]
  },
}
