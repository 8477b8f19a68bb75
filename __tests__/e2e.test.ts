/**
 * End-to-end: the committed dist/index.js, run under Node 24 as the runner runs it, against the
 * local CloudFront endpoint through the real SDK.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator } from '../emulator/server.js'
import { distChunks, errorsOf, runAction, warningsOf, type RunOptions } from '../__fixtures__/runner.js'

const DIST_A = 'EDFDVBD632BHDS5'
const DIST_B = 'E2QWRUHAPOMQZL'
const MISSING = 'E3MISSINGDIST0'

let emulator: CloudFrontEmulator
let endpoint: string

// A fresh server per test: the tests assert on everything it received.
beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: [DIST_A, DIST_B] })
  endpoint = await emulator.start()
})
afterEach(() => emulator.stop())

const run = (inputs: Record<string, string>, options: Partial<RunOptions> = {}) =>
  runAction({ endpoint, inputs, ...options })
const creates = () => emulator.requests.filter(r => r.operation === 'CreateInvalidation')
const invalidationsOutput = (outputs: Record<string, string>) =>
  JSON.parse(outputs.invalidations ?? 'null') as Record<string, unknown>[]

describe('the bundled action against the emulator', () => {
  it('invalidates one distribution and sets every output', async () => {
    const result = await run({ 'distribution-id': DIST_A, paths: '/index.html\n/assets/*' })
    expect(result.code).toBe(0)
    expect(emulator.invalidations).toHaveLength(1)
    const created = emulator.invalidations[0]!
    // /index.html brings its directory URL, /, along (index-document's default).
    expect(created.paths.sort()).toEqual(['/', '/assets/*', '/index.html'])
    expect(result.outputs['invalidation-id']).toBe(created.id)
    expect(result.outputs['caller-reference']).toBe(created.callerReference)
    expect(result.outputs['caller-reference']).toMatch(/^3f78685-1658821493-1-[0-9a-f]{16}$/)
    expect(result.outputs.status).toBe('InProgress')
    expect(invalidationsOutput(result.outputs)).toEqual([
      {
        distributionId: DIST_A,
        given: DIST_A,
        invalidationId: created.id,
        status: 'InProgress',
        callerReference: created.callerReference,
        location: `${endpoint}/2020-05-31/distribution/${DIST_A}/invalidation/${created.id}`,
        paths: 3
      }
    ])
    expect(result.summary).toContain(created.id)
    expect(result.summary).toContain(`distributions/${DIST_A}/invalidations/details/${created.id}`)
    // Signed with SigV4 for cloudfront, by the SDK's default credential chain.
    expect(String(creates()[0]?.headers.authorization)).toMatch(
      /Credential=AKIAFAKEKEYID7EXAMPLE\/\d{8}\/us-east-1\/cloudfront\/aws4_request/
    )
  })

  // Only environment-variable credentials are in dist/index.js; every other provider of the SDK's
  // chain is a chunk loaded when a run needs it (scripts/bundle.mjs). This run needs the ini one.
  it('takes credentials from a shared credentials file, loading that provider on demand', async () => {
    expect(distChunks()).not.toEqual([])
    const file = join(mkdtempSync(join(tmpdir(), 'cf-credentials-')), 'credentials')
    writeFileSync(
      file,
      '[deploy]\naws_access_key_id = AKIAFROMFILE7EXAMPLE\naws_secret_access_key = fileSecret/K7MDENG/zzFROMFILEzz\n'
    )
    const result = await run(
      { 'distribution-id': DIST_A, paths: '/index.html' },
      {
        env: {
          AWS_ACCESS_KEY_ID: '',
          AWS_SECRET_ACCESS_KEY: '',
          AWS_SESSION_TOKEN: '',
          AWS_SHARED_CREDENTIALS_FILE: file,
          AWS_PROFILE: 'deploy'
        }
      }
    )
    expect(result.code).toBe(0)
    expect(String(creates()[0]?.headers.authorization)).toMatch(/Credential=AKIAFROMFILE7EXAMPLE\//)
    expect(result.stdout + result.stderr).not.toContain('zzFROMFILEzz')
  })

  it('invalidates /* when no paths are given', async () => {
    const result = await run({ 'distribution-id': DIST_A })
    expect(result.code).toBe(0)
    expect(emulator.invalidations.map(i => i.paths)).toEqual([['/*']])
  })

  it('invalidates several distributions with the same paths, each with its own reference', async () => {
    const result = await run({ 'distribution-id': `${DIST_A}, ${DIST_B}`, paths: '/a.html /b.html' })
    expect(result.code).toBe(0)
    expect(emulator.invalidations.map(i => i.targetId).sort()).toEqual([DIST_B, DIST_A].sort())
    const refs = new Set(emulator.invalidations.map(i => i.callerReference))
    expect(refs.size).toBe(2)
    const output = invalidationsOutput(result.outputs)
    expect(output.map(o => o.distributionId).sort()).toEqual([DIST_A, DIST_B].sort())
  })

  it('waits until the invalidation is Completed, polling from the first second', async () => {
    emulator.setCompletionDelay(5000)
    const result = await run({ 'distribution-id': DIST_A, paths: '/index.html', wait: 'true' })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('Completed')
    expect(invalidationsOutput(result.outputs)[0]?.status).toBe('Completed')
    const polls = emulator.requests.filter(r => r.operation === 'GetInvalidation')
    // In the emulator's own record, the order of events: the step polled while the invalidation was
    // still in progress (a stock waiter's first poll, at 20 s, would come after it completed), and kept
    // polling until it had completed. How soon is the benchmark's figure ("completion noticed").
    const { completesAt } = emulator.invalidations[0]!
    expect(polls[0]!.at).toBeLessThan(completesAt)
    expect(polls[polls.length - 1]!.at).toBeGreaterThanOrEqual(completesAt)
    expect(result.stdout).toContain('is Completed')
    expect(result.summary).toContain('Completed')
  })

  it('fails at wait-timeout with the outputs set and the pending invalidation named', async () => {
    emulator.setCompletionDelay(60_000)
    // wait-timeout counts from the process's start: 8 s leaves a busy machine the time to create first.
    const result = await run({ 'distribution-id': DIST_A, paths: '/index.html', wait: 'true', 'wait-timeout': '8' })
    expect(result.code).toBe(1)
    const id = emulator.invalidations[0]!.id
    expect(errorsOf(result).join('\n')).toContain(`${id} (${DIST_A}) did not complete within wait-timeout (8 s)`)
    // One invalidation: "It is", and "1 invalidation".
    expect(errorsOf(result)[0]).toContain('It is still in progress and will complete on its own')
    expect(result.stdout).toContain('Waiting for 1 invalidation to complete')
    expect(result.outputs['invalidation-id']).toBe(id)
    expect(result.outputs.status).toBe('InProgress')
    expect(result.summary).toContain(id)
    // Polled every second from the create until the 8 s deadline, then no more: at most 8 polls (fewer
    // on a busy machine, never more), where waiting for completion would have made about 60.
    const polls = emulator.requests.filter(r => r.operation === 'GetInvalidation').length
    expect(polls).toBeGreaterThanOrEqual(1)
    expect(polls).toBeLessThanOrEqual(8)
  })

  it('makes no request in a dry run and prints the exact request', async () => {
    const result = await run({ 'distribution-id': DIST_A, paths: '/caf\u00e9.html', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    expect(emulator.requests).toHaveLength(0)
    expect(result.stdout).toContain('"/caf%C3%A9.html"')
    expect(result.stdout).toContain('"DistributionId": "EDFDVBD632BHDS5"')
    expect(result.outputs.invalidations).toBe('[]')
  })

  it('fails on bad input before any request, naming the input and the value', async () => {
    const result = await run({ 'distribution-id': DIST_A, paths: '/a*b' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toEqual([expect.stringContaining('Input "paths": "/a*b"')])
    expect(emulator.requests).toHaveLength(0)
  })
})

describe('CloudFront errors, each with its own message and a failed step', () => {
  const cases: [string, (e: CloudFrontEmulator) => void, string, RegExp][] = [
    [
      'AccessDenied',
      e => e.deny('CreateInvalidation'),
      DIST_A,
      /lack cloudfront:CreateInvalidation on arn:aws:cloudfront::123456789012:distribution\/EDFDVBD632BHDS5/
    ],
    ['NoSuchDistribution', () => undefined, MISSING, /E3MISSINGDIST0 does not exist in this AWS account/],
    [
      'InvalidArgument',
      e => e.injectFault({ operation: 'CreateInvalidation', kind: 'error', code: 'InvalidArgument' }),
      DIST_A,
      /rejected the request .* as invalid/
    ],
    [
      'MissingBody',
      e => e.injectFault({ operation: 'CreateInvalidation', kind: 'error', code: 'MissingBody' }),
      DIST_A,
      /received no invalidation batch/
    ],
    [
      'BatchTooLarge',
      e => e.injectFault({ operation: 'CreateInvalidation', kind: 'error', code: 'BatchTooLarge', status: 413 }),
      DIST_A,
      /batch .* as too large/
    ],
    [
      'InconsistentQuantities',
      e => e.injectFault({ operation: 'CreateInvalidation', kind: 'error', code: 'InconsistentQuantities' }),
      DIST_A,
      /inconsistent/
    ],
    [
      'Throttling',
      e => e.injectFault({ operation: 'CreateInvalidation', kind: 'Throttling', count: 10 }),
      DIST_A,
      /kept throttling CreateInvalidation/
    ],
    [
      'ServiceUnavailable',
      e => e.injectFault({ operation: 'CreateInvalidation', kind: 'ServiceUnavailable', count: 10 }),
      DIST_A,
      /HTTP 503 after the SDK's retries/
    ]
  ]
  it.each(cases)('%s', async (name, setUp, distribution, message) => {
    setUp(emulator)
    const result = await run({ 'distribution-id': distribution, paths: '/index.html' })
    expect(result.code).toBe(1)
    const errors = errorsOf(result)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
    expect(errors[0]).toContain(`(${name}:`)
    expect(emulator.invalidations).toHaveLength(0)
    expect(result.outputs.invalidations).toBe('[]')
  })

  it('InvalidationBatchAlreadyExists: a caller-reference reused with other paths', async () => {
    expect((await run({ 'distribution-id': DIST_A, paths: '/a', 'caller-reference': 'release-42' })).code).toBe(0)
    const result = await run({ 'distribution-id': DIST_A, paths: '/b', 'caller-reference': 'release-42' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toMatch(/already uses this CallerReference.*\(InvalidationBatchAlreadyExists:/s)
  })

  it('TooManyInvalidationsInProgress that never clears fails at wait-timeout, naming the limit', async () => {
    // Someone else's 15 wildcards are in progress for longer than the step may wait.
    emulator.setCompletionDelay(120_000)
    await run({
      'distribution-id': DIST_A,
      paths: Array.from({ length: 15 }, (_, i) => `/other${i}/*`).join('\n'),
      'caller-reference': 'other'
    })
    const result = await run({ 'distribution-id': DIST_A, paths: '/mine/*', 'wait-timeout': '8' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toMatch(
      /too many invalidations in progress \(CloudFront allows 3,000 file paths and 15 wildcard paths/
    )
    expect(errorsOf(result)[0]).toContain('Not created: batch 1 (1 path)')
    // It watches the other's invalidation, which holds all 15 wildcards, rather than waiting blind.
    expect(result.stdout).toMatch(/batch 1 waits for I[0-9A-F]+ \(15 wildcards, 0 file paths\) to complete/)
    expect(result.stdout).not.toMatch(/retrying batch 1 in/)
    // The other's create, then this step's first try and its one last try at the deadline.
    expect(creates().map(r => r.errorCode)).toEqual([
      undefined,
      'TooManyInvalidationsInProgress',
      'TooManyInvalidationsInProgress'
    ])
  })

  it('AccessDenied on GetInvalidation fails within seconds, naming cloudfront:GetInvalidation', async () => {
    emulator.setCompletionDelay(60_000)
    emulator.deny('GetInvalidation')
    const result = await run({ 'distribution-id': DIST_A, paths: '/index.html', wait: 'true', 'wait-timeout': '600' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toMatch(
      /lack cloudfront:GetInvalidation on arn:aws:cloudfront::123456789012:distribution\/EDFDVBD632BHDS5.*or set wait: false/
    )
    // One poll, refused, and no other: waiting longer cannot fix a denial.
    expect(emulator.requests.filter(r => r.operation === 'GetInvalidation').map(r => r.errorCode)).toEqual([
      'AccessDenied'
    ])
    // What was created is not lost.
    expect(result.outputs['invalidation-id']).toBe(emulator.invalidations[0]!.id)
  })
})

describe('credentials that expire or are refused while waiting', () => {
  it.each([
    ['ExpiredToken', 'have expired', 'role-duration-seconds'],
    ['InvalidClientTokenId', 'does not accept these credentials', 'Check what the credentials step exported']
  ])('%s on GetInvalidation fails the step within seconds, the outputs intact', async (code, said, advice) => {
    emulator.setCompletionDelay(60_000)
    emulator.injectFault({ operation: 'GetInvalidation', kind: 'error', code, status: 403, count: 1000 })
    const result = await run({ 'distribution-id': DIST_A, paths: '/index.html', wait: 'true', 'wait-timeout': '600' })
    expect(result.code).toBe(1)
    const [error] = errorsOf(result)
    expect(error).toContain(said)
    expect(error).toContain(advice)
    // Polled once, not until wait-timeout: one refused call, which the SDK does not retry.
    expect(emulator.requests.filter(r => r.operation === 'GetInvalidation').map(r => r.errorCode)).toEqual([code])
    const created = emulator.invalidations[0]!
    expect(result.outputs['invalidation-id']).toBe(created.id)
    expect(JSON.parse(result.outputs.invalidations ?? '[]')).toEqual([
      expect.objectContaining({ invalidationId: created.id })
    ])
    expect(result.summary).toContain(created.id)
  })
})

describe('CallerReference at work', () => {
  it('a 503 after the create was committed, then the SDK retry, makes exactly one invalidation', async () => {
    emulator.injectFault({ operation: 'CreateInvalidation', kind: 'ServiceUnavailable', afterCommit: true })
    const result = await run({ 'distribution-id': DIST_A, paths: '/index.html' })
    expect(result.code).toBe(0)
    expect(creates()).toHaveLength(2)
    expect(emulator.invalidations).toHaveLength(1)
    expect(result.outputs['invalidation-id']).toBe(emulator.invalidations[0]!.id)
  })

  it('the same step run twice in one attempt makes one invalidation; a new attempt makes a second', async () => {
    const inputs = { 'distribution-id': DIST_A, paths: '/index.html' }
    const first = await run(inputs)
    const again = await run(inputs)
    expect(emulator.invalidations).toHaveLength(1)
    expect(again.outputs['invalidation-id']).toBe(first.outputs['invalidation-id'])
    const rerun = await run(inputs, { context: { runAttempt: '2' } })
    expect(rerun.code).toBe(0)
    expect(emulator.invalidations).toHaveLength(2)
    expect(rerun.outputs['caller-reference']).toMatch(/^3f78685-1658821493-2-/)
  })

  it('another step, another run or other paths get a new reference', async () => {
    const inputs = { 'distribution-id': DIST_A, paths: '/index.html' }
    await run(inputs)
    await run(inputs, { context: { action: '__acme_cloudfront-invalidate_2' } })
    await run(inputs, { context: { runId: '1658821494' } })
    await run({ ...inputs, paths: '/other.html' })
    expect(new Set(emulator.invalidations.map(i => i.callerReference)).size).toBe(4)
  })

  it('outside GitHub Actions, two runs still make two invalidations', async () => {
    const inputs = { 'distribution-id': DIST_A, paths: '/index.html' }
    expect((await run(inputs, { context: null })).code).toBe(0)
    expect((await run(inputs, { context: null })).code).toBe(0)
    expect(emulator.invalidations).toHaveLength(2)
  })
})

describe('no path given', () => {
  it('a misspelt input leaves no paths: the log and the summary say /* is the default in use', async () => {
    const result = await run({ 'distribution-id': DIST_A })
    expect(result.code).toBe(0)
    expect(emulator.invalidations.map(i => i.paths)).toEqual([['/*']])
    const said =
      'No path was given (paths, paths-file and sync-log are all empty), so the default is used: /*, the whole distribution.'
    expect(result.stdout).toContain(said)
    expect(result.summary).toContain(said)
    expect(result.summary).not.toContain('1 path given')
  })
})

describe('a space in a path', () => {
  it('splits it, with a warning that says to write the space as %20', async () => {
    const result = await run({ 'distribution-id': DIST_A, paths: '/docs/getting started/faq.html\n/a.html /b.html' })
    expect(result.code).toBe(0)
    const warnings = warningsOf(result)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('paths line 1')
    expect(warnings[0]).toContain('"started/faq.html"')
    expect(warnings[0]).toContain('/docs/getting%20started/faq.html')
    expect(warnings[0]).toContain('paths-file')
  })
})

describe('the summary lists the paths sent', () => {
  it('in a collapsible block: the first 50, then how many more; one block for distributions sent the same', async () => {
    const paths = Array.from({ length: 60 }, (_, i) => `/page-${String(i).padStart(2, '0')}.html`)
    const result = await run({ 'distribution-id': `${DIST_A} ${DIST_B}`, paths: paths.join('\n') })
    expect(result.code).toBe(0)
    expect(result.summary.match(/<details>/g)).toHaveLength(1)
    expect(result.summary).toContain('<summary>Paths sent (60)</summary>')
    expect(result.summary).toContain('/page-49.html')
    expect(result.summary).not.toContain('/page-50.html')
    expect(result.summary).toContain('… and 10 more')
  })
})

describe('words that read right', () => {
  it('a dry run says "would be sent" and waits for nothing', async () => {
    const result = await run({ 'distribution-id': DIST_A, paths: '/a.html', 'dry-run': 'true', wait: 'true' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('1 path given, 1 would be sent.')
    expect(result.stdout).toContain(`${DIST_A}: 1 request would be sent`)
    expect(result.stdout).not.toContain('waiting up to')
    expect(result.summary).toContain('1 path given, 1 would be sent.')
    expect(result.summary).toContain('<summary>Paths that would be sent (1)</summary>')
  })

  it('one distribution, one request: no "each", no "requests"', async () => {
    const result = await run({ 'distribution-id': DIST_A, paths: '/a.html' })
    expect(result.stdout).toContain(`${DIST_A}: 1 request.`)
    expect(result.stdout).not.toMatch(/ each|1 requests|1 paths/)
    expect(result.summary).toContain('1 path given, 1 sent.')
  })

  it('NoSuchDistribution: the summary does not claim anything was sent', async () => {
    const result = await run({ 'distribution-id': MISSING, paths: '/a.html /b.html' })
    expect(result.code).toBe(1)
    expect(result.summary).not.toMatch(/2 sent|Paths sent/)
    expect(result.summary).toContain('2 paths given, 2 planned, none sent.')
    expect(result.summary).toContain('<summary>Paths planned (2)</summary>')
    expect(result.summary).toContain('No invalidation was created.')
  })
})
