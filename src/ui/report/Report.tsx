/** The report page: a function of ReportView and its actions. No browser API here. */
import { useState } from 'preact/hooks'
import type { ReportView, SortKey } from './view-model.ts'

export interface ReportActions {
  sort(key: SortKey): void
  exportJson(): void
  exportMarkdown(): void
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
      <div class="exports">
        <button type="button" onClick={actions.exportJson} data-export="json">
          {view.exportJson}
        </button>
        <button type="button" onClick={actions.exportMarkdown} data-export="markdown">
          {view.exportMarkdown}
        </button>
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
                    <button type="button" class="sort" aria-label={c.sortLabel} onClick={() => actions.sort(c.key as SortKey)} data-sort={c.key}>
                      {c.label} <span aria-hidden="true">{c.sort === 'ascending' ? '▲' : c.sort === 'descending' ? '▼' : '↕'}</span>
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
                  <button type="button" class="expand" aria-expanded={open.has(row.host)} aria-label={row.expandLabel} onClick={() => toggle(row.host)}>
                    {open.has(row.host) ? '▾' : '▸'}
                  </button>{' '}
                  {row.host}
                </th>
                <td>
                  <span class={`pill grade-${row.grade.replace('+', 'plus').replace('-', 'minus')}`}>{row.grade}</span>
                </td>
                <td>{row.main}</td>
                <td>{row.level}</td>
                <td>{row.date}</td>
              </tr>
              {open.has(row.host) && (
                <tr class="details">
                  <td colSpan={5}>
                    {row.findings.length === 0 ? (
                      view.noneLabel
                    ) : (
                      <ul>
                        {row.findings.map((f) => (
                          <li key={f.id} data-finding={f.id} data-severity={f.severity}>
                            <span class={`sev sev-${f.severity}`}>{f.severityLabel}</span> {f.title} <code>{f.id}</code>
                          </li>
                        ))}
                      </ul>
                    )}
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
