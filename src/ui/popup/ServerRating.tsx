/** The server's rating by the SSL Labs rules (issue #20), folded under the scanner's part: the letter, then why. */
import type { ServerRatingView } from './server-rating-view.ts'

export function ServerRating({ view }: { view: ServerRatingView }) {
  return (
    <details class="server-rating" data-server-rating={view.grade}>
      <summary>
        <span class="group-title">{view.title}</span> <strong class="server-rating-line">{view.line}</strong>
      </summary>
      {view.ifTrusted && <p class="server-rating-note">{view.ifTrusted}</p>}
      {view.none && <p class="server-rating-note">{view.none}</p>}
      {view.caps.length > 0 && (
        <ul class="server-rating-caps">
          {view.caps.map((c, i) => (
            <li key={i} data-cap={c.grade}>
              <strong>{c.grade}</strong> {c.reason}
            </li>
          ))}
        </ul>
      )}
      {view.notTested && <p class="server-rating-note">{view.notTested}</p>}
      <p class="server-rating-note">{view.footnote}</p>
    </details>
  )
}
