/** The report page: a function of ReportView and its actions. No browser API here. */
import { ServerRating } from '../popup/ServerRating.tsx'
import { useState } from 'preact/hooks'
import type { ReportView, SortKey } from './view-model.ts'

export interface ReportActions {
  sort(key: SortKey): void
  exportJson(): void
  exportMarkdown(): void
}

/** One marker style for every sortable column: two stacked triangles, the active direction in full colour. */
function SortMarker({ sort }: { sort: 'ascending' | 'descending' | 'none' }) {
  return (
    <span class={`sort-marker sort-${sort}`} aria-hidden="true">
      <span class="up">▲</span>
      <span class="down">▼</span>
    </span>
  )
}

/** A host name that may wrap only after a dot, never inside a label (a port stays with the last label). */
function HostName({ host }: { host: string }) {
  const parts = host.split(/(?<=\.)/)
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  )
}

export function Report({ view, actions }: { view: ReportView; actions: ReportActions }) {
  const [open, setOpen] = useState<Set<string>>(new Set())
  const toggle = (host: string) => {
    const next = new Set(open)
    if (next.has(host)) next.delete(host)
    else next.add(host)
    setOpen(next)
  }
  return (
    <div class="report">
      <h1>{view.title}</h1>
      <p class="intro">{view.intro}</p>
      <p class="intro rule" data-rule="true">
        {view.rule}
      </p>
      <div class="exports">
        <button
          type="button"
          onClick={actions.exportJson}
          data-export="json"
          disabled={!!view.exportDisabled}
          aria-describedby={view.exportDisabled ? 'export-why' : undefined}
        >
          {view.exportJson}
        </button>
        <button
          type="button"
          onClick={actions.exportMarkdown}
          data-export="markdown"
          disabled={!!view.exportDisabled}
          aria-describedby={view.exportDisabled ? 'export-why' : undefined}
        >
          {view.exportMarkdown}
        </button>
        {view.exportDisabled && (
          <span class="export-why" id="export-why">
            {view.exportDisabled}
          </span>
        )}
      </div>
      {view.empty ? (
        <p class="empty">{view.empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {view.columns.map((c) => (
                <th key={c.key} scope="col" aria-sort={c.sort}>
                  {c.sort ? (
                    <button
                      type="button"
                      class="sort"
                      aria-label={c.sortLabel}
                      onClick={() => actions.sort(c.key as SortKey)}
                      data-sort={c.key}
                    >
                      {c.label} <SortMarker sort={c.sort} />
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          {view.rows.map((row) => (
            <tbody key={row.host} data-host={row.host} data-grade={row.grade}>
              <tr>
                <th scope="row">
                  <button
                    type="button"
                    class="expand"
                    aria-expanded={open.has(row.host)}
                    aria-label={row.expandLabel}
                    onClick={() => toggle(row.host)}
                  >
                    <span class="chevron" aria-hidden="true" />
                    <span class="host">
                      <HostName host={row.host} />
                    </span>
                  </button>
                </th>
                <td>
                  <span class={`pill grade-${row.grade.replace('+', 'plus').replace('-', 'minus')}`}>{row.grade}</span>
                  {row.serverRating && (
                    <span class="server-rating-line" data-server-rating={row.serverRating.grade}>
                      {row.serverRating.line}
                    </span>
                  )}
                </td>
                <td>
                  {row.main.length === 0 ? (
                    view.noneLabel
                  ) : (
                    <ul class="main">
                      {row.main.map((title) => (
                        <li key={title}>{title}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td class="level">{row.level}</td>
                <td class="date">
                  <time dateTime={row.dateTime} title={row.dateFull}>
                    {row.date}
                  </time>
                </td>
              </tr>
              {open.has(row.host) && (
                <tr class="details">
                  <td colSpan={5}>
                    <p class="pages-note">{row.pagesNote}</p>
                    {row.groups.length === 0 ? (
                      <p>{view.noneLabel}</p>
                    ) : (
                      row.groups.map((g) => (
                        <div class={`detail-group group-${g.group}`} key={g.group}>
                          <h2 class="detail-group-title">{g.label}</h2>
                          <ul class="detail-list">
                            {g.findings.map((f) => (
                              <li key={f.id} data-finding={f.id} data-severity={f.severity}>
                                <strong class="detail-title">{f.title}</strong>
                                <p class="detail-user">{f.user}</p>
                                <p class="detail-fix">
                                  <span class="detail-label">{view.fixLabel}</span> {f.fix}
                                </p>
                                <p class="detail-meta">
                                  <span class="detail-source">{f.source}</span>
                                  {' · '}
                                  <a href={f.link.href} target="_blank" rel="noopener noreferrer">
                                    {f.link.label}
                                  </a>
                                </p>
                              </li>
                            ))}
                          </ul>
                        </div>
                      ))
                    )}
                    {row.serverRating && <ServerRating view={row.serverRating} />}
                  </td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      )}
    </div>
  )
}
