/**
 * Runs in every frame of every http(s) page, so it does as little as possible, and nothing while the page loads:
 * injected at document_start (see FIRST_SCAN_CAP_MS below for why not at document_idle), it only sets up listeners; its
 * first scan comes just after the load event, then at most one scan every THROTTLE_MS, in idle time, while the
 * page mutates, and a message only when the facts change.
 * It never reads what the user types.
 */
import { sendToBackground } from '../platform/send.ts'
import { collectFrame, masksText, rootsOf } from './collect.ts'

const THROTTLE_MS = 300
const isTop = window === window.top
let last = ''
let timer = 0
const observed = new WeakSet<Node>()

// Made at the first scan, not at injection: every DOM interface a content script touches for the first time costs
// it set-up, and at document_start that set-up comes before the page's own parsing.
let observer: MutationObserver | undefined
const watch = (node: Node, options: MutationObserverInit): void =>
  (observer ??= new MutationObserver(schedule)).observe(node, options)

function observe(root: Node): void {
  if (observed.has(root)) return
  observed.add(root)
  watch(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['type', 'action', 'method', 'formaction', 'formmethod', 'maxlength'],
  })
}

/** <base> elements, watched for a new href (which moves every relative action); a live list, usually empty. */
let bases: HTMLCollectionOf<HTMLBaseElement> | undefined
function observeBases(): void {
  bases ??= document.getElementsByTagName('base')
  for (let i = 0; i < bases.length; i++) {
    const base = bases[i]!
    if (observed.has(base)) continue
    observed.add(base)
    watch(base, { attributes: true, attributeFilter: ['href'] })
  }
}

/**
 * Shadow roots met through focus. Those on custom elements are found by every scan; one on a standard element (a
 * <div>, a <span>) could only be found by touching every element of every page, so it is found when a field in it
 * gets focus: before anything is typed there.
 */
const focusedRoots = new Set<ShadowRoot>()
/**
 * Text fields masked by CSS (`-webkit-text-security: disc`), met the same way: when one gets focus, before anything
 * is typed in it. Reading every field's style on every page would cost each page; one field's, on focus, does not.
 */
const masked = new Set<HTMLInputElement>()
// On the window, which every focusin reaches first (capture): the document is not touched before the first scan.
window.addEventListener(
  'focusin',
  (event) => {
    const path = event.composedPath() as Node[]
    let added = false
    const field = path[0] as Element
    if (field?.nodeType === Node.ELEMENT_NODE && !masked.has(field as HTMLInputElement) && masksText(field)) {
      masked.add(field as HTMLInputElement)
      for (const known of masked) if (!known.isConnected) masked.delete(known)
      added = true
    }
    for (const node of path) {
      if (
        node.nodeType === Node.DOCUMENT_FRAGMENT_NODE &&
        (node as ShadowRoot).host &&
        !focusedRoots.has(node as ShadowRoot)
      ) {
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
  // A page Chromium prerenders (speculation rules) is not shown yet: it speaks once it is (issue #21).
  if ((document as { prerendering?: boolean }).prerendering) {
    document.addEventListener('prerenderingchange', scan, { once: true })
    return
  }
  const roots = rootsOf(document, focusedRoots)
  roots.forEach(observe)
  observeBases()
  const frame = collectFrame(document, roots, masked)
  const key = JSON.stringify(frame)
  if (key === last) return
  // Frames other than the top only speak when they hold something.
  if (!isTop && last === '' && frame.passwordFields === 0 && frame.forms.length === 0) return
  last = key
  sendToBackground(
    restoring ? { type: 'content:frame-facts', frame, restored: true } : { type: 'content:frame-facts', frame },
  )
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

/**
 * The first scan. Measured in Chromium (`npm run bench:load`), a content script declared at document_idle or
 * document_end holds the page's load event back even when it is empty (1.2× on a sign-in page, 1.24× on a page of
 * 5,000 forms, where the renderer is no busier: it waits), and one declared at document_start does not. So Vigie is
 * injected at document_start, where there is nothing to read yet, and scans once the page has loaded: in a task of
 * its own after the load event's handlers. A page whose images or scripts keep its load event waiting is read
 * FIRST_SCAN_CAP_MS after Vigie was injected, or when its parsing ends if it is still parsing then (long before
 * anyone could type a password there).
 * Nothing of Vigie runs while the page parses, and its injection touches the window alone. Traced on a sign-in page
 * (`npm run bench:load`, Chromium), the content script's own time before the load event was 1.1–1.4 ms with a
 * DOMContentLoaded listener and the observer, the <base> list and document.readyState set up at injection, and
 * 0.8 ms without (an empty script: 0.2 ms); a listener's call costs a quarter of a millisecond, the document's
 * first touch a third.
 */
const FIRST_SCAN_CAP_MS = 1000
let firstScanDone = false
function firstScan(): void {
  if (firstScanDone) return
  firstScanDone = true
  window.clearTimeout(timer)
  scan()
}
function capped(): void {
  if (firstScanDone) return
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', firstScan, { once: true })
  else firstScan()
}
window.addEventListener('load', () => window.setTimeout(firstScan, 0), { once: true })
// Also the first scan of a document Vigie came into after its load event (a frame written by script, an extension
// installed under an open page): the document itself is not touched before, not even its readyState.
window.setTimeout(capped, FIRST_SCAN_CAP_MS)
