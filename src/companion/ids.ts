/**
 * The extension ids the companion answers to: the ONE definition (the build, the installer, the tests and the setup
 * page import these). Pure: no Node or browser API, so the extension may import it too.
 *
 * How they are set at release: a store gives the id when the extension is first uploaded (the Chrome Web Store's and
 * Edge Add-ons' developer dashboards show it; it never changes afterwards). Copy it here in the release commit, so
 * the next companion build allows it by default. Until Vigie is published they are null: a placeholder would let
 * whoever owns that id talk to the companion. Firefox's id is ours to choose (browser_specific_settings.gecko.id),
 * so it is set already.
 */

/** The Chrome Web Store's id for Vigie (32 letters a to p), once published. Chromium, Brave and Vivaldi install from there too. */
export const CHROME_WEB_STORE_ID = null as string | null
/** The Microsoft Edge Add-ons id for Vigie, once published (Edge also installs from the Chrome Web Store). */
export const EDGE_ADD_ONS_ID = null as string | null
/** Firefox's id for Vigie, in manifest.json's gecko settings, on addons.mozilla.org and in Firefox host manifests. */
export const GECKO_ID = 'vigie@vigie.dev'

/** The published Chromium-family ids every install allows, besides the ones named with --extension-id. */
export const STORE_EXTENSION_IDS: readonly string[] = [CHROME_WEB_STORE_ID, EDGE_ADD_ONS_ID].filter(
  (id): id is string => id !== null,
)

/** A Chromium extension id: 32 letters from a to p (a SHA-256 prefix written in those letters). */
export const EXTENSION_ID = /^[a-p]{32}$/
