/**
 * What a scanner test file needs around it: a test PKI made before its tests, the servers they start (all closed
 * after them), and `scan(port)`, the scanner asked about one of those servers by its test name at 127.0.0.1.
 */
import { afterAll, beforeAll } from 'vitest'
import { scanHost } from '../../src/scanner/index.ts'
import { makePki, NAME, removePki, type Pki, type Running } from './fixtures.ts'

export interface ScanLab {
  /** Made in beforeAll: read it inside tests, not when the file loads. */
  readonly pki: Pki
  start<R extends Running>(server: Promise<R>): Promise<R>
  scan(port: number, options?: Parameters<typeof scanHost>[1]): ReturnType<typeof scanHost>
}

export function useScanLab(): ScanLab {
  let pki: Pki | undefined
  const servers: Running[] = []
  beforeAll(() => {
    pki = makePki()
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
    if (pki) removePki(pki)
  })
  const lab: ScanLab = {
    get pki() {
      if (!pki) throw new Error('the test PKI is made in beforeAll')
      return pki
    },
    async start(server) {
      const running = await server
      servers.push(running)
      return running
    },
    scan: (port, options = {}) =>
      scanHost({ host: NAME, port, address: '127.0.0.1' }, { ca: [lab.pki.rootPem], httpPort: 1, ...options }),
  }
  return lab
}
