/**
 * The step's one report (src/report/step-report.ts): made once, whatever ends the step, and never
 * "nothing created" while its ledger holds an invalidation. Outputs go to a GITHUB_OUTPUT file and
 * the failure to stdout, as @actions/core writes them on a runner.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { planPaths } from '../src/paths/plan-paths.js'
import { listSource } from '../src/paths/source.js'
import { describePlan } from '../src/report/describe-plan.js'
import { Ledger } from '../src/report/ledger.js'
import { StepReport } from '../src/report/step-report.js'
import { splitIntoBatches } from '../src/requests/batches.js'
import type { Target } from '../src/targets.js'
import { errorsOf, parseOutputFile } from '../__fixtures__/runner.js'

const target: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5' }
let output: string
let stdout: string
let restore: () => void

beforeEach(() => {
  output = join(mkdtempSync(join(tmpdir(), 'step-report-')), 'output')
  writeFileSync(output, '')
  const saved = { ...process.env }
  process.env.GITHUB_OUTPUT = output
  delete process.env.GITHUB_STEP_SUMMARY
  stdout = ''
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  })
  restore = () => {
    write.mockRestore()
    process.env = saved
    process.exitCode = undefined
  }
})
afterEach(() => restore())

function planned(report: StepReport): Ledger {
  const sources = [listSource('paths', [['/a.html', 1] as const])]
  const ledger = new Ledger(0)
  report.plan({
    ledger,
    description: describePlan(planPaths(sources), sources, [], '', []),
    requests: [{ target, requests: splitIntoBatches(['/a.html']).map(batch => ({ batch, callerReference: 'ref-1' })) }],
    waited: false
  })
  return ledger
}

describe('StepReport', () => {
  it('a failure after a create: the outputs list it and the message says it was created', async () => {
    const report = new StepReport(() => 0)
    const ledger = planned(report)
    ledger.add({
      target,
      invalidationId: 'I2J3K4',
      status: 'InProgress',
      callerReference: 'ref-1',
      location: 'https://cloudfront.example/I2J3K4',
      paths: 1,
      files: 1,
      wildcards: 0,
      createdAt: 0,
      completedAt: undefined
    })
    await report.finish('The step was cancelled (SIGINT) while waiting for completion.')
    expect(JSON.parse(parseOutputFile(readFileSync(output, 'utf8')).invalidations ?? '')).toEqual([
      expect.objectContaining({ invalidationId: 'I2J3K4' })
    ])
    expect(errorsOf({ stdout })).toEqual([
      'The step was cancelled (SIGINT) while waiting for completion.\nCreated by this step: I2J3K4 on EDFDVBD632BHDS5 (InProgress).'
    ])
  })

  it('made once: a second finish (the forced exit after the normal end) gets the first one, and writes nothing more', async () => {
    const report = new StepReport(() => 0)
    planned(report)
    const first = report.finish('first')
    expect(report.finish('second')).toBe(first)
    await first
    expect(errorsOf({ stdout })).toEqual(['first\nNo invalidation was created.'])
    expect(readFileSync(output, 'utf8').match(/^invalidations<</gm)).toHaveLength(1)
  })

  it('before any plan: the invalidations output is [] and the failure is the one given', async () => {
    const report = new StepReport(() => 0)
    await report.finish('Input "paths": "x" is not a path')
    expect(parseOutputFile(readFileSync(output, 'utf8'))).toEqual({ invalidations: '[]' })
    expect(errorsOf({ stdout })).toEqual(['Input "paths": "x" is not a path'])
  })
})
