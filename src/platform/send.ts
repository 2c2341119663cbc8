/**
 * The content script's only door to the extension: a fire-and-forget sendMessage, without the polyfill, to keep
 * the script that runs on every page tiny. Both browsers return a promise from runtime.sendMessage in MV3.
 */
import type { ContentToBackground } from '../messages.ts'

interface MinimalRuntime {
  runtime?: { id?: string; sendMessage(message: unknown): Promise<unknown> | undefined }
}

export function sendToBackground(message: ContentToBackground): void {
  const g = globalThis as unknown as { browser?: MinimalRuntime; chrome?: MinimalRuntime }
  const runtime = (g.browser ?? g.chrome)?.runtime
  // runtime.id disappears when the extension is reloaded or removed under a live page.
  if (!runtime?.id) return
  try {
    runtime.sendMessage(message)?.catch(() => {})
  } catch {
    // The extension context is gone; the page must never see an error from Vigie.
  }
}
