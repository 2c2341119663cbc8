/**
 * Reads one document's password fields and the forms around them, wherever pages put them: in the document, in
 * open shadow roots, in forms or not. Never reads a field's value. Pure apart from reading the DOM it is given.
 */
import type { FormFact } from '../core/types.ts'
import { MAX_FORMS, MAX_URL } from '../limits.ts'
import type { FrameReport } from '../messages.ts'

const PASSWORD = 'input[type="password" i]'

/** The form's resolved action, immune to an <input name="action"> shadowing the property. */
const actionOf = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, 'action')?.get
const methodOf = (el: Element, attr: string): FormFact['method'] => {
  const m = el.getAttribute(attr)?.trim().toLowerCase()
  return m === 'post' || m === 'dialog' ? m : 'get'
}

/** The document and every open shadow root below it, found with one walk when the page has any custom element. */
export function rootsOf(doc: Document): ParentNode[] {
  const roots: ParentNode[] = [doc]
  for (let i = 0; i < roots.length; i++) {
    const walker = doc.createTreeWalker(roots[i] as Node, 1 /* NodeFilter.SHOW_ELEMENT */)
    for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
      if (el.shadowRoot) roots.push(el.shadowRoot)
    }
  }
  return roots
}

function formFact(form: HTMLFormElement, password: boolean): FormFact {
  const action = (actionOf?.call(form) as string | undefined) ?? ''
  return {
    action: action.slice(0, MAX_URL),
    method: methodOf(form, 'method'),
    explicit: form.hasAttribute('method') || form.hasAttribute('action'),
    password,
  }
}

/** True when the roots hold anything worth a report (cheap test for frames that are not the top). */
export function collectFrame(doc: Document, roots: ParentNode[] = rootsOf(doc)): FrameReport {
  const forms: FormFact[] = []
  const withPassword = new Set<HTMLFormElement>()
  let passwordFields = 0
  let formless = 0
  for (const root of roots) {
    for (const input of root.querySelectorAll<HTMLInputElement>(PASSWORD)) {
      passwordFields++
      if (input.form) withPassword.add(input.form)
      else formless++
    }
  }
  const add = (fact: FormFact): void => {
    if (forms.length < MAX_FORMS) forms.push(fact)
  }
  for (const form of withPassword) {
    add(formFact(form, true))
    // A submit button can send the same form elsewhere, or with another method.
    for (const button of form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('[formaction],[formmethod]')) {
      if (button.form !== form) continue
      add({
        action: (button.hasAttribute('formaction') ? button.formAction : formFact(form, true).action).slice(0, MAX_URL),
        method: button.hasAttribute('formmethod') ? methodOf(button, 'formmethod') : methodOf(form, 'method'),
        explicit: true,
        password: true,
      })
    }
  }
  // Forms without a password only matter when they send to plain http (form-action-http).
  for (const root of roots) {
    for (const form of root.querySelectorAll<HTMLFormElement>('form')) {
      if (withPassword.has(form)) continue
      const fact = formFact(form, false)
      if (fact.action.startsWith('http:')) add(fact)
    }
  }
  if (formless > 0) {
    // Fields outside any form are submitted by script, to wherever the script wants: the page is all we know.
    add({ action: doc.URL.slice(0, MAX_URL), method: 'post', explicit: false, password: true })
  }
  return { url: doc.URL.slice(0, MAX_URL), passwordFields, forms }
}
