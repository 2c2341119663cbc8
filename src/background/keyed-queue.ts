/**
 * One queue per key (a tab, a host, a cache): tasks of one key run one after another, in the order they came, each
 * once the previous one has settled; tasks of different keys do not wait for each other. A task that fails fails
 * its own promise only: the next one runs as usual. Idle keys are forgotten, so the map holds only busy keys.
 */
export class KeyedQueue<K> {
  readonly #tails = new Map<K, Promise<unknown>>()

  /** Runs `task` after every task queued before it under `key`; settles as the task does. */
  run<T>(key: K, task: () => T | Promise<T>): Promise<T> {
    const next = (this.#tails.get(key) ?? Promise.resolve()).then(task, task)
    this.#tails.set(key, next)
    const forget = () => {
      if (this.#tails.get(key) === next) this.#tails.delete(key)
    }
    next.then(forget, forget)
    return next
  }

  /** Resolves once every task queued under `key` so far has settled. Never rejects. */
  async idle(key: K): Promise<void> {
    await this.#tails.get(key)?.then(
      () => undefined,
      () => undefined,
    )
  }

  /** Whether a task is queued or running under `key`. */
  busy(key: K): boolean {
    return this.#tails.has(key)
  }

  /** How many keys have a task queued or running (for tests and bounds). */
  get size(): number {
    return this.#tails.size
  }
}
