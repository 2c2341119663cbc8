/**
 * Reads one document's password fields and the forms around them, wherever pages put them: in the document, in
 * open shadow roots, in forms or not. Never reads a field's value. Pure apart from reading the DOM it is given.
 *
 * Cost matters (this runs on every page, in a fresh isolated world where every DOM interface touched for the first
 * time costs set-up): the browser's selector and XPath engines do the work and count. On an ordinary login page no
 * element is handed to script at all; only forms that are risky (they send to http, or send a password with GET) and
 * their submit buttons are described, so a page with thousands of forms costs a few selector queries.
 */
import type { FormFact, PasswordLimit } from '../core/types.ts'
import { MAX_FORMS, MAX_LIMITS, MAX_URL } from '../limits.ts'
import type { FrameReport } from '../messages.ts'

const PASSWORD = 'input[type="password" i]'
/**
 * Forms that may be risky: an absolute http action somewhere in the attribute (checked after), an action holding a
 * tab or a line break (URL parsing drops them: "ht&#9;tp://" is http), or a method that is
 * neither POST nor dialog (GET, written or by default, or an invalid one) written with a method or an action; and
 * submit buttons that override either. (One :is() over forms is three times faster than a list of four selectors on
 * a page of thousands of forms.)
 */
const RISKY =
  'form:is([action*="http:" i],[action*="\\9"],[action*="\\a"],[action*="\\d"],:not([method="post" i],[method="dialog" i]):is([method],[action])),[formaction],[formmethod]'

/**
 * The form's resolved action, immune to an <input name="action"> shadowing the property. Looked up on first use:
 * touching an interface costs a content script its first-time set-up, and most pages need none of this.
 */
let actionGetter: (() => string) | undefined
const actionOf = (form: HTMLFormElement): string => {
  actionGetter ??= Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, 'action')?.get as () => string
  return actionGetter?.call(form) ?? ''
}
/**
 * The method the browser submits with: "post" or "dialog" exactly (ASCII case-insensitive, never trimmed); any other
 * value, "post " included, is invalid, and an invalid method is GET (HTML, the form's method attribute).
 */
const methodOf = (el: Element, attr: string): FormFact['method'] => {
  const m = el.getAttribute(attr)?.toLowerCase()
  return m === 'post' || m === 'dialog' ? m : 'get'
}

/**
 * Inside a shadow tree, the elements that never host a shadow root: standard HTML and SVG elements outside the
 * list that may (DOM Standard, attachShadow: article, aside, blockquote, body, div, footer, h1-h6, header, main,
 * nav, p, section, span) and outside custom elements. Shadow trees are small; the selector engine skips these.
 */
const NEVER_HOSTS = [
  'a',
  'b',
  'br',
  'button',
  'code',
  'em',
  'form',
  'g',
  'hr',
  'i',
  'iframe',
  'img',
  'input',
  'label',
  'li',
  'link',
  'ol',
  'option',
  'path',
  'picture',
  'script',
  'select',
  'small',
  'slot',
  'source',
  'strong',
  'style',
  'svg',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'th',
  'thead',
  'tr',
  'ul',
]
const MAYBE_HOSTS = `:not(${NEVER_HOSTS.join(',')})`
/**
 * In the document, the custom elements: names with a hyphen, where web components put their shadow roots. XPath
 * can test a name's spelling, so the rest of the page is never handed to script (in a content script the first
 * element touched costs more than the whole search). local-name() without an argument: three times faster in
 * Chromium than local-name(.). ORDERED_NODE_SNAPSHOT_TYPE.
 */
const CUSTOM_ELEMENTS = "//*[contains(local-name(),'-')]"
const SNAPSHOT = 7

/**
 * The document and every open shadow root below it (shadow roots inside shadow roots too): those on custom
 * elements, and `known` ones found another way (a shadow root on a <div> is met when one of its fields gets focus).
 */
export function rootsOf(doc: Document, known: Iterable<ShadowRoot> = []): ParentNode[] {
  const found = new Set<ParentNode>([doc])
  const host = (el: Element | null): void => {
    const shadow = el?.shadowRoot
    if (shadow) found.add(shadow)
  }
  const custom = doc.evaluate(CUSTOM_ELEMENTS, doc, null, SNAPSHOT, null)
  for (let i = 0; i < custom.snapshotLength; i++) host(custom.snapshotItem(i) as Element)
  for (const shadow of known) if (shadow.host.isConnected && shadow.host.ownerDocument === doc) found.add(shadow)
  // A Set iterates over what is added while it iterates: shadow roots inside shadow roots are walked in turn.
  for (const root of found) {
    if (root === doc) continue
    const all = root.querySelectorAll(MAYBE_HOSTS)
    for (let i = 0; i < all.length; i++) host(all[i]!)
  }
  return [...found]
}

/**
 * The document's URL, or for about:blank and about:srcdoc documents (which run with the origin of the page that made
 * them) that origin: what their password fields are exposed to.
 */
export function urlOf(doc: Document): string {
  if (!doc.URL.startsWith('about:')) return doc.URL
  const origin = doc.location?.origin ?? 'null'
  return origin === 'null' ? doc.URL : `${origin}/`
}

const risky = (fact: FormFact): boolean => fact.action.startsWith('http:') || (fact.method === 'get' && fact.explicit)

