/** The pure core's public surface (SPEC.md section 6). No browser API, clock or network below this folder. */
export { hstsHeaderOf, parseHsts, MAX_HSTS_AGE, type HstsPolicy, type RawHeader } from './hsts.ts'
export {
  chainAt,
  inspectCertificateChain,
  inspectCertificate,
  type ChainInspection,
  type InspectedCertificate,
  type UnreadableCertificate,
} from './cert/inspect.ts'
export { gradeSite, coverageOf } from './grade-site.ts'
export { RUBRIC, THRESHOLDS, ruleFor } from './rubric.ts'
export { CHECKS } from './checks/index.ts'
export { gradeRank, worseGrade, isGrade, normaliseServiceGrade } from './grade.ts'
export { adviceKeys } from './advice.ts'
export * from './types.ts'
export { certificateFactsFrom } from './certificate-facts.ts'
export {
  onlineFactsFromSslLabs,
  onlineFactsFromObservatory,
  onlineFactsFromPreload,
  type SslLabsHost,
  type ObservatoryScan,
  type PreloadStatus,
} from './online.ts'
export { isPublicHostname } from './privacy.ts'
export { originOf, ownFrames, schemeOf } from './facts.ts'
