/** KeyedQueue.busy: what the pipeline reads to tell a refresh that follows another from the first of a burst. */
import { describe, expect, it } from 'vitest'
import { KeyedQueue } from '../../../src/background/keyed-queue.ts'

describe('KeyedQueue.busy', () => {
  it('is true while a task of the key is queued or running, and false once they settled', async () => {
    const queue = new KeyedQueue<number>()
    expect(queue.busy(1)).toBe(false)
    const task = queue.run(1, () => new Promise((r) => setTimeout(r, 5)))
    expect(queue.busy(1)).toBe(true)
    expect(queue.busy(2)).toBe(false)
    await task
    await queue.idle(1)
    await Promise.resolve()
    expect(queue.busy(1)).toBe(false)
  })
})