/**
 * Whether a text field shows dots for what is typed (`-webkit-text-security`, CSS in Chromium and Firefox): a page
 * that masks a plain field that way takes a password in it, as in a password field.
 */
export const masksText = (field: Element): boolean =>
  field.localName === 'input' &&
  (field as HTMLInputElement).type !== 'password' &&
  /^(disc|circle|square)$/.test(getComputedStyle(field).getPropertyValue('-webkit-text-security').trim())

/**
 * `masked`: text fields met (on focus, see index.ts) masked by CSS; those still masked and in this document count as
 * password fields.
 */
export function collectFrame(
  doc: Document,
  roots: ParentNode[] = rootsOf(doc),
  masked: Iterable<HTMLInputElement> = [],
): FrameReport {
  const forms: FormFact[] = []
  const seen = new Set<string>()
  const add = (fact: FormFact): void => {
    const key = `${fact.action}|${fact.method}|${fact.explicit}|${fact.password}`
    if (forms.length < MAX_FORMS && !seen.has(key)) {
      seen.add(key)
      forms.push(fact)
    }
  }
  const formFact = (form: HTMLFormElement): FormFact => ({
    action: actionOf(form).slice(0, MAX_URL),
    method: methodOf(form, 'method'),
    explicit: form.hasAttribute('method') || form.hasAttribute('action'),
    password: owned.has(form) || form.querySelector(PASSWORD) !== null,
  })
  // Forms that hold a password through form="" rather than by containing it (rare: looked at one by one).
  const owned = new Set<HTMLFormElement>()
  let passwordFields = 0
  let formless = 0
  // Password fields that cap their length (password-short-max-length): each distinct cap once. Rare, so cheap.
  const limits: PasswordLimit[] = []
  // One pass of the selector engine per root lists what script must look at: risky forms, submit buttons that
  // override their form, and fields tied to a form by form="". Two more count the other fields.
  const listed: Element[][] = []
  const tied = (el: Element): el is HTMLInputElement =>
    el.localName === 'input' && el.hasAttribute('form') && (el as HTMLInputElement).type === 'password'
  for (const root of roots) {
    const count = (selector: string) => root.querySelectorAll(selector).length
    const loose = count(`${PASSWORD}:not([form])`)
    passwordFields += loose
    // Fields neither inside a form nor tied to one by form="".
    if (loose > 0) formless += loose - count(`form ${PASSWORD}:not([form])`)
    for (const field of root.querySelectorAll<HTMLInputElement>(`${PASSWORD}[maxlength]`)) {
      const limit = {
        maxLength: field.maxLength,
        newPassword: /(^|\s)new-password(\s|$)/i.test(field.getAttribute('autocomplete') ?? ''),
      }
      if (
        limit.maxLength >= 0 &&
        limits.length < MAX_LIMITS &&
        !limits.some((l) => l.maxLength === limit.maxLength && l.newPassword === limit.newPassword)
      )
        limits.push(limit)
    }
    const elements = [...root.querySelectorAll(`${RISKY},${PASSWORD}[form]`)]
    listed.push(elements)
    for (const el of elements) {
      if (!tied(el)) continue
      passwordFields++
      // form="" wins over the enclosing form; one naming no form leaves the field without any.
      if (el.form) owned.add(el.form)
      else formless++
    }
  }
  for (const field of masked) {
    if (!field.isConnected || field.ownerDocument !== doc || !masksText(field)) continue
    passwordFields++
    if (field.form) owned.add(field.form)
    else formless++
  }
  // On an https page, a <base href="http://..."> sends every relative action to http: then every password form
  // must be looked at. (On an http page everything is http already: http-login-form says so.)
  if (passwordFields > 0 && doc.baseURI.startsWith('http:') && !doc.URL.startsWith('http:')) {
    for (const form of owned) add(formFact(form))
    for (const root of roots)
      for (const form of root.querySelectorAll<HTMLFormElement>(`form:has(${PASSWORD})`)) add(formFact(form))
  }
  for (const el of listed.flat()) {
    if (tied(el)) continue
    if (el.localName === 'form') {
      const fact = formFact(el as HTMLFormElement)
      // Forms without a password matter only when they send to http (form-action-http).
      if (risky(fact) && (fact.password || fact.action.startsWith('http:'))) add(fact)
      continue
    }
    // A submit button can send its form elsewhere, or with another method.
    const button = el as HTMLButtonElement | HTMLInputElement
    const form = button.form
    if (!form) continue
    const own = formFact(form)
    const fact: FormFact = {
      action: button.hasAttribute('formaction') ? button.formAction.slice(0, MAX_URL) : own.action,
      method: button.hasAttribute('formmethod') ? methodOf(button, 'formmethod') : own.method,
      explicit: true,
      password: own.password,
    }
    if (risky(fact)) add(fact)
  }
  if (formless > 0) {
    // Fields outside any form are submitted by script, to wherever the script wants: the page is all we know.
    add({ action: urlOf(doc).slice(0, MAX_URL), method: 'post', explicit: false, password: true })
  }
  return {
    url: urlOf(doc).slice(0, MAX_URL),
    passwordFields,
    forms,
    ...(limits.length > 0 ? { passwordLimits: limits } : {}),
  }
}
