/**
 * Every fact source, in the order their facts are merged into a page's. The background's pipeline, router and tab
 * lifecycle iterate this list and name no source: a new source is a module implementing Source, listed here.
 */
import { accountSource } from './account.ts'
import { onlineSource } from './online.ts'
import { pageSource } from './page.ts'
import { scannerSource } from './scanner.ts'
import type { Source } from './source.ts'

export const FACT_SOURCES: readonly Source[] = [pageSource, onlineSource, scannerSource, accountSource]
