/**
 * `npm run action` (scripts/run-action.ts), the documented way to run the bundle from a shell, sends
 * what a runner would: action.yml's defaults are filled in as the runner fills them, file inputs are
 * relative to GITHUB_WORKSPACE when it is set, and the log reads as a run page shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { distributionServing, FIXTURES_BUCKET } from '../emulator/config.js'
import { CloudFrontEmulator } from '../emulator/server.js'
import { ROOT, runAction } from '../__fixtures__/runner.js'
import { renderLine } from '../scripts/workflow-commands.js'

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const INPUTS = { 'distribution-id': 'EDFDVBD632BHDS5', paths: '/blog/index.html /about/index.html', 'dry-run': 'true' }

/** The request a dry run prints, less its CallerReference (random outside a workflow run). */
function dryRunRequest(log: string): unknown {
  const json = /\{\n[\s\S]*?\n\}/.exec(log)?.[0] ?? 'null'
  const request = JSON.parse(json) as { InvalidationBatch?: { CallerReference?: string } } | null
  if (request?.InvalidationBatch) delete request.InvalidationBatch.CallerReference
  return request
}

describe('npm run action', () => {
  it("dry-runs exactly the request a runner's step with the same inputs would send", async () => {
    const args = Object.entries(INPUTS).map(([name, value]) => `${name}=${value}`)
    const local = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'run-action.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake' }
    })
    const runner = await runAction({ inputs: INPUTS })
    expect(local.status).toBe(0)
    expect(runner.code).toBe(0)
    const sent = dryRunRequest(local.stdout)
    expect(sent).toEqual(dryRunRequest(runner.stdout))
    // The runner's default index-document is what adds the directory URLs.
    expect(JSON.stringify(sent)).toContain('"/blog/"')
  })

  it('refuses an argument that is not an input of action.yml, naming it', () => {
    const local = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'run-action.ts'), 'distribution_id=E1'], {
      cwd: ROOT,
      encoding: 'utf8'
    })
    expect(local.status).toBe(2)
    expect(local.stderr).toContain('"distribution_id=E1" is not name=value with an input of action.yml')
  })
})

/** `npm run action` with these arguments in `cwd`, asynchronously (an emulator in this process must answer). */
async function runLocally(
  args: string[],
  env: Record<string, string>,
  cwd = ROOT
): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'run-action-home-'))
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [TSX, join(ROOT, 'scripts', 'run-action.ts'), ...args],
      {
        cwd,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          ...(process.env.NODE24_BIN ? { NODE24_BIN: process.env.NODE24_BIN } : {}),
          // The developer's own AWS settings must not reach the run.
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'local-emulator-not-a-secret',
          ...env
        }
      }
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

describe('npm run action behaves like the runner', () => {
  const DISTRIBUTION = 'E2QWRUHAPOMQZL'
  const workspace = mkdtempSync(join(tmpdir(), 'run-action-workspace-'))
  const elsewhere = mkdtempSync(join(tmpdir(), 'run-action-elsewhere-'))
  let emulator: CloudFrontEmulator
  let endpoint: string

  beforeAll(async () => {
    // The bucket the sync-log fixtures name, as `npm run emulator` describes a distribution given by ID.
    emulator = new CloudFrontEmulator({ distributions: [distributionServing(DISTRIBUTION, FIXTURES_BUCKET)] })
    endpoint = await emulator.start()
    mkdirSync(join(workspace, 'deploy'))
    writeFileSync(join(workspace, 'deploy', 'paths.txt'), '/from-the-workspace.html\n')
  })
  afterAll(async () => {
    await emulator.stop()
    rmSync(workspace, { recursive: true, force: true })
    rmSync(elsewhere, { recursive: true, force: true })
  })

  it('reads file inputs relative to GITHUB_WORKSPACE when it is set, as a runner starts the step there', async () => {
    const args = [`distribution-id=${DISTRIBUTION}`, 'paths-file=deploy/paths.txt', 'wait=true']
    const env = { AWS_ENDPOINT_URL_CLOUDFRONT: endpoint }
    const there = await runLocally(args, { ...env, GITHUB_WORKSPACE: workspace }, elsewhere)
    expect(there.code).toBe(0)
    expect(emulator.invalidations.at(-1)?.paths).toEqual(['/from-the-workspace.html'])
    expect(there.stdout).toContain(`invalidation-id: ${emulator.invalidations.at(-1)?.id}`)
    expect(there.stdout).toContain('status: Completed')

    // Without it, the same relative name is looked for where the command runs: not there.
    const created = emulator.invalidations.length
    const here = await runLocally(args, env, elsewhere)
    expect(here.code).toBe(1)
    expect(here.stdout).toContain('Error: Input "paths-file": "deploy/paths.txt" cannot be read')
    expect(here.stdout).toContain(elsewhere)
    expect(emulator.invalidations).toHaveLength(created)
  }, 60_000)

  it('refuses a GITHUB_WORKSPACE that is not a folder, naming it', async () => {
    const missing = join(elsewhere, 'no-such-checkout')
    const result = await runLocally([`distribution-id=${DISTRIBUTION}`], { GITHUB_WORKSPACE: missing })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`GITHUB_WORKSPACE "${missing}" is not a folder`)
  })

  it('prints messages decoded: real line breaks and percent signs, no %0A or %2520', async () => {
    // A paths list whose error quotes /a%20b, and a sync-log that records a failed upload: a message of several lines.
    const badPath = await runLocally([`distribution-id=${DISTRIBUTION}`, 'paths=/a%20b/*/c'], {})
    expect(badPath.code).toBe(1)
    expect(badPath.stdout).toContain('Error: Input "paths": "/a%20b/*/c"')
    const failedSync = await runLocally(
      [`distribution-id=${DISTRIBUTION}`, 'sync-log=__fixtures__/aws-s3-sync/upload-failed.log', 'dry-run=true'],
      { AWS_ENDPOINT_URL_CLOUDFRONT: endpoint }
    )
    expect(failedSync.code).toBe(1)
    expect(failedSync.stdout).toMatch(
      /^Error: sync-log __fixtures__\/aws-s3-sync\/upload-failed\.log records that the sync failed \(1 failure line\):\n {2}line 1: upload failed: /m
    )
    for (const { stdout } of [badPath, failedSync]) {
      expect(stdout).not.toMatch(/%0A|%0D|%25|^::/m)
    }
  }, 60_000)
})

describe('the log as a run page shows it (scripts/workflow-commands.ts)', () => {
  it.each([
    ['::error::a%0Ab %2520 100%25', 'Error: a\nb %20 100%'],
    ['::warning title=Sync log%3A upload%2C delete::x', 'Warning: Sync log: upload, delete: x'],
    ['::notice::n', 'Notice: n'],
    ['::group::Paths for E2QWRUHAPOMQZL', '▸ Paths for E2QWRUHAPOMQZL'],
    ['plain text %0A stays', 'plain text %0A stays']
  ])('%s', (line, shown) => {
    expect(renderLine(line, false)).toBe(shown)
  })

  it('hides what the runner acts on, and debug lines unless step debug logging is on', () => {
    for (const line of ['::endgroup::', '::set-output name=status::Completed', '::add-mask::secret']) {
      expect(renderLine(line, true)).toBeUndefined()
    }
    expect(renderLine('::debug::GetInvalidation%0Adone', false)).toBeUndefined()
    expect(renderLine('::debug::GetInvalidation%0Adone', true)).toBe('Debug: GetInvalidation\ndone')
  })
})
