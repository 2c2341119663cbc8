/**
 * Runs in every frame of every http(s) page, so it does as little as possible: one scan when it is injected (at
 * document_idle, the browser's own quiet moment after the page loaded), then at most one scan every THROTTLE_MS,
 * in idle time, while the page mutates, and a message only when the facts change.
 * It never reads what the user types.
 */
import { sendToBackground } from '../platform/send.ts'
import { collectFrame, rootsOf } from './collect.ts'

const THROTTLE_MS = 300
const isTop = window === window.top
let last = ''
let timer = 0
const observed = new WeakSet<Node>()

const observer = new MutationObserver(schedule)

function observe(root: Node): void {
  if (observed.has(root)) return
  observed.add(root)
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['type', 'action', 'method', 'formaction', 'formmethod'],
  })
}

function scan(): void {
  timer = 0
  const roots = rootsOf(document)
  roots.forEach(observe)
  const frame = collectFrame(document, roots)
  const key = JSON.stringify(frame)
  if (key === last) return
  // Frames other than the top only speak when they hold something.
  if (!isTop && last === '' && frame.passwordFields === 0 && frame.forms.length === 0) return
  last = key
  sendToBackground({ type: 'content:frame-facts', frame })
}

/** Later scans wait for the page to be idle (at most IDLE_TIMEOUT_MS), so Vigie never competes with the page. */
const IDLE_TIMEOUT_MS = 500
const whenIdle = (fn: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS })
  else fn()
}

function schedule(): void {
  if (timer === 0) timer = window.setTimeout(() => whenIdle(scan), THROTTLE_MS)
}

// document_idle is already an idle moment: scanning now saves a task and the set-up of requestIdleCallback.
scan()
