/**
 * Reads one document's password fields and the forms around them, wherever pages put them: in the document, in
 * open shadow roots, in forms or not. Never reads a field's value. Pure apart from reading the DOM it is given.
 *
 * Cost matters (this runs on every page): the browser's selector engine does the bulk work. Only forms that are
 * risky (they send to http, or send a password with GET) or a first example of a password form are described,
 * so a page with thousands of forms costs a few selector queries, not thousands of URL resolutions.
 */
import type { FormFact } from '../core/types.ts'
import { MAX_FORMS, MAX_URL } from '../limits.ts'
import type { FrameReport } from '../messages.ts'

const PASSWORD = 'input[type="password" i]'
/** Forms that may send to plain http: an absolute http action somewhere in the attribute (checked after). */
const HTTP_ACTION = 'form[action*="http:" i]'
/** Forms that may submit with GET: explicit GET, an invalid method (GET by default), or an action but no method. */
const GET_METHOD = 'form[method="get" i],form[method]:not([method="post" i]):not([method="dialog" i]),form[action]:not([method])'
const SUBMITTERS = '[formaction],[formmethod]'

/**
 * The form's resolved action, immune to an <input name="action"> shadowing the property. Looked up on first use:
 * touching an interface costs a content script its first-time set-up, and most pages need none of this.
 */
let actionGetter: (() => string) | undefined
const actionOf = (form: HTMLFormElement): string => {
  actionGetter ??= Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, 'action')?.get as () => string
  return actionGetter?.call(form) ?? ''
}
const methodOf = (el: Element, attr: string): FormFact['method'] => {
  const m = el.getAttribute(attr)?.trim().toLowerCase()
  return m === 'post' || m === 'dialog' ? m : 'get'
}

/**
 * Elements that never host a shadow root: standard HTML and SVG elements outside the list that may
 * (DOM Standard, attachShadow: article, aside, blockquote, body, div, footer, h1-h6, header, main, nav, p,
 * section, span) and outside custom elements. The selector engine skips them natively, so a page is not
 * walked element by element from script.
 */
const NEVER_HOSTS = [
  'a', 'b', 'br', 'button', 'code', 'em', 'form', 'g', 'hr', 'i', 'iframe', 'img', 'input', 'label', 'li', 'link',
  'meta', 'ol', 'option', 'path', 'picture', 'script', 'select', 'small', 'source', 'strong', 'style', 'svg',
  'table', 'tbody', 'td', 'textarea', 'th', 'thead', 'tr', 'ul',
]
// The commonest elements that can never host one: one short :not() list, cheap to parse on every page, that keeps
// most of a page out of script's hands. (One :not() with a list is about twice as fast as a chain of :not()s.)
const MAYBE_HOSTS = `:not(${NEVER_HOSTS.join(',')})`

/** The document and every open shadow root below it (including shadow roots inside shadow roots). */
export function rootsOf(doc: Document): ParentNode[] {
  const roots: ParentNode[] = [doc]
  for (let i = 0; i < roots.length; i++) {
    // Touching an element from a content script costs a wrapper object: only elements that may host a shadow
    // root are handed to script.
    const all = roots[i]!.querySelectorAll(MAYBE_HOSTS)
    for (let j = 0; j < all.length; j++) {
      const shadow = all[j]!.shadowRoot
      if (shadow) roots.push(shadow)
    }
  }
  return roots
}

function formFact(form: HTMLFormElement, password: boolean): FormFact {
  const action = actionOf(form)
  return {
    action: action.slice(0, MAX_URL),
    method: methodOf(form, 'method'),
    explicit: form.hasAttribute('method') || form.hasAttribute('action'),
    password,
  }
}

const risky = (fact: FormFact): boolean => fact.action.startsWith('http:') || (fact.method === 'get' && fact.explicit)

const PASSWORD_FORM = `form:has(${PASSWORD})`
/** Up to this many password fields in a root, each is looked at; beyond, selectors count them. */
const FEW_FIELDS = 64

export function collectFrame(doc: Document, roots: ParentNode[] = rootsOf(doc)): FrameReport {
  const forms: FormFact[] = []
  const seen = new Set<string>()
  const add = (fact: FormFact): void => {
    const key = `${fact.action}|${fact.method}|${fact.explicit}|${fact.password}`
    if (forms.length < MAX_FORMS && !seen.has(key)) {
      seen.add(key)
      forms.push(fact)
    }
  }
  // Whether a form holds a password: inside it, or owned through form="" (rare, looked up once).
  const owned = new Set<HTMLFormElement>()
  let passwordFields = 0
  let formless = 0
  let example: HTMLFormElement | null = null
  for (const root of roots) {
    const inputs = root.querySelectorAll<HTMLInputElement>(PASSWORD)
    passwordFields += inputs.length
    if (inputs.length <= FEW_FIELDS) {
      // The usual case: a handful of fields, each asked for its form.
      for (let i = 0; i < inputs.length; i++) {
        const form = inputs[i]!.form
        if (form) owned.add(form)
        else formless++
      }
      continue
    }
    // Thousands of fields: let the selector engine count, and hand only the odd ones to script.
    const count = (selector: string) => root.querySelectorAll(selector).length
    formless += inputs.length - count(`form ${PASSWORD}`) - count(`${PASSWORD}[form]`) + count(`form ${PASSWORD}[form]`)
    for (const input of root.querySelectorAll<HTMLInputElement>(`${PASSWORD}[form]`)) if (input.form) owned.add(input.form)
    example ??= root.querySelector<HTMLFormElement>(PASSWORD_FORM)
  }
  const hasPassword = (form: HTMLFormElement): boolean => owned.has(form) || form.querySelector(PASSWORD) !== null
  // On an https page, a <base href="http://..."> sends every relative action to http: then every password form
  // must be looked at. (On an http page everything is http already: http-login-form says so.)
  const baseIsHttp = doc.baseURI.startsWith('http:') && !doc.URL.startsWith('http:')
  // One example of an ordinary password form, and every one when the base is http.
  example ??= owned.values().next().value ?? null
  if (example) add(formFact(example, true))
  if (baseIsHttp) {
    for (const form of owned) add(formFact(form, true))
    for (const root of roots) for (const form of root.querySelectorAll<HTMLFormElement>(PASSWORD_FORM)) add(formFact(form, true))
  }
  for (const root of roots) {
    for (const form of root.querySelectorAll<HTMLFormElement>(`${HTTP_ACTION},${GET_METHOD}`)) {
      const fact = formFact(form, hasPassword(form))
      // Forms without a password matter only when they send to http (form-action-http).
      if (risky(fact) && (fact.password || fact.action.startsWith('http:'))) add(fact)
    }
    // A submit button can send its form elsewhere, or with another method.
    for (const button of root.querySelectorAll<HTMLButtonElement | HTMLInputElement>(SUBMITTERS)) {
      const form = button.form
      if (!form) continue
      const own = formFact(form, hasPassword(form))
      const fact: FormFact = {
        action: button.hasAttribute('formaction') ? button.formAction.slice(0, MAX_URL) : own.action,
        method: button.hasAttribute('formmethod') ? methodOf(button, 'formmethod') : own.method,
        explicit: true,
        password: own.password,
      }
      if (risky(fact)) add(fact)
    }
  }
  if (formless > 0) {
    // Fields outside any form are submitted by script, to wherever the script wants: the page is all we know.
    add({ action: doc.URL.slice(0, MAX_URL), method: 'post', explicit: false, password: true })
  }
  return { url: doc.URL.slice(0, MAX_URL), passwordFields, forms }
}
