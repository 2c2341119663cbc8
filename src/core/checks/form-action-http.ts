import { allFrames, schemeOf } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * form-action-http: a form on an https document submits to an http URL. Worse (the "password" variant) when the
 * form holds a password. Forms on http documents are covered by http-page and http-login-form. Frames of every
 * origin count: a password typed into a third party's frame travels as that frame sends it.
 */
export const formActionHttp: Check = {
  name: 'form-action-http',
  ids: ['form-action-http'],
  groups: ['page'],
  run: (facts) => {
    const forms = allFrames(facts)
      .filter((f) => schemeOf(f.url) === 'https')
      .flatMap((f) => f.forms)
      .filter((form) => form.method !== 'dialog' && schemeOf(form.action) === 'http')
    if (forms.length === 0) return []
    const withPassword = forms.some((f) => f.password)
    return [
      {
        id: 'form-action-http',
        ...(withPassword ? { variant: 'password' } : {}),
        detail: { forms: forms.length },
      },
    ]
  },
}
