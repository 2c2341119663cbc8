/**
 * The options page's card about the companion: its state and version (asked once when the page opens, and again
 * on "Check again"), the command that fixes it, and the way to the setup page. Inserted in Options.tsx in one line.
 * Like every component it touches no browser API: the page's adapter hands it its world (companion-card-world.ts);
 * without one (a test of the rest of the page) it renders nothing.
 */
import { useEffect, useState } from 'preact/hooks'
import type { CompanionInfo } from '../../messages.ts'
import type { Translate } from '../i18n.ts'
import { StatusLine } from '../setup/Setup.tsx'
import { companionLine } from '../setup/setup-view.ts'

export interface CompanionCardWorld {
  check(): Promise<CompanionInfo | null>
  t: Translate
  browser: 'chrome' | 'firefox'
}

let world: CompanionCardWorld | null = null
export function setCompanionCardWorld(next: CompanionCardWorld | null): void {
  world = next
}

export function CompanionCard() {
  return world ? <Card world={world} /> : null
}

export function Card({ world: { check, t, browser } }: { world: CompanionCardWorld }) {
  const [companion, setCompanion] = useState<CompanionInfo | null>(null)
  const ask = () => void check().then((c) => c && setCompanion(c))
  useEffect(ask, [])
  const line = companionLine(companion, browser, companion?.extensionId ?? '', t)
  return (
    <section class="card companion-card" aria-labelledby="companion-title" data-companion-card="true">
      <h2 id="companion-title">{t('setupTitle')}</h2>
      <StatusLine line={line} check={t('scannerCheckAgain')} onCheck={ask}>
        {line.command && (
          <p class="command">
            <code data-command="fix">{line.command}</code>
          </p>
        )}
      </StatusLine>
      <a href="setup.html" target="_blank" rel="noopener" data-action="setup">
        {t('optionsCompanionSetup')}
      </a>
    </section>
  )
}
