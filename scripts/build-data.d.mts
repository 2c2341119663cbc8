// Types of scripts/build-data.mjs, for the tests that run it.
export const DEFAULT_SOURCE: string
export const DEFAULT_OUT: string
export const FILES: string[]
export const FORMAT: number
export function normaliseDomain(raw: string): string | null
export function readCatalogue(readme: string): Record<string, { date: string; licence: string }>
export function readCsv(text: string): { header: string[]; rows: string[][] }
export function buildAccountData(sourceDir?: string): { 'account.json': string; 'NOTICE.txt': string }
export function writeAccountData(sourceDir?: string, outDir?: string): { 'account.json': string; 'NOTICE.txt': string }
export const PLATFORMS: string[]
export function platformsOf(named: [site: string, host: string][], platforms?: string[]): Record<string, string[]>
