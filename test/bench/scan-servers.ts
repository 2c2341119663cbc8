/**
 * The scanner benchmark's fixture servers, in their own process so the scanner and sslscan meet the same servers
 * without sharing their event loop. Prints one JSON line { rootFile, servers: { name: port } }; exits when stdin
 * closes.
 */
import { cannedServer, httpServer, makePki, MODERN, removePki, tlsServer, WEAK } from '../scanner/fixtures.ts'

process.removeAllListeners('warning') // the 1024-bit DH warning is the point of the weak fixture
const pki = makePki()
const http = await httpServer(null)
const servers = {
  modern: await tlsServer(MODERN(pki), { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }),
  weak: await tlsServer(WEAK(pki)),
  ev: await tlsServer({ ...pki.ev, minVersion: 'TLSv1.2' }),
  legacy: await cannedServer({
    versions: [0x0300, 0x0301],
    suites: [0x0008, 0x0005, 0x000a, 0x0014],
    dhBits: 512,
    ignoresFallbackScsv: true,
  }),
}
process.stdout.write(
  `${JSON.stringify({ rootFile: pki.rootFile, httpPort: http.port, servers: Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.port])) })}\n`,
)
process.stdin.resume()
process.stdin.on('end', () => {
  void Promise.all([http, ...Object.values(servers)].map((s) => s.close())).finally(() => {
    removePki(pki)
    process.exit(0)
  })
})
