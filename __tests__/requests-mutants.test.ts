/**
 * Example tests that pin down what mutation testing (npm run mutate) found unchecked in src/requests/:
 * exactly what a derived CallerReference hashes, the local stand-in for a run, and when the plan uses
 * the user's own reference.
 */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { Settings } from '../src/inputs.js'
import { deriveCallerReference } from '../src/requests/caller-reference.js'
import { localRunContext } from '../src/requests/run-context.js'
import { planRequests } from '../src/requests/plan-requests.js'
import { DEFAULT_CONTEXT } from '../__fixtures__/runner.js'

const target = { kind: 'distribution' as const, id: 'EDFDVBD632BHDS5' }
const paths = (n: number) => Array.from({ length: n }, (_, i) => `/p${String(i).padStart(4, '0')}.html`)

/** The documented digest: each run fact and the target, then each path of the sorted set, one a line. */
function expectedDigest(items: string[]): string {
  const { sha, runId, runAttempt, job, action } = DEFAULT_CONTEXT
  const lines = [sha, runId, runAttempt, job, action, target.kind, target.id, ...[...items].sort()]
  return createHash('sha256')
    .update(lines.map(line => `${line}\n`).join(''))
    .digest('hex')
    .slice(0, 16)
}

describe('deriveCallerReference hashes each fact and each path on a line of its own', () => {
  it.each([1, 256, 300])('%i paths: the same digest as hashing them one line at a time', n => {
    const items = paths(n).reverse()
    expect(deriveCallerReference(DEFAULT_CONTEXT, target, items).split('-').pop()).toBe(expectedDigest(items))
  })

  it('facts that only differ in where one ends and the next begins give different references', () => {
    const a = deriveCallerReference({ ...DEFAULT_CONTEXT, job: 'deploy-a', action: 'b' }, target, ['/x'])
    const b = deriveCallerReference({ ...DEFAULT_CONTEXT, job: 'deploy-', action: 'ab' }, target, ['/x'])
    expect(a).not.toBe(b)
  })
})

describe('localRunContext', () => {
  it('stands in with the time as the run id and 8 random hex digits as the attempt, no job or action', () => {
    const before = Date.now()
    const local = localRunContext()
    expect(local.sha).toBe('local00')
    expect(Number(local.runId)).toBeGreaterThanOrEqual(before)
    expect(Number(local.runId)).toBeLessThanOrEqual(Date.now())
    expect(local.runAttempt).toMatch(/^[0-9a-f]{8}$/)
    expect(local).toMatchObject({ job: '', action: '' })
  })
})

describe('planTargets', () => {
  const settings = (callerReference?: string) => ({ callerReference }) as unknown as Settings

  it('derives each request’s reference when caller-reference is not set', () => {
    const [plan] = planRequests(settings(), [target], ['/a'], DEFAULT_CONTEXT)
    expect(plan?.requests.map(request => request.callerReference)).toEqual([
      deriveCallerReference(DEFAULT_CONTEXT, target, ['/a'])
    ])
  })

  it('uses caller-reference as given, numbered when a target gets several requests', () => {
    expect(planRequests(settings('v1'), [target], ['/a'], DEFAULT_CONTEXT)[0]?.requests[0]?.callerReference).toBe('v1')
    const [plan] = planRequests(settings('v1'), [target], paths(3001), DEFAULT_CONTEXT)
    expect(plan?.requests.map(request => request.callerReference)).toEqual(['v1-1', 'v1-2'])
  })
})
