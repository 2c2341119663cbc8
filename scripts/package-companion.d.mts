// Types of scripts/package-companion.mjs, for the tests that build the packages.
export const DEFAULT_OUT: string
export const VERSION: string
export const PACKAGE_NAME: string
export const MIN_NODE: [number, number]
export const DEB_PREFIX: string
export const SYSTEM_MANIFEST_DIRS: Record<'chrome' | 'chromium' | 'edge' | 'vivaldi' | 'firefox', string>
export function bundleCompanion(file: string, format?: 'es' | 'cjs'): Promise<string>
export function packNpm(out?: string): Promise<string>
export function buildDeb(out?: string, options?: { extensionIds?: string[] }): Promise<string>
export function buildSea(out?: string, target?: string): Promise<string>
export function thisTarget(): string
