// tldts publishes a minified ES module beside its "module" entry; the background bundles that one (see index.ts).
declare module 'tldts/dist/index.esm.min.js' {
  export { getDomain } from 'tldts'
}
