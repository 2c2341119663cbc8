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
    attributeFilter: ['type', 'action', 'method', 'formaction', 'formmethod', 'maxlength'],
  })
}

/** <base> elements, watched for a new href (which moves every relative action); a live list, usually empty. */
const bases = document.getElementsByTagName('base')
function observeBases(): void {
  for (let i = 0; i < bases.length; i++) {
    const base = bases[i]!
    if (observed.has(base)) continue
    observed.add(base)
    observer.observe(base, { attributes: true, attributeFilter: ['href'] })
  }
}

/**
 * Shadow roots met through focus. Those on custom elements are found by every scan; one on a standard element (a
 * <div>, a <span>) could only be found by touching every element of every page, so it is found when a field in it
 * gets focus: before anything is typed there.
 */
const focusedRoots = new Set<ShadowRoot>()
document.addEventListener(
  'focusin',
  (event) => {
    let added = false
    for (const node of event.composedPath() as Node[]) {
      if (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE && (node as ShadowRoot).host && !focusedRoots.has(node as ShadowRoot)) {
        focusedRoots.add(node as ShadowRoot)
        added = true
      }
    }
    if (added) {
      // Forget the ones whose host left the page, so a page that keeps making them does not grow this set.
      for (const root of focusedRoots) if (!root.host.isConnected) focusedRoots.delete(root)
      window.clearTimeout(timer)
      timer = window.setTimeout(scan, 0)
    }
  },
  { capture: true, passive: true },
)

let restoring = false
function scan(): void {
  timer = 0
  const roots = rootsOf(document, focusedRoots)
  roots.forEach(observe)
  observeBases()
  const frame = collectFrame(document, roots)
  const key = JSON.stringify(frame)
  if (key === last) return
  // Frames other than the top only speak when they hold something.
  if (!isTop && last === '' && frame.passwordFields === 0 && frame.forms.length === 0) return
  last = key
  sendToBackground(restoring ? { type: 'content:frame-facts', frame, restored: true } : { type: 'content:frame-facts', frame })
  restoring = false
}

// Back and Forward restore a page from the back-forward cache without loading it: the background has moved on
// to another page meanwhile, so every frame speaks again (the top at once, other frames after it), and frames
// say when they leave (removed, navigated, or cached with their page) so that what they held stops counting.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return
  last = ''
  window.clearTimeout(timer)
  timer = 0
  if (isTop) {
    restoring = true
    scan()
  } else {
    schedule()
  }
})
if (!isTop) {
  window.addEventListener('pagehide', () => {
    if (last !== '') sendToBackground({ type: 'content:frame-gone' })
  })
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
