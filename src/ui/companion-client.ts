/**
 * The extension pages' one question to the background about the companion: ask it `hello` now. Shared by the
 * options page's companion card and the setup page; the answer is validated like every other.
 */
import * as v from 'valibot'
import { BackgroundToUiSchema, type CompanionInfo } from '../messages.ts'
import { browser } from '../platform/index.ts'

export async function checkCompanion(): Promise<CompanionInfo | null> {
  const answer = v.safeParse(
    BackgroundToUiSchema,
    await browser.runtime.sendMessage({ type: 'ui:companion-check' }).catch(() => null),
  )
  return answer.success && answer.output.type === 'bg:companion' ? answer.output.companion : null
}
