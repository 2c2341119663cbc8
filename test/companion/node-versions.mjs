/** Node.js versions the companion's package tests run it on (the oldest it claims, and one it refuses). */
import { join, resolve } from 'node:path'

export const TEST_NODE_VERSIONS = ['18.19.0', '12.22.9']
const CACHE = resolve(import.meta.dirname, '../../node_modules/.cache/vigie')
/** Where scripts/fetch-test-nodes.mjs puts the binaries of `version`. */
export const nodeCacheDir = (version) => join(CACHE, `node-${version}`)
