// @vitest-environment jsdom
// (jsdom rather than happy-dom: it has XPath, resolves form.action against <base> and follows form="" as browsers
// do. It has no button.formAction: that case is in collect-formaction.test.ts.)
// @vitest-environment-options {"url": "https://shop.example.com/account/login"}
/** The content script's reading of a document, on DOMs built the way real pages build them. */
import { beforeEach, describe, expect, it } from 'vitest'
import { collectFrame, rootsOf, urlOf } from '../../../src/content/collect.ts'
import { page } from '../../support/jsdom-page.ts'

describe('collectFrame', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('counts a password field in an ordinary form without describing the form', () => {
    const frame = collectFrame(page('<form method="POST" action="/session"><input type="password"></form>'))
    expect(frame).toEqual({ url: 'https://shop.example.com/account/login', passwordFields: 1, forms: [] })
  })
  it('describes a risky form with its resolved action and method', () => {
    const frame = collectFrame(
      page('<form method="POST" action="HTTP://shop.example.com/session"><input type="password"></form>'),
    )
    expect(frame.forms).toEqual([
      { action: 'http://shop.example.com/session', method: 'post', explicit: true, password: true },
    ])
  })
  it('looks at every password form when <base href> points to http', () => {
    const doc = page('<form method="post" action="/session"><input type="password"></form>')
    const base = doc.createElement('base')
    base.href = 'http://shop.example.com/'
    doc.head.append(base)
    try {
      expect(collectFrame(doc).forms).toEqual([
        { action: 'http://shop.example.com/session', method: 'post', explicit: true, password: true },
      ])
    } finally {
      base.remove()
    }
  })
  it('reports a field outside any form as submitted by script to the page itself', () => {
    expect(collectFrame(page('<div><input type="password"></div>')).forms).toEqual([
      { action: 'https://shop.example.com/account/login', method: 'post', explicit: false, password: true },
    ])
  })
  it('leaves out a form with neither method nor action: script submits it', () => {
    expect(collectFrame(page('<form><input type="password"></form>')).forms).toEqual([])
  })
  it('reads a form with an action and no method as GET', () => {
    expect(collectFrame(page('<form action="/s"><input type="password"></form>')).forms).toEqual([
      { action: 'https://shop.example.com/s', method: 'get', explicit: true, password: true },
    ])
  })
  it('reads an invalid method as GET', () => {
    expect(collectFrame(page('<form method="put"><input type="password"></form>')).forms[0]).toMatchObject({
      method: 'get',
      explicit: true,
    })
  })
  it('reads an explicit GET', () => {
    expect(collectFrame(page('<form method="get" action="/s"><input type="password"></form>')).forms[0]).toMatchObject({
      method: 'get',
      explicit: true,
    })
  })
  it('is not fooled by an input named "action"', () => {
    const frame = collectFrame(
      page(
        '<form action="http://evil.example/steal" method="post"><input name="action"><input type="password"></form>',
      ),
    )
    expect(frame.forms[0]!.action).toBe('http://evil.example/steal')
  })
  it('keeps forms without a password only when they submit to http', () => {
    const frame = collectFrame(
      page(
        '<form action="http://news.example/subscribe"><input name="email"></form><form action="/search"><input name="q"></form>',
      ),
    )
    expect(frame.forms).toEqual([
      { action: 'http://news.example/subscribe', method: 'get', explicit: true, password: false },
    ])
  })
  it('finds fields inside open shadow roots', () => {
    const doc = page('<login-box></login-box>')
    const shadow = doc.querySelector('login-box')!.attachShadow({ mode: 'open' })
    shadow.innerHTML = '<form method="post" action="http://shop.example.com/s"><input type="password"></form>'
    const frame = collectFrame(doc)
    expect(frame.passwordFields).toBe(1)
    expect(frame.forms[0]).toMatchObject({ action: 'http://shop.example.com/s', password: true })
  })
  it('finds shadow roots nested in shadow roots', () => {
    const doc = page('<outer-box></outer-box>')
    const outer = doc.querySelector('outer-box')!.attachShadow({ mode: 'open' })
    outer.innerHTML = '<inner-box></inner-box>'
    outer.querySelector('inner-box')!.attachShadow({ mode: 'open' }).innerHTML = '<input type="password">'
    expect(rootsOf(doc)).toHaveLength(3)
    expect(collectFrame(doc).passwordFields).toBe(1)
  })
  it('finds shadow roots on standard elements only when told of them, and walks every host inside them', () => {
    const doc = page('<div id="host"></div>')
    const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' })
    shadow.innerHTML = '<section></section><input type="password">'
    const inner = shadow.querySelector('section')!.attachShadow({ mode: 'open' })
    inner.innerHTML = '<input type="password">'
    expect(rootsOf(doc)).toEqual([doc])
    expect(rootsOf(doc, [shadow])).toEqual([doc, shadow, inner])
    expect(collectFrame(doc, rootsOf(doc, [shadow])).passwordFields).toBe(2)
  })
  it('forgets a shadow root it was told of once its host left the document', () => {
    const doc = page('<div id="host"></div>')
    const host = doc.getElementById('host')!
    const shadow = host.attachShadow({ mode: 'open' })
    host.remove()
    expect(rootsOf(doc, [shadow])).toEqual([doc])
  })
  it('caps the number of forms it reports', () => {
    const frame = collectFrame(
      page(
        Array.from(
          { length: 200 },
          (_, i) => `<form action="http://x.example/${i}"><input type="password"></form>`,
        ).join(''),
      ),
    )
    expect(frame.passwordFields).toBe(200)
    expect(frame.forms.length).toBe(50)
  })
  it('describes identical forms once', () => {
    const frame = collectFrame(page('<form method="get" action="/s"><input type="password"></form>'.repeat(30)))
    expect(frame.passwordFields).toBe(30)
    expect(frame.forms).toHaveLength(1)
  })
  it('counts hundreds of fields, formless ones included, and describes only the risky forms', () => {
    const many = '<form method="post" action="/a"><input type="password"></form>'.repeat(100)
    const frame = collectFrame(
      page(
        `${many}<div><input type="password"><input type="password"></div><form action="http://x.example/"><input type="password"></form>`,
      ),
    )
    expect(frame.passwordFields).toBe(103)
    expect(frame.forms).toEqual([
      { action: 'http://x.example/', method: 'get', explicit: true, password: true },
      { action: 'https://shop.example.com/account/login', method: 'post', explicit: false, password: true },
    ])
  })
  it('follows form="": to the form it names, or to no form at all', () => {
    const frame = collectFrame(
      page(
        '<form id="f" method="post" action="http://x.example/"></form><div><input type="password" form="f"><input type="password" form="nowhere"></div>',
      ),
    )
    expect(frame.passwordFields).toBe(2)
    expect(frame.forms).toEqual([
      { action: 'http://x.example/', method: 'post', explicit: true, password: true },
      { action: 'https://shop.example.com/account/login', method: 'post', explicit: false, password: true },
    ])
  })
  it('never reads field values', () => {
    const doc = page('<form method="post"><input type="password" value="hunter2"></form>')
    expect(JSON.stringify(collectFrame(doc))).not.toContain('hunter2')
  })
  it('reads an action with a tab or a line break inside "http" as http, as URL parsing does', () => {
    for (const action of ['ht&#9;tp://x.example/s', 'h&#10;ttp://x.example/s', 'http&#13;://x.example/s']) {
      const frame = collectFrame(page(`<form method="post" action="${action}"><input type="password"></form>`))
      expect(frame.forms, action).toEqual([
        { action: 'http://x.example/s', method: 'post', explicit: true, password: true },
      ])
    }
  })
  it('takes an invalid method ("post " with a space) for GET, as browsers submit it', () => {
    const frame = collectFrame(page('<form method="post " action="/s"><input type="password"></form>'))
    expect(frame.forms).toEqual([
      { action: 'https://shop.example.com/s', method: 'get', explicit: true, password: true },
    ])
    const button = collectFrame(
      page('<form method="post" action="/s"><input type="password"><button formmethod=" POST">Go</button></form>'),
    )
    expect(button.forms).toEqual([
      { action: 'https://shop.example.com/s', method: 'get', explicit: true, password: true },
    ])
  })
})

describe('urlOf: about:blank and about:srcdoc frames', () => {
  // Browsers give such a frame its creator's origin (jsdom does not: plain objects stand in for the documents).
  const doc = (URL: string, origin: string) => ({ URL, location: { origin } }) as unknown as Document
  it('reports the origin the frame runs with, not about:srcdoc', () => {
    expect(urlOf(doc('about:srcdoc', 'http://shop.example.com'))).toBe('http://shop.example.com/')
    expect(urlOf(doc('about:blank', 'https://shop.example.com'))).toBe('https://shop.example.com/')
  })
  it("keeps about: for a sandboxed frame (opaque origin), and any other document's own URL", () => {
    expect(urlOf(doc('about:srcdoc', 'null'))).toBe('about:srcdoc')
    expect(urlOf(doc('https://a.example/x', 'https://a.example'))).toBe('https://a.example/x')
  })
})
