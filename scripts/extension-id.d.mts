// Types of scripts/extension-id.mjs.
export function unpackedExtensionId(dir: string): string
