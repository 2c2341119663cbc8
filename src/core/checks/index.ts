/** Every check, in the order findings of equal severity are listed. A test fails when a check file is missing. */
import { twoFactorSmsOnly } from './2fa-sms-only.ts'
import { certNotEv } from './cert-not-ev.ts'
import { certSha1 } from './cert-sha1.ts'
import { certUntrusted } from './cert-untrusted.ts'
import { certValidity } from './cert-validity.ts'
import { certWeakKey } from './cert-weak-key.ts'
import { formActionHttp } from './form-action-http.ts'
import { httpNotRedirected } from './http-not-redirected.ts'
import { hstsMissing } from './hsts-missing.ts'
import { hstsNoSubdomains } from './hsts-no-subdomains.ts'
import { hstsNotPreloaded } from './hsts-not-preloaded.ts'
import { hstsShortMaxAge } from './hsts-short-max-age.ts'
import { httpLoginForm } from './http-login-form.ts'
import { httpPage } from './http-page.ts'
import { noTwoFactor } from './no-2fa.ts'
import { observatoryGrade } from './observatory-grade.ts'
import { passwordInUrl } from './password-in-url.ts'
import { passwordShortMaxLength } from './password-short-max-length.ts'
import { plaintextOffender } from './plaintext-offender.ts'
import { scanIncomplete } from './scan-incomplete.ts'
import { ssllabsGrade } from './ssllabs-grade.ts'
import { tlsLegacyProtocol } from './tls-legacy-protocol.ts'
import { tlsNoForwardSecrecy } from './tls-no-forward-secrecy.ts'
import { tlsNoFallbackScsv } from './tls-no-fallback-scsv.ts'
import { tlsNoTls13 } from './tls-no-tls13.ts'
import { tlsWeakCipher } from './tls-weak-cipher.ts'
import { tlsWeakDh } from './tls-weak-dh.ts'
import { tlsCompression } from './tls-compression.ts'
import { tlsVulnerable } from './tls-vulnerable.ts'
import type { Check } from '../types.ts'

export const CHECKS: readonly Check[] = [
  httpLoginForm,
  formActionHttp,
  passwordInUrl,
  httpPage,
  certSha1,
  certUntrusted,
  certValidity,
  certWeakKey,
  certNotEv,
  tlsVulnerable,
  tlsLegacyProtocol,
  tlsWeakCipher,
  tlsNoForwardSecrecy,
  tlsWeakDh,
  tlsCompression,
  tlsNoFallbackScsv,
  tlsNoTls13,
  httpNotRedirected,
  hstsMissing,
  hstsShortMaxAge,
  hstsNoSubdomains,
  hstsNotPreloaded,
  ssllabsGrade,
  observatoryGrade,
  plaintextOffender,
  passwordShortMaxLength,
  noTwoFactor,
  twoFactorSmsOnly,
  scanIncomplete,
]
