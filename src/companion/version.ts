/** The companion's version: the project's (package.json), bundled in at build time. */
import { version } from '../../package.json'

export const COMPANION_PACKAGE_VERSION: string = version
