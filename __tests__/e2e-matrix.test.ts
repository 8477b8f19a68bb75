/**
 * End-to-end: several jobs of one workflow invalidating one distribution (or tenant) at the same moment,
 * each step the committed dist/index.js under Node 24 against the local CloudFront endpoint, which
 * enforces CloudFront's in-progress limits. A step that CloudFront refuses watches the invalidations
 * that hold the capacity and tries again when they complete. Counts and order are checked, not times.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CloudFrontEmulator } from '../emulator/server.js'
import { errorsOf, runAction, type RunOptions, type RunResult } from '../__fixtures__/runner.js'

const DIST = 'EDFDVBD632BHDS5'
const TENANT = 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
// CloudFront's documented limits: 15 wildcard paths in progress at a time per distribution (typed
// here from its quotas page): three jobs of 4 wildcards fit, a fourth must wait.
const WILDCARDS_IN_PROGRESS = 15
// The bound for the twelve-job matrix: CloudFront's request rate must not be at risk.
const MAX_CALLS_PER_STEP = 60

let emulator: CloudFrontEmulator
let endpoint: string

beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: [DIST], tenants: [TENANT] })
  endpoint = await emulator.start()
})
afterEach(() => emulator.stop())

/** Job `job`'s own paths: `wildcards` of them, and `files` file paths, under /app<job>/. */
function paths(job: number, wildcards: number, files = 0): string {
  const lines: string[] = []
  for (let w = 0; w < wildcards; w++) lines.push(`/app${job}/part${w}/*`)
  for (let f = 0; f < files; f++) lines.push(`/app${job}/files/f${f}.css`)
  return lines.join('\n')
}

/** The access key job `job` signs with, so that the emulator's records say whose each call was. */
const keyOf = (job: number) => `AKIAMATRIXJOB${String(job).padStart(7, '0')}`
const callsOf = (job: number) =>
  emulator.requests.filter(r => String(r.headers.authorization ?? '').includes(`Credential=${keyOf(job)}/`))

/** Job `job` of the matrix: its own key and job name (so its own CallerReference). */
function job(index: number, inputs: Record<string, string>, options: Partial<RunOptions> = {}): Promise<RunResult> {
  return runAction({
    endpoint,
    inputs,
    context: { job: `deploy-app${index}` },
    env: { AWS_ACCESS_KEY_ID: keyOf(index) },
    ...options
  })
}

const noticesOf = (result: RunResult) => result.stdout.split('\n').filter(line => line.startsWith('::notice'))

