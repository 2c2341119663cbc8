// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://shop.example.com/account/login"}
/** A submit button's formaction, in happy-dom (jsdom has no formAction); the document is the only root here. */
import { expect, it } from 'vitest'
import { collectFrame } from '../../../src/content/collect.ts'

it("adds a submit button's formaction and formmethod", () => {
  document.body.innerHTML =
    '<form method="post" action="/a"><input type="password"><button formaction="http://other.example/b" formmethod="get">Go</button></form>'
  expect(collectFrame(document, [document]).forms).toEqual([
    { action: 'http://other.example/b', method: 'get', explicit: true, password: true },
  ])
})
