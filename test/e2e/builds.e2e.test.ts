/**
 * The built extension (npm run build, then npm run build:test): the store builds carry no test-only door, and the
 * test variant the browser tests load differs from them in that alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
  )
const scriptsMentioning = (dir: string, text: string) =>
  files(resolve(dir)).filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(text))

describe.each(['chrome', 'firefox'])('the %s builds', (target) => {
  it('keep the serviceUrls override (which accepts http addresses) out of the store build', () => {
    expect(scriptsMentioning(`dist/${target}`, 'serviceUrls')).toEqual([])
    expect(scriptsMentioning(`dist/test/${target}`, 'serviceUrls')).not.toEqual([])
  })
  it('declare the same manifest in the store build and the test variant', () => {
    const read = (dir: string) =>
      JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>
    const store = read(`dist/${target}`)
    const test = read(`dist/test/${target}`)
    expect(test.permissions).toEqual(store.permissions)
    expect(test.host_permissions).toEqual(store.host_permissions)
    expect(test.content_scripts).toEqual(store.content_scripts)
  })
})