describe('many jobs, one distribution', () => {
  it('twelve steps at once, 4 wildcards + 300 files each: all succeed, one invalidation each, none lost or doubled', async () => {
    emulator.setCompletionDelay(3000)
    const jobs = Array.from({ length: 12 }, (_, i) => i)
    const results = await Promise.all(
      jobs.map(i => job(i, { 'distribution-id': DIST, paths: paths(i, 4, 300), wait: 'true', 'wait-timeout': '300' }))
    )
    for (const [i, result] of results.entries()) {
      expect({ job: i, code: result.code, errors: errorsOf(result) }).toEqual({ job: i, code: 0, errors: [] })
      expect(result.outputs.status).toBe('Completed')
    }
    // One invalidation per job, each with exactly its own 304 paths, each named in its job's outputs.
    const created = emulator.invalidations
    expect(created).toHaveLength(12)
    for (const i of jobs) {
      const own = created.filter(c => c.paths.every(p => p.startsWith(`/app${i}/`)))
      expect(own).toHaveLength(1)
      expect(own[0]?.paths).toHaveLength(304)
      expect(results[i]?.outputs['invalidation-id']).toBe(own[0]?.id)
    }
    // The emulator refused what CloudFront would: never more than 15 wildcards in progress at one time.
    for (const c of created) {
      const inProgress = created.filter(o => o.createdAt <= c.createdAt && c.createdAt < o.completesAt)
      expect(inProgress.length * 4).toBeLessThanOrEqual(WILDCARDS_IN_PROGRESS)
    }
    // Refused steps watched what held the room rather than waiting blind, and stayed within the call budget.
    const logs = results.map(r => r.stdout).join('\n')
    expect(logs).toMatch(/batch 1 waits for I[0-9A-F]+ \(4 wildcards, 300 file paths\) to complete/)
    expect(logs).not.toMatch(/retrying batch 1 in/)
    expect(emulator.requests.filter(r => r.operation === 'ListInvalidations').length).toBeGreaterThan(0)
    for (const i of jobs) expect(callsOf(i).length).toBeLessThanOrEqual(MAX_CALLS_PER_STEP)
    expect(results.flatMap(noticesOf)).toEqual([])
  }, 120_000)

  it('ListInvalidations denied: the refused step keeps the blind backoff and says so in one notice', async () => {
    emulator.setCompletionDelay(2000)
    emulator.deny('ListInvalidations')
    const results = await Promise.all(
      [0, 1].map(i => job(i, { 'distribution-id': DIST, paths: paths(i, 12), 'wait-timeout': '60' }))
    )
    expect(results.map(r => r.code)).toEqual([0, 0])
    expect(emulator.invalidations).toHaveLength(2)
    const refused = results.find(r => /retrying batch 1 in 5\.0 s/.test(r.stdout))
    expect(refused).toBeDefined()
    expect(noticesOf(refused!)).toEqual([
      expect.stringContaining(
        'cloudfront:ListInvalidations was denied (AccessDenied), so it retries with a backoff of 5 to 30 s. Allow cloudfront:ListInvalidations and cloudfront:GetInvalidation on arn:aws:cloudfront::123456789012:distribution/EDFDVBD632BHDS5'
      )
    ])
    expect(results.flatMap(noticesOf)).toHaveLength(1)
    // It could not look, so it read nothing of the other's invalidation.
    expect(emulator.requests.filter(r => r.operation === 'GetInvalidation')).toEqual([])
  }, 60_000)

  it('a ListInvalidations that answers malformed: that try waits blind, no notice, and the step succeeds', async () => {
    emulator.setCompletionDelay(2000)
    emulator.injectFault({ operation: 'ListInvalidations', kind: 'malformed', count: 1 })
    const results = await Promise.all(
      [0, 1].map(i => job(i, { 'distribution-id': DIST, paths: paths(i, 12), 'wait-timeout': '60' }))
    )
    expect(results.map(r => r.code)).toEqual([0, 0])
    expect(emulator.invalidations).toHaveLength(2)
    const refused = results.find(r => /ListInvalidations for EDFDVBD632BHDS5 failed/.test(r.stdout))
    expect(refused?.stdout).toMatch(/this try waits blind/)
    expect(refused?.stdout).toMatch(/retrying batch 1 in 5\.0 s/)
    expect(results.flatMap(noticesOf)).toEqual([])
  }, 60_000)

  it("a tenant: the refused step watches the other's invalidation through the tenant's own calls", async () => {
    emulator.setCompletionDelay(2000)
    const inputs = (i: number) => ({ 'distribution-id': '', 'distribution-tenant-id': TENANT, paths: paths(i, 12) })
    const results = await Promise.all([0, 1].map(i => job(i, inputs(i))))
    expect(results.map(r => r.code)).toEqual([0, 0])
    expect(emulator.invalidations.map(i => i.tenant)).toEqual([true, true])
    const refused = results.find(r => /batch 1 waits for I[0-9A-F]+ \(12 wildcards, 0 file paths\)/.test(r.stdout))
    expect(refused).toBeDefined()
    expect(refused?.stdout).not.toMatch(/retrying batch 1 in/)
    const operations = new Set(emulator.requests.map(r => r.operation))
    expect(operations).toContain('ListInvalidationsForDistributionTenant')
    expect(operations).toContain('GetInvalidationForDistributionTenant')
    expect(operations).not.toContain('ListInvalidations')
    expect(operations).not.toContain('GetInvalidation')
  }, 60_000)

  const unix = process.platform === 'win32' ? it.skip : it
  unix(
    "cancel while watching another job's invalidation: nothing is created and the step says it was cancelled",
    async () => {
      emulator.setCompletionDelay(120_000)
      const first = await job(0, { 'distribution-id': DIST, paths: paths(0, 15) })
      expect(first.code).toBe(0)
      const theirs = emulator.invalidations[0]!.id
      // Once it has read what theirs holds and polled it again: it is watching.
      const watching = () =>
        callsOf(1).filter(r => r.operation === 'GetInvalidation' && r.url.endsWith(`/invalidation/${theirs}`)).length >=
        2
      const result = await job(
        1,
        { 'distribution-id': DIST, paths: paths(1, 1), wait: 'true', 'wait-timeout': '300' },
        { signals: [{ name: 'SIGINT', afterMs: 0 }], signalsWhen: watching }
      )
      expect(result.code).toBe(1)
      expect(emulator.invalidations).toHaveLength(1)
      expect(result.outputs.invalidations).toBe('[]')
      expect(errorsOf(result)[0]).toContain('The step was cancelled (SIGINT)')
      expect(errorsOf(result)[0]).toContain('Not created: batch 1 (1 path)')
      expect(result.stdout).toContain(`batch 1 waits for ${theirs} (15 wildcards, 0 file paths) to complete`)
    },
    60_000
  )
})
