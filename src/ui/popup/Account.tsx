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

/** Which data sets the account section comes from: said under the technical details, to keep the section short. */
export function AccountSources({ account }: { account: AccountView }) {
  return account.sources ? <p class="account-sources">{account.sources}</p> : null
}

export function Account({ account, fixLabel }: { account: AccountView; fixLabel: string }) {
  return (
    <section class="account" aria-labelledby="account-title" data-account="">
      <h2 class="group-title" id="account-title">
        <svg class="group-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <circle cx="8" cy="5" r="3.2" />
          <path d="M1.8 15c.6-3.6 3.1-5.6 6.2-5.6s5.6 2 6.2 5.6z" />
        </svg>
        {account.title}
      </h2>
      {account.twoFactor && (
        <div class="twofactor" data-twofactor={account.twoFactor.methods}>
          <p class="twofactor-offered">{account.twoFactor.text}</p>
          <p class="twofactor-methods">{account.twoFactor.methodsText}</p>
          {account.twoFactor.howTo && <Link link={account.twoFactor.howTo} />}
        </div>
      )}
      {account.findings.length > 0 && (
        <ul class="findings">
          {account.findings.map((f) => {
            const titleId = `account-${f.id}`
            const body = (
              <>
                <p class="finding-user">{f.user}</p>
                {f.links.length > 0 && (
                  <p class="account-links">
                    {f.links.map((l) => (
                      <Link key={l.kind} link={l} />
                    ))}
                  </p>
                )}
                <details class="finding-fix">
                  <summary aria-describedby={titleId}>{fixLabel}</summary>
                  <p>{f.fix}</p>
                </details>
              </>
            )
            // A minor one folds to its title, as in the findings above.
            return !f.full ? (
              <li
                key={f.id}
                class={`finding finding-minor sev-${f.severity}`}
                data-finding={f.id}
                data-severity={f.severity}
                data-twofactor={f.methods}
              >
                <details class="finding-more">
                  <summary>
                    <span class="finding-title" id={titleId}>
                      {f.title}
                    </span>
                  </summary>
                  {body}
                </details>
              </li>
            ) : (
              <li
                key={f.id}
                class={`finding sev-${f.severity}`}
                data-finding={f.id}
                data-severity={f.severity}
                data-twofactor={f.methods}
              >
                <h3 class="finding-title" id={titleId}>
                  {f.title}
                </h3>
                {body}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
