/**
 * `npm run action` (scripts/run-action.ts), the documented way to run the bundle from a shell, sends
 * what a runner would: action.yml's defaults are filled in as the runner fills them.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, runAction } from '../__fixtures__/runner.js'

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
