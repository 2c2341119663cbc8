// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://shop.example.com/account/login"}
/** The content script's reading of a document, on DOMs built the way real pages build them. */
import { beforeEach, describe, expect, it } from 'vitest'
import { collectFrame, rootsOf } from '../../src/content/collect.ts'

function page(html: string): Document {
  document.body.innerHTML = html
  return document
}

describe('collectFrame', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('finds a password field in a form, with its resolved action and method', () => {
    const frame = collectFrame(page('<form method="POST" action="/session"><input type="password"></form>'))
    expect(frame.passwordFields).toBe(1)
    expect(frame.forms).toEqual([{ action: 'https://shop.example.com/session', method: 'post', explicit: true, password: true }])
  })
  it('reports a field outside any form as submitted by script to the page itself', () => {
    expect(collectFrame(page('<div><input type="password"></div>')).forms).toEqual([
      { action: 'https://shop.example.com/account/login', method: 'post', explicit: false, password: true },
    ])
  })
  it('defaults to GET but says the method was not written', () => {
    expect(collectFrame(page('<form><input type="password"></form>')).forms[0]).toMatchObject({ method: 'get', explicit: false })
  })
  it('reads an explicit GET', () => {
    expect(collectFrame(page('<form method="get" action="/s"><input type="password"></form>')).forms[0]).toMatchObject({ method: 'get', explicit: true })
  })
  it('is not fooled by an input named "action"', () => {
    const frame = collectFrame(page('<form action="http://evil.example/steal" method="post"><input name="action"><input type="password"></form>'))
    expect(frame.forms[0]!.action).toBe('http://evil.example/steal')
  })
  it("adds a submit button's formaction and formmethod", () => {
    const frame = collectFrame(page('<form method="post" action="/a"><input type="password"><button formaction="http://other.example/b" formmethod="get">Go</button></form>'))
    expect(frame.forms).toContainEqual({ action: 'http://other.example/b', method: 'get', explicit: true, password: true })
  })
  it('keeps forms without a password only when they submit to http', () => {
    const frame = collectFrame(page('<form action="http://news.example/subscribe"><input name="email"></form><form action="/search"><input name="q"></form>'))
    expect(frame.forms).toEqual([{ action: 'http://news.example/subscribe', method: 'get', explicit: true, password: false }])
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
  it('caps the number of forms it reports', () => {
    const frame = collectFrame(page(Array.from({ length: 200 }, (_, i) => `<form action="http://x.example/${i}"><input type="password"></form>`).join('')))
    expect(frame.passwordFields).toBe(200)
    expect(frame.forms.length).toBe(50)
  })
  it('describes identical forms once', () => {
    const frame = collectFrame(page('<form method="get" action="/s"><input type="password"></form>'.repeat(30)))
    expect(frame.passwordFields).toBe(30)
    expect(frame.forms).toHaveLength(1)
  })
  it('reports an ordinary password form once, as an example', () => {
    const frame = collectFrame(page('<form method="post" action="/a"><input type="password"></form><form method="post" action="/b"><input type="password"></form>'))
    expect(frame.forms).toEqual([{ action: 'https://shop.example.com/a', method: 'post', explicit: true, password: true }])
  })
  it('counts with selectors when a page has hundreds of fields, formless ones included', () => {
    const many = '<form method="post" action="/a"><input type="password"></form>'.repeat(100)
    const frame = collectFrame(page(`${many}<div><input type="password"><input type="password"></div>`))
    expect(frame.passwordFields).toBe(102)
    expect(frame.forms).toContainEqual({ action: 'https://shop.example.com/account/login', method: 'post', explicit: false, password: true })
    expect(frame.forms).toContainEqual({ action: 'https://shop.example.com/a', method: 'post', explicit: true, password: true })
  })
  it('never reads field values', () => {
    const doc = page('<form method="post"><input type="password" value="hunter2"></form>')
    expect(JSON.stringify(collectFrame(doc))).not.toContain('hunter2')
  })
})
