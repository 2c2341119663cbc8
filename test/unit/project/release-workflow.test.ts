/**
 * The companion's release workflow cannot run here (it needs GitHub's macOS and Windows runners): its YAML is parsed
 * and its shape checked against what scripts/package-companion.mjs builds and where each target can be built.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
  shell?: string
}
interface Job {
  'runs-on': string
  needs?: string
  if?: string
  permissions?: Record<string, string>
  strategy?: { matrix: { include: Array<{ target: string; runner: string; only: string }> } }
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  permissions: Record<string, string>
  jobs: Record<string, Job>
}

const workflow = parse(
  readFileSync(resolve(import.meta.dirname, '../../../.github/workflows/release-companion.yml'), 'utf8'),
  { strict: true, uniqueKeys: true },
) as Workflow
const build = workflow.jobs.build!
const matrix = build.strategy!.matrix.include

describe('.github/workflows/release-companion.yml', () => {
  it('runs on a companion tag or by hand, reading the repository only, except the job that publishes', () => {
    expect(workflow.on).toEqual({ push: { tags: ['companion-v*'] }, workflow_dispatch: null })
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(workflow.jobs.release).toMatchObject({ needs: 'build', permissions: { contents: 'write' } })
    expect(workflow.jobs.release!.if).toContain("startsWith(github.ref, 'refs/tags/')")
  })

  it('builds each single executable on a runner of its own system and architecture', () => {
    // GitHub's standard images: macos-15 is Apple silicon, macos-15-intel x64 (actions/runner-images).
    const runnerOf: Record<string, RegExp> = {
      'linux-x64': /^ubuntu-/,
      'darwin-arm64': /^macos-\d+$/,
      'darwin-x64': /^macos-\d+-intel$/,
      'win-x64': /^windows-/,
    }
    expect(matrix.map((m) => m.target).sort()).toEqual(Object.keys(runnerOf).sort())
    for (const { target, runner, only } of matrix) {
      expect(runner, target).toMatch(runnerOf[target]!)
      expect(only.split(','), target).toContain('sea')
    }
    // The npm and Debian packages are the same everywhere: built once, on Linux.
    expect(matrix.filter((m) => m.only.includes('npm') || m.only.includes('deb')).map((m) => m.target)).toEqual([
      'linux-x64',
    ])
  })

  it('packages with the project script, checks the executable without Node, and uploads every artifact', () => {
    const runs = build.steps.map((s) => s.run ?? '').join('\n')
    expect(build.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({
      'node-version': 20,
    })
    expect(runs).toContain('npm ci')
    expect(runs).toContain('npm run package:companion -- --only ${{ matrix.only }} --target ${{ matrix.target }}')
    expect(runs).toMatch(/env -i PATH=\/nonexistent "\$exe" --version/)
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!
    expect(String(upload.with!.path).trim().split('\n')).toEqual([
      'dist/companion/vigie-companion-*.tgz',
      'dist/companion/vigie-companion_*_all.deb',
      'dist/companion/vigie-companion-${{ matrix.target }}*',
    ])
    expect(upload.with!['if-no-files-found']).toBe('error')
    const publish = workflow.jobs.release!.steps.map((s) => s.run ?? '').join('\n')
    expect(publish).toContain('gh release upload "$GITHUB_REF_NAME" packages/*')
  })

  it('names the artifacts as the script writes them', () => {
    const script = readFileSync(resolve(import.meta.dirname, '../../../scripts/package-companion.mjs'), 'utf8')
    expect(script).toContain("const TARGETS = ['linux-x64', 'darwin-arm64', 'darwin-x64', 'win-x64']")
    expect(script).toContain("`${PACKAGE_NAME}-${target}${target.startsWith('win') ? '.exe' : ''}`")
    expect(script).toContain('`${PACKAGE_NAME}_${VERSION}_all.deb`')
  })
})
