/**
 * One plain-http GET of "/" on the http port: a 3xx to an https URL is a redirect; a page (2xx) is served in clear;
 * a refused connection means there is no http site. Other answers are reported as unknown, with the status.
 */
import { httpGet } from '../connections.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import type { ScanFacts } from '../../core/types.ts'

export interface HttpRedirectResult extends ProbeResult {
  redirect: ScanFacts['httpRedirect']
}

export const httpRedirectProbe = defineProbe<HttpRedirectResult>({
  name: 'http-redirect',
  yields: ['httpRedirect'],
  phase: 1,
  async run(ctx) {
    const port = ctx.httpPort
    const outcome = await httpGet(ctx.scheduler, ctx.target, port)
    if (!outcome.ok) {
      if (outcome.failure.code === 'refused') return { redirect: 'no-http', unknown: [] }
      return { redirect: 'unknown', unknown: [{ check: 'http-redirect', reason: `http port ${port}: ${outcome.failure.reason}` }] }
    }
    const head = outcome.head
    if (!head) return { redirect: 'unknown', unknown: [{ check: 'http-redirect', reason: `http port ${port} gave no HTTP answer` }] }
    if (head.status >= 200 && head.status < 300) return { redirect: 'serves-pages', unknown: [] }
    if (head.status >= 300 && head.status < 400) {
      const location = head.headers.find(([name]) => name === 'location')?.[1] ?? ''
      let scheme = ''
      try {
        scheme = new URL(location, `http://${ctx.target.host}:${port}/`).protocol
      } catch {
        scheme = ''
      }
      if (scheme === 'https:') return { redirect: 'redirects-to-https', unknown: [] }
      return { redirect: 'unknown', unknown: [{ check: 'http-redirect', reason: `http redirects to another http address` }] }
    }
    return { redirect: 'unknown', unknown: [{ check: 'http-redirect', reason: `http answered with status ${head.status}` }] }
  },
  apply(result, facts) {
    facts.httpRedirect = result.redirect
  },
})
