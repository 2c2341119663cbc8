/**
 * Official Node.js binaries of other versions, put in node_modules/.cache/vigie/ by scripts/fetch-test-nodes.mjs, an
 * install step of .ci/run (a test downloads nothing).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { nodeCacheDir, TEST_NODE_VERSIONS } from './node-versions.mjs'

/** The path of `node` at `version` (x.y.z) for Linux x64. */
export function nodeBinary(version: string): string {
  const node = join(nodeCacheDir(version), 'bin/node')
  if (!TEST_NODE_VERSIONS.includes(version))
    throw new Error(`Node ${version} is not in TEST_NODE_VERSIONS (test/companion/node-versions.mjs)`)
  if (!existsSync(node))
    throw new Error(`no Node ${version} at ${node}: run node scripts/fetch-test-nodes.mjs (an install step of .ci/run)`)
  return node
}
