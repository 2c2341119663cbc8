/**
 * The plain-http address, followed as a browser would (issue #21): a GET of "/" on the http port, then each
 * redirect, at most MAX_HOPS of them. A redirect to https ends it well; a page (2xx) served on the way means the
 * login can be reached in clear; a refused connection means there is no http site. The chain is followed only while
 * it stays on plain http at the scanned host's name (any port), always at the scanned address: Vigie never connects
 * to another host by itself. A redirect to http on another host, a loop or a longer chain stays unknown, with why.
 */
import { httpGet } from '../connections.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import type { ScanFacts } from '../../core/types.ts'

/** Browsers follow 20; a login page is rarely more than a couple of redirects from "/". */
const MAX_HOPS = 5

export interface HttpRedirectResult extends ProbeResult {
  redirect: ScanFacts['httpRedirect']
}

export const httpRedirectProbe = defineProbe<HttpRedirectResult>({
  name: 'http-redirect',
  yields: ['httpRedirect'],
  phase: 1,
  async run(ctx) {
    const host = ctx.target.host.includes(':') ? `[${ctx.target.host}]` : ctx.target.host
    let url = new URL(`http://${host}:${ctx.httpPort}/`)
    const seen = new Set<string>()
    const unknown = (reason: string): HttpRedirectResult => ({
      redirect: 'unknown',
      unknown: [{ check: 'http-redirect', reason }],
    })
    for (let hop = 0; hop <= MAX_HOPS; hop++) {
      seen.add(url.href)
      const port = Number(url.port || 80)
      const outcome = await httpGet(ctx.scheduler, ctx.target, port, `${url.pathname}${url.search}`)
      if (!outcome.ok) {
        if (outcome.failure.code === 'refused' && hop === 0) return { redirect: 'no-http', unknown: [] }
        return unknown(`http port ${port}: ${outcome.failure.reason}`)
      }
      const head = outcome.head
      if (!head) return unknown(`http port ${port} gave no HTTP answer`)
      if (head.status >= 200 && head.status < 300) return { redirect: 'serves-pages', unknown: [] }
      if (head.status < 300 || head.status >= 400) return unknown(`http answered with status ${head.status}`)
      const location = head.headers.find(([name]) => name === 'location')?.[1] ?? ''
      let next: URL
      try {
        next = new URL(location.slice(0, 2048), url)
      } catch {
        return unknown('http redirects to an address that is not a URL')
      }
      if (next.protocol === 'https:') return { redirect: 'redirects-to-https', unknown: [] }
      if (next.protocol !== 'http:') return unknown(`http redirects to a ${next.protocol.slice(0, 20)} address`)
      if (next.hostname.toLowerCase() !== url.hostname.toLowerCase())
        return unknown('http redirects to http on another host, which Vigie does not visit')
      if (seen.has(next.href)) return unknown('http redirects in a loop')
      url = next
    }
    return unknown(`http redirects more than ${MAX_HOPS} times`)
  },
  apply(result, facts) {
    facts.httpRedirect = result.redirect
  },
})
