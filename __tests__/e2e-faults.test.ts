/**
 * What the network and CloudFront actually do, against dist/index.js: the emulator's fault injection.
 * In every failure the outputs and the summary still list what was created.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CloudFrontEmulator, type Fault } from '../emulator/server.js'
import { FAKE_CREDENTIALS, errorsOf, runAction, type RunResult } from '../__fixtures__/runner.js'

const DIST = 'EDFDVBD632BHDS5'
let emulator: CloudFrontEmulator
let endpoint: string

beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: [DIST] })
  endpoint = await emulator.start()
})
afterEach(() => emulator.stop())

const run = (
  inputs: Record<string, string>,
  extra: Parameters<typeof runAction>[0] extends infer O ? Partial<O> : never = {}
) => runAction({ endpoint, inputs: { 'distribution-id': DIST, paths: '/index.html', ...inputs }, ...extra })
const creates = () => emulator.requests.filter(r => r.operation === 'CreateInvalidation')
const noStackTrace = (result: RunResult) =>
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)

describe('faults on CreateInvalidation', () => {
  const cases: [string, Fault][] = [
    ['503 before commit', { operation: 'CreateInvalidation', kind: 'ServiceUnavailable', count: 2 }],
    ['503 after commit', { operation: 'CreateInvalidation', kind: 'ServiceUnavailable', count: 2, afterCommit: true }],
    ['Throttling before commit', { operation: 'CreateInvalidation', kind: 'Throttling', count: 2 }],
    ['Throttling after commit', { operation: 'CreateInvalidation', kind: 'Throttling', count: 2, afterCommit: true }],
    ['a dropped connection after commit', { operation: 'CreateInvalidation', kind: 'drop', afterCommit: true }]
  ]
  it.each(cases)('%s: the SDK retries and exactly one invalidation exists', async (_what, fault) => {
    emulator.injectFault(fault)
    const result = await run({})
    expect(errorsOf(result)).toEqual([])
    expect(result.code).toBe(0)
    expect(creates().length).toBeGreaterThan(1)
    expect(emulator.invalidations).toHaveLength(1)
    expect(result.outputs['invalidation-id']).toBe(emulator.invalidations[0]?.id)
  })

  it('a server that never answers: the request times out and is retried', async () => {
    emulator.injectFault({ operation: 'CreateInvalidation', kind: 'hang' })
    const result = await run({})
    expect(result.code).toBe(0)
    expect(creates().map(r => r.status)).toEqual(['hung', 201])
  }, 60_000)

  it('a server that never answers at all: the step ends at wait-timeout plus a small margin', async () => {
    emulator.injectFault({ operation: 'CreateInvalidation', kind: 'hang', count: 100 })
    const result = await run({ 'wait-timeout': '3' })
    expect(result.code).toBe(1)
    expect(result.elapsedMs).toBeLessThan(3_000 + 5_000 + 3_000)
    expect(errorsOf(result)[0]).toMatch(/did not finish in time/)
    expect(result.outputs.invalidations).toBe('[]')
  }, 60_000)

  it.each(['malformed', 'truncated'] as const)('a %s response body: a clear error, not a crash', async kind => {
    emulator.injectFault({ operation: 'CreateInvalidation', kind, count: 10 })
    const result = await run({})
    expect(result.code).toBe(1)
    const errors = errorsOf(result)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /CreateInvalidation for EDFDVBD632BHDS5 (got a response that could not be read|got a response that is not a CloudFront answer|failed: check the network)/
    )
    noStackTrace(result)
  })
})

describe('faults on GetInvalidation while waiting', () => {
  const cases: [string, Fault][] = [
    ['503', { operation: 'GetInvalidation', kind: 'ServiceUnavailable', count: 4 }],
    ['Throttling', { operation: 'GetInvalidation', kind: 'Throttling', count: 4 }],
    ['dropped connections', { operation: 'GetInvalidation', kind: 'drop', count: 4 }],
    ['a malformed body', { operation: 'GetInvalidation', kind: 'malformed', count: 2 }]
  ]
  it.each(cases)(
    '%s: the wait carries on to Completed',
    async (_what, fault) => {
      emulator.setCompletionDelay(1500)
      emulator.injectFault(fault)
      const result = await run({ wait: 'true' })
      expect(errorsOf(result)).toEqual([])
      expect(result.outputs.status).toBe('Completed')
      expect(emulator.invalidations).toHaveLength(1)
    },
    60_000
  )

  it('a poll that never answers times out, and the wait carries on', async () => {
    emulator.setCompletionDelay(500)
    emulator.injectFault({ operation: 'GetInvalidation', kind: 'hang' })
    const result = await run({ wait: 'true', 'wait-timeout': '60' })
    expect(result.outputs.status).toBe('Completed')
  }, 60_000)
})

describe('cancellation', () => {
  // Node cannot send a signal to another process on Windows (kill() terminates it), so this runs
  // where signals exist; on Windows, cancel.test.ts checks that Ctrl-C and Ctrl-Break start the report.
  const unix = process.platform === 'win32' ? it.skip : it
  unix('SIGINT then SIGTERM: logs what was created, writes the outputs and exits promptly', async () => {
    emulator.setCompletionDelay(120_000)
    // The runner's order: SIGINT, then SIGTERM a moment later if the process is still there; sent
    // while the step waits, once its invalidation exists.
    const result = await run(
      { wait: 'true' },
      {
        signals: [
          { name: 'SIGINT', afterMs: 300 },
          { name: 'SIGTERM', afterMs: 350 }
        ],
        signalsWhen: () => emulator.invalidations.length > 0
      }
    )
    const id = emulator.invalidations[0]?.id
    expect(id).toBeDefined()
    expect(result.code).toBe(1)
    // It reports before its forced exit (3 s after the first signal), well before the runner's 7.5 s.
    expect(result.elapsedMs - (result.signalledAtMs ?? 0)).toBeLessThan(300 + 4000)
    expect(result.outputs['invalidation-id']).toBe(id)
    expect(result.outputs.status).toBe('InProgress')
    expect(errorsOf(result)[0]).toContain('The step was cancelled (SIGINT)')
    expect(errorsOf(result)[0]).toContain(`Created by this step: ${id} on ${DIST} (InProgress)`)
    expect(result.summary).toContain(id)
  })
})

describe('secrets', () => {
  it('no credential value appears in the log, the outputs or the summary', async () => {
    const secrets = Object.values(FAKE_CREDENTIALS)
    const env = {
      ACTIONS_STEP_DEBUG: 'true',
      RUNNER_DEBUG: '1',
      AWS_SECURITY_TOKEN: FAKE_CREDENTIALS.AWS_SESSION_TOKEN
    }
    const results = [await run({ wait: 'true' }, { env }), await run({ 'dry-run': 'true' }, { env })]
    emulator.deny('CreateInvalidation')
    results.push(await run({ paths: '/other.html' }, { env }))
    emulator.injectFault({ operation: 'CreateInvalidation', kind: 'malformed', count: 10 })
    results.push(await run({ paths: '/third.html' }, { env }))
    for (const result of results) {
      const everything = [result.stdout, result.stderr, result.summary, JSON.stringify(result.outputs)].join('\n')
      for (const secret of secrets) expect(everything).not.toContain(secret)
      expect(everything).not.toMatch(/Signature=[0-9a-f]{16}/)
    }
    // The runs did happen, with those credentials.
    expect(String(emulator.requests[0]?.headers.authorization)).toContain(FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID)
  })
})
