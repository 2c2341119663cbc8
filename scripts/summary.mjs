// Prints vitest's totals as one plain line ("N passed, N failed") from its JSON report, for CI logs.
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/vitest.json', 'utf8'))
const skipped = report.numPendingTests + report.numTodoTests
console.log(
  `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
)
