/** The popup's "Your account on this site" section: a function of AccountView. No browser API here. */
import type { AccountLink, AccountView } from './account-view.ts'
import './account.css'

function Link({ link }: { link: AccountLink }) {
  return (
    <a class="account-link" href={link.href} target="_blank" rel="noreferrer noopener" data-account-link={link.kind}>
      {link.label}
    </a>
  )
}

export function Account({ account, fixLabel }: { account: AccountView; fixLabel: string }) {
  return (
    <section class="account" aria-label={account.title} data-account="">
      <h2 class="group-title">{account.title}</h2>
      {account.twoFactor && (
        <div class="twofactor" data-twofactor={account.twoFactor.methods}>
          <p class="twofactor-offered">{account.twoFactor.text}</p>
          <p class="twofactor-methods">{account.twoFactor.methodsText}</p>
          {account.twoFactor.howTo && <Link link={account.twoFactor.howTo} />}
        </div>
      )}
      {account.findings.length > 0 && (
        <ul class="findings">
          {account.findings.map((f) => (
            <li key={f.id} class={`finding sev-${f.severity}`} data-finding={f.id} data-severity={f.severity}>
              <h3 class="finding-title">{f.title}</h3>
              <p class="finding-user">{f.user}</p>
              {f.links.length > 0 && (
                <p class="account-links">
                  {f.links.map((l) => (
                    <Link key={l.kind} link={l} />
                  ))}
                </p>
              )}
              <details class="finding-fix">
                <summary>{fixLabel}</summary>
                <p>{f.fix}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
      {account.sources && <p class="account-sources">{account.sources}</p>}
    </section>
  )
}
