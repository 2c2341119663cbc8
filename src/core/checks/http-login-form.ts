import { allFrames, schemeOf } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * http-login-form: a password field in a document of this page that was itself served over http: the page, or a
 * frame of any origin (a password typed into a frame travels as that frame sends it, here in clear).
 */
export const httpLoginForm: Check = {
  name: 'http-login-form',
  ids: ['http-login-form'],
  groups: ['page'],
  run: (facts) => {
    const frames = allFrames(facts).filter((f) => f.passwordFields > 0 && schemeOf(f.url) === 'http')
    if (frames.length === 0) return []
    const fields = frames.reduce((n, f) => n + f.passwordFields, 0)
    return [{ id: 'http-login-form', detail: { fields, inFrame: frames.some((f) => !f.top) } }]
  },
}
