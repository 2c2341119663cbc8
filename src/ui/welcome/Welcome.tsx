/** The first-run page: how to pin Vigie's button, with a picture per browser, and how to read the badge. */
import type { Translate } from '../i18n.ts'

export interface WelcomeView {
  browser: 'chrome' | 'firefox'
  t: Translate
}

/** A browser toolbar drawn in SVG: the address bar, then either the puzzle menu with its pin (Chrome) or Vigie's button already there (Firefox). */
function Toolbar({ browser, label }: { browser: 'chrome' | 'firefox'; label: string }) {
  return (
    <svg class="toolbar" viewBox="0 0 360 120" role="img" aria-label={label}>
      <rect x="0" y="0" width="360" height="120" rx="10" class="tb-frame" />
      <rect x="14" y="16" width="200" height="28" rx="14" class="tb-address" />
      {browser === 'chrome' ? (
        <>
          {/* The puzzle piece (extensions menu), then its panel with Vigie and the pin. */}
          <path class="tb-icon" d="M236 22h8a4 4 0 0 1 8 0h8v8a4 4 0 0 1 0 8v8h-8a4 4 0 0 0-8 0h-8v-8a4 4 0 0 0 0-8z" />
          <circle cx="248" cy="30" r="19" class="tb-ring" />
          <rect x="160" y="56" width="186" height="52" rx="8" class="tb-panel" />
          <path class="tb-shield" d="M180 66l10 3.4v7.6c0 6.4-4.2 10.6-10 13-5.8-2.4-10-6.6-10-13v-7.6z" />
          <rect x="198" y="74" width="70" height="8" rx="4" class="tb-text" />
          <path class="tb-pin" d="M316 68l10 10-4 1-6 6 1 6-3 2-6-6-7 7-2-2 7-7-6-6 2-3 6 1 6-6z" />
          <circle cx="314" cy="80" r="17" class="tb-ring" />
        </>
      ) : (
        <>
          {/* Firefox puts Vigie's button in the toolbar: its shield with a grade under it. */}
          <path class="tb-shield" d="M258 16l14 4.8v10.6c0 9-5.8 14.8-14 18.2-8.2-3.4-14-9.2-14-18.2v-10.6z" />
          <rect x="262" y="34" width="22" height="14" rx="4" class="tb-badge" />
          <circle cx="262" cy="32" r="23" class="tb-ring" />
          <path class="tb-icon" d="M310 22h22v4h-22zm0 8h22v4h-22zm0 8h22v4h-22z" />
        </>
      )}
    </svg>
  )
}

export function Welcome({ view }: { view: WelcomeView }) {
  const { t, browser } = view
  return (
    <div class="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p class="lead">{t('welcomeLead')}</p>
      <section class="step" aria-labelledby="pin">
        <h2 id="pin">{t('welcomePinTitle')}</h2>
        <ol class="steps">
          {(browser === 'chrome'
            ? ['welcomePinChrome1', 'welcomePinChrome2']
            : ['welcomePinFirefox1', 'welcomePinFirefox2']
          ).map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ol>
        <Toolbar browser={browser} label={t(browser === 'chrome' ? 'welcomePictureChrome' : 'welcomePictureFirefox')} />
      </section>
      <section class="step" aria-labelledby="badge">
        <h2 id="badge">{t('welcomeBadgeTitle')}</h2>
        <p>{t('welcomeBadge')}</p>
      </section>
    </div>
  )
}
