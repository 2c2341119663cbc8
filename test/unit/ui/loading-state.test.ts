import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'

// The popup and the options page have structure before any script runs (axe's page-has-heading-one holds even
// while the background or storage.managed is slow to answer): a level-one heading inside the app's root.
describe.each(['popup.html', 'options.html'])('%s before its script runs', (file) => {
  it('has a level-one heading in its root', () => {
    const window = new Window()
    window.document.write(readFileSync(resolve(import.meta.dirname, '../../../src', file), 'utf8'))
    const heading = window.document.querySelector('#app h1')
    expect(heading?.textContent?.trim()).toBe('Vigie')
    window.close()
  })
})
