import preact from '@preact/preset-vite'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [preact()],
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
          benchmark: { include: ['test/bench/**/*.bench.ts'] },
          environment: 'node',
          // Property runs and the lint-based layer checks take about a second alone, and several times that when the
          // two cores are busy with browsers: a deadline for hangs, not a speed test (benchmarks measure speed).
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // The local scanner against TLS servers made at test time on 127.0.0.1, and its CLI (issue #12).
          name: 'scanner',
          include: ['test/scanner/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          // The packaged companion (issue #19): the npm package installed offline, on the oldest Node it claims, and the
          // single executable without Node. Each file builds its package into a temporary directory.
          name: 'companion',
          include: ['test/companion/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
          // A deadline for hangs: most browser tests take 1-10 s alone, and three times that on a busy machine.
          testTimeout: 60_000,
          hookTimeout: 150_000,
        },
      },
    ],
  },
})
