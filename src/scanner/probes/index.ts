/** Every probe, in the order their jobs are started. A test fails when a probe file is not listed here. */
import type { AnyProbe } from '../probe.ts'
import { ccsInjectionProbe } from './ccs-injection.ts'
import { compressionProbe } from './compression.ts'
import { dhGroupProbe } from './dh-group.ts'
import { fallbackScsvProbe } from './fallback-scsv.ts'
import { forwardSecrecyProbe } from './forward-secrecy.ts'
import { groupsProbe } from './groups.ts'
import { handshakeProbe } from './handshake.ts'
import { heartbeatProbe } from './heartbeat.ts'
import { heartbleedProbe } from './heartbleed.ts'
import { hstsProbe } from './hsts.ts'
import { httpRedirectProbe } from './http-redirect.ts'
import { protocolsProbe } from './protocols.ts'
import { renegotiationProbe } from './renegotiation.ts'
import { robotProbe } from './robot.ts'
import { ssl2Probe } from './ssl2.ts'
import { ssl3Probe } from './ssl3.ts'
import { strongCipherProbe } from './strong-cipher.ts'
import { suitesByProtocolProbe } from './suites-by-protocol.ts'

export const PROBES: readonly AnyProbe[] = [
  handshakeProbe,
  protocolsProbe,
  ssl2Probe,
  ssl3Probe,
  forwardSecrecyProbe,
  dhGroupProbe,
  hstsProbe,
  httpRedirectProbe,
  groupsProbe,
  fallbackScsvProbe,
  suitesByProtocolProbe,
  strongCipherProbe,
  renegotiationProbe,
  compressionProbe,
  heartbeatProbe,
  heartbleedProbe,
  ccsInjectionProbe,
  robotProbe,
]
