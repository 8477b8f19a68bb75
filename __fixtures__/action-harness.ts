import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dependencies } from '../src/main.js'
import { FakeCloudFront } from './fake-cloudfront.js'
import { DEFAULT_CONTEXT, errorsOf, parseOutputFile, setInputs } from './runner.js'

export interface InProcessResult {
  errors: string[]
  stdout: string
  outputs: Record<string, string>
  summary: string
  exitCode: number | undefined
}

// @actions/core's summary keeps the first GITHUB_STEP_SUMMARY it saw, so one file serves the process.
const dir = mkdtempSync(join(tmpdir(), 'cf-unit-'))
const summaryFile = join(dir, 'summary')

// Polls every 10 ms: the flow is the same, the test takes milliseconds.
export const FAST_SCHEDULE = [{ until: Number.POSITIVE_INFINITY, every: 0.01 }]

/**
 * Runs src/main.ts's run() in this process with the real @actions/core (inputs from INPUT_*, outputs
 * and summary to files), a fake CloudFront, and an instant sleep.
 */
export async function runInProcess(
  inputs: Record<string, string>,
  api: FakeCloudFront = new FakeCloudFront(),
  overrides: Partial<Dependencies> = {}
): Promise<InProcessResult & { api: FakeCloudFront; sleeps: number[] }> {
  const outputFile = join(dir, 'output')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const restoreEnv = setInputs(inputs, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile })
  let stdout = ''
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  })
  const sleeps: number[] = []
  process.exitCode = undefined
  try {
    const { run } = await import('../src/main.js')
    const { summary } = await import('@actions/core')
    summary.emptyBuffer()
    await run({
      api: () => api,
      sleep: async ms => {
        sleeps.push(ms)
      },
      schedule: FAST_SCHEDULE,
      runContext: () => ({ ...DEFAULT_CONTEXT }),
      // The step starts now, on whichever clock the test gives (this process started long ago).
      startedAt: overrides.now ?? Date.now,
      ...overrides
    })
  } finally {
    write.mockRestore()
    restoreEnv()
  }
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined
  process.exitCode = undefined
  return {
    api,
    sleeps,
    stdout,
    errors: errorsOf({ stdout }),
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    exitCode
  }
}
