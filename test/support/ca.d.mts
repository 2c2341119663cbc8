// Types of test/support/ca.mjs.
export interface Issued {
  key: string
  /** The certificate, then its issuers below the root. */
  cert: string
  certFile: string
  keyFile: string
}
export interface IssueOptions {
  subject?: string
  extensions?: string
  ca?: boolean
  issuer?: string
  days?: number
  digest?: 'sha256' | 'sha1' | 'sha384' | 'md5'
}
export interface TestCa {
  dir: string
  rootFile: string
  rootPem: string
  issue(file: string, options?: IssueOptions): Issued
  remove(): void
}
export function serverExtensions(names: string[], extra?: string): string
export function makeCa(options?: { name?: string; days?: number; prefix?: string }): TestCa
