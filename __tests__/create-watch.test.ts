/**
 * createAll() on TooManyInvalidationsInProgress: it watches the other jobs' invalidations that hold the
 * capacity (ListInvalidations, GetInvalidation) in the step's one polling loop, and falls back to the
 * blind backoff when it may not look. The fake enforces CloudFront's documented limits (15 wildcards,
 * 3,000 file paths in progress); the clock, the sleeps and the random source are the test's.
 */
import { describe, expect, it } from '@jest/globals'
import { FakeCloudFront, apiError } from '../__fixtures__/fake-cloudfront.js'
import { CancelledError } from '../src/cancel.js'
import { CompletionTracker, type Tracked } from '../src/cloudfront/completion.js'
import { createAll } from '../src/cloudfront/create.js'
import { Ledger } from '../src/report/ledger.js'
import { splitIntoBatches } from '../src/requests/batches.js'
import type { TargetRequests } from '../src/requests/plan-requests.js'
import type { Target } from '../src/targets.js'

/** Until the clock shows another millisecond: the next invalidation is then strictly newer (CloudFront orders by CreateTime). */
function nextMillisecond(): void {
  const now = Date.now()
  while (Date.now() === now) {
    // spin: a few microseconds at most
  }
}

const DIST: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5' }
const TENANT: Target = { kind: 'tenant', id: 'dt_2wjDZi3hD1ivOXf6tYFvKZ' }
// Polled every 2 ms, so that a test takes milliseconds; the order of calls is what is checked.
const FAST = [{ until: Number.POSITIVE_INFINITY, every: 0.002 }]

const wildcards = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `/${prefix}${i}/*`)
const files = (n: number, prefix = 'f') => Array.from({ length: n }, (_, i) => `/${prefix}${i}.css`)

function plan(target: Target, items: string[], ref = 'mine'): TargetRequests {
  return {
    target,
    requests: splitIntoBatches(items).map((batch, i) => ({ batch, callerReference: `${ref}-${i + 1}` }))
  }
}

interface Step {
  api: FakeCloudFront
  ledger: Ledger
  sleeps: number[]
  logs: string[]
  notices: string[]
}

async function step(
  api: FakeCloudFront,
  plans: TargetRequests[],
  {
    deadlineMs = 60_000,
    controller = new AbortController(),
    random = (): number => 0.5,
    onSleep = (_count: number): void => {}
  } = {}
): Promise<Step> {
  const logs: string[] = []
  const notices: string[] = []
  const sleeps: number[] = []
  const ledger = new Ledger(Date.now())
  const tracker = new CompletionTracker(api, { signal: controller.signal, log: m => logs.push(m), schedule: FAST })
  await createAll(plans, Date.now() + deadlineMs, {
    api,
    tracker,
    ledger,
    signal: controller.signal,
    // The sleeps are recorded and not slept: only the tracker's polls take (2 ms) time.
    sleep: async (ms, signal) => {
      sleeps.push(ms)
      onSleep(sleeps.length)
      // As node:timers/promises rejects an aborted sleep.
      if (signal.aborted) throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })
    },
    now: Date.now,
    log: m => logs.push(m),
    notice: m => notices.push(m),
    random
  })
  return { api, ledger, sleeps, logs, notices }
}

/** Another job's invalidation, created on the fake as that job would. */
async function other(api: FakeCloudFront, target: Target, items: string[], ref: string): Promise<string> {
  return (await api.create(target, items, ref)).invalidationId
}

const ops = (api: FakeCloudFront, from = 0) =>
  api.calls
    .slice(from)
    .map(c => (c.operation === 'status' || c.operation === 'contents' ? `${c.operation} ${c.detail}` : c.operation))

describe('createAll on TooManyInvalidationsInProgress', () => {
  it('watches the invalidation that holds the wildcards, then tries once after a jitter of random × 500 ms', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 3
    const theirs = await other(api, DIST, wildcards(12, 'theirs'), 'theirs')
    const from = api.calls.length
    const { ledger, sleeps, logs, notices } = await step(api, [plan(DIST, [...wildcards(4), ...files(300)])], {
      random: () => 0.25
    })
    expect(ledger.failures).toEqual([])
    expect(ledger.created).toHaveLength(1)
    // Refused; one list and one read of what it holds; polls of it until Completed (3); one new try.
    expect(ops(api, from)).toEqual([
      'create',
      'inProgress',
      `contents ${theirs}`,
      `status ${theirs}`,
      `status ${theirs}`,
      `status ${theirs}`,
      'create'
    ])
    expect(sleeps).toEqual([125])
    expect(notices).toEqual([])
    expect(logs.join('\n')).toContain(`batch 1 waits for ${theirs} (12 wildcards, 0 file paths) to complete`)
    expect(logs.join('\n')).not.toMatch(/retrying batch/)
  })

  it('reads only as far as needed: the oldest explains the refusal, the newer one is not read', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    const oldest = await other(api, DIST, wildcards(13, 'a'), 'a')
    nextMillisecond()
    const newer = await other(api, DIST, files(10, 'b'), 'b')
    const { ledger } = await step(api, [plan(DIST, wildcards(4))])
    expect(ledger.created).toHaveLength(1)
    const contents = api.calls.filter(c => c.operation === 'contents').map(c => c.detail)
    expect(contents).toEqual([oldest])
    expect(api.calls.filter(c => c.operation === 'status').map(c => c.detail)).not.toContain(newer)
  })

  it('wildcards and files mixed: waits for the file holder it read first, then, refused again, for the wildcard holder', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    const files2900 = await other(api, DIST, files(2900, 'a'), 'a')
    nextMillisecond()
    const wild12 = await other(api, DIST, wildcards(12, 'b'), 'b')
    const from = api.calls.length
    const { ledger, logs } = await step(api, [plan(DIST, [...wildcards(4), ...files(300)])])
    expect(ledger.created).toHaveLength(1)
    // 2,900 + 300 file paths explain the refusal: the newer one is read only when that is not enough.
    expect(logs.filter(l => l.includes('waits for'))).toEqual([
      expect.stringContaining(`batch 1 waits for ${files2900} (0 wildcards, 2,900 file paths) to complete`),
      expect.stringContaining(`batch 1 waits for ${wild12} (12 wildcards, 0 file paths) to complete`)
    ])
    expect(ops(api, from)).toEqual([
      'create',
      'inProgress',
      `contents ${files2900}`,
      `status ${files2900}`,
      `status ${files2900}`,
      'create',
      'inProgress',
      `contents ${wild12}`,
      `status ${wild12}`,
      `status ${wild12}`,
      'create'
    ])
  })

  it('one poll of a watched invalidation serves every batch of the step waiting on it', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 4
    const controller = new AbortController()
    const tracker = new CompletionTracker(api, { signal: controller.signal, log: () => {}, schedule: FAST })
    const theirs = await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    const watched: Tracked = {
      target: DIST,
      invalidationId: theirs,
      status: 'InProgress',
      files: 0,
      wildcards: 15,
      completedAt: undefined
    }
    tracker.watchOther(watched)
    const roomFor = (n: number) =>
      tracker.waitUntil(
        () => tracker.held(DIST).reduce((sum, t) => sum + t.wildcards, 0) + n <= 15,
        Date.now() + 60_000,
        `room for ${n}`,
        () => tracker.held(DIST)
      )
    await Promise.all([roomFor(1), roomFor(4), roomFor(15)])
    expect(api.calls.filter(c => c.operation === 'status')).toHaveLength(4)
  })

  it('one that completes between the list and the read counts as room made: a new try after the jitter, not the backoff', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    const theirs = await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    const contents = api.contents.bind(api)
    api.contents = async (target, id) => {
      api.created.filter(c => c.id === id).forEach(c => (c.polls = 2))
      return contents(target, id)
    }
    const from = api.calls.length
    const { ledger, sleeps } = await step(api, [plan(DIST, wildcards(1))])
    expect(ledger.created).toHaveLength(1)
    expect(ops(api, from)).toEqual(['create', 'inProgress', `contents ${theirs}`, 'create'])
    expect(sleeps).toEqual([250])
  })

  it('refused though what it knows leaves room: one quick try, and at the next look a listed one gone counts as completed', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    const a = await other(api, DIST, wildcards(5, 'a'), 'a')
    nextMillisecond()
    const b = await other(api, DIST, wildcards(5, 'b'), 'b')
    // CloudFront counts something the step cannot see: two refusals that the known 10 wildcards do not explain.
    api.createErrors.push(apiError('TooManyInvalidationsInProgress'), apiError('TooManyInvalidationsInProgress'))
    const contents = api.contents.bind(api)
    api.contents = async (target, id) => {
      const answer = await contents(target, id)
      // a completes once both are read, before the second look.
      if (id === b) api.created.filter(c => c.id === a).forEach(c => (c.polls = 2))
      return answer
    }
    const from = api.calls.length
    const { ledger, sleeps, logs } = await step(api, [plan(DIST, wildcards(1))])
    expect(ledger.created).toHaveLength(1)
    expect(ops(api, from)).toEqual([
      'create',
      'inProgress',
      `contents ${a}`,
      `contents ${b}`,
      'create',
      'inProgress',
      'create'
    ])
    expect(sleeps).toEqual([250, 250])
    expect(logs.join('\n')).not.toMatch(/retrying batch/)
  })

  it("another job's invalidation that cannot be followed (GetInvalidation denied while watching) stops counting: the backoff then", async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 3
    const theirs = await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    api.statusErrors.push(apiError('Throttling', 'Rate exceeded'), apiError('AccessDenied', 'denied', 403))
    const { ledger, sleeps, logs } = await step(api, [plan(DIST, wildcards(1))], {
      onSleep: count => {
        if (count === 3) api.created.filter(c => c.id === theirs).forEach(c => (c.polls = 3))
      }
    })
    expect(ledger.created).toHaveLength(1)
    expect(logs).toEqual(
      expect.arrayContaining([
        `GetInvalidation for ${theirs} failed (Throttling); polling again`,
        `${theirs} on ${DIST.id} cannot be followed (AccessDenied); no longer counted`
      ])
    )
    // The jitter; refused again, it sees theirs listed but no longer counts it: nothing it counts
    // explains the refusal, so one quick try, then, refused once more, the blind backoff.
    expect(sleeps).toEqual([250, 250, 5000])
  })

  it('refusals nothing visible explains (nothing listed in progress): one quick try, then the blind backoff', async () => {
    const api = new FakeCloudFront()
    api.createErrors.push(
      apiError('TooManyInvalidationsInProgress'),
      apiError('TooManyInvalidationsInProgress'),
      apiError('TooManyInvalidationsInProgress')
    )
    const { ledger, sleeps, logs, notices } = await step(api, [plan(DIST, ['/a/*'])])
    expect(ledger.created).toHaveLength(1)
    // What held the room may have completed just before the look: one try after the jitter; then 5, 10 s.
    expect(sleeps).toEqual([250, 5000, 10000])
    expect(logs.join('\n')).toMatch(/retrying batch 1 in 5\.0 s/)
    expect(api.calls.filter(c => c.operation === 'inProgress')).toHaveLength(3)
    expect(notices).toEqual([])
  })

  it('deadline while watching: one last try at the deadline, then the refusal explained', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = Number.MAX_SAFE_INTEGER
    await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    const from = api.calls.length
    // The tracker's deadline is a real timer: 2 s leaves a busy machine the time to refuse, look and
    // start watching (30 ms, once, did not: the soak's ninth run saw no poll before the deadline).
    const { ledger } = await step(api, [plan(DIST, wildcards(2))], { deadlineMs: 2_000 })
    expect(ledger.created).toEqual([])
    expect(ledger.failures[0]?.message).toMatch(
      /too many invalidations in progress .*did not clear within wait-timeout.*\(TooManyInvalidationsInProgress:/s
    )
    expect(ledger.failures[0]?.notCreated).toEqual([{ batch: 1, paths: 2 }])
    expect(api.calls.slice(from).filter(c => c.operation === 'create')).toHaveLength(2)
    expect(api.calls.slice(from).filter(c => c.operation === 'status').length).toBeGreaterThan(0)
  })

  it("cancel while watching another job's invalidation: nothing more is created and the failure says cancelled", async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = Number.MAX_SAFE_INTEGER
    const theirs = await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    const controller = new AbortController()
    const status = api.status.bind(api)
    api.status = async (target, id) => {
      if (id === theirs) controller.abort(new CancelledError('SIGINT'))
      return status(target, id)
    }
    const from = api.calls.length
    const { ledger } = await step(api, [plan(DIST, wildcards(2))], { controller })
    expect(ledger.created).toEqual([])
    expect(ledger.failures[0]?.message).toBe(`batch 1 of 1 for ${DIST.id}: The step was cancelled (SIGINT)`)
    expect(api.calls.slice(from).filter(c => c.operation === 'create')).toHaveLength(1)
  })

  it('cancel during the pause before a new try: the failure says cancelled, not a CloudFront error', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 1
    const theirs = await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    const controller = new AbortController()
    const { ledger, sleeps } = await step(api, [plan(DIST, wildcards(2))], {
      controller,
      onSleep: () => controller.abort(new CancelledError('SIGTERM'))
    })
    expect(api.calls.filter(c => c.operation === 'status').map(c => c.detail)).toEqual([theirs])
    expect(sleeps).toEqual([250])
    expect(ledger.created).toEqual([])
    expect(ledger.failures[0]?.message).toBe(`batch 1 of 1 for ${DIST.id}: The step was cancelled (SIGTERM)`)
  })

  const denied = (action: string) =>
    apiError(
      'AccessDenied',
      `User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: ${action}`,
      403
    )

  it('ListInvalidations denied: the blind backoff, one notice naming the permissions, and no second look', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    api.inProgressErrors.push(denied('cloudfront:ListInvalidations'))
    const theirs = await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    const { ledger, sleeps, notices } = await step(api, [plan(DIST, wildcards(1))], {
      // Theirs completes during the second backoff.
      onSleep: count => {
        if (count === 2) api.created.filter(c => c.id === theirs).forEach(c => (c.polls = 2))
      }
    })
    expect(ledger.created).toHaveLength(1)
    expect(sleeps).toEqual([5000, 10000])
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(
      'cloudfront:ListInvalidations was denied (AccessDenied), so it retries with a backoff of 5 to 30 s'
    )
    expect(notices[0]).toContain(
      'Allow cloudfront:ListInvalidations and cloudfront:GetInvalidation on arn:aws:cloudfront::123456789012:distribution/EDFDVBD632BHDS5'
    )
    expect(api.calls.filter(c => c.operation === 'inProgress')).toHaveLength(1)
    expect(api.calls.filter(c => c.operation === 'status' || c.operation === 'contents')).toEqual([])
  })

  it('denied on two distributions of one step: still one notice', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    api.inProgressErrors.push(denied('cloudfront:ListInvalidations'), denied('cloudfront:ListInvalidations'))
    const second: Target = { kind: 'distribution', id: 'E2QWRUHAPOMQZL' }
    await other(api, DIST, wildcards(15, 'a'), 'a')
    await other(api, second, wildcards(15, 'b'), 'b')
    const { ledger, notices } = await step(api, [plan(DIST, wildcards(1)), plan(second, wildcards(1))], {
      onSleep: () => api.created.forEach(c => (c.polls = 2))
    })
    expect(ledger.created).toHaveLength(2)
    expect(notices).toHaveLength(1)
  })

  it("a tenant's GetInvalidation denied: the backoff, and the notice names the tenant's permissions", async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    api.contentsErrors.push(denied('cloudfront:GetInvalidationForDistributionTenant'))
    const theirs = await other(api, TENANT, wildcards(15, 'theirs'), 'theirs')
    const { ledger, sleeps, notices } = await step(api, [plan(TENANT, wildcards(1))], {
      onSleep: () => api.created.filter(c => c.id === theirs).forEach(c => (c.polls = 2))
    })
    expect(ledger.created).toHaveLength(1)
    expect(sleeps).toEqual([5000])
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain('cloudfront:GetInvalidationForDistributionTenant was denied')
    expect(notices[0]).toContain(
      'Allow cloudfront:ListInvalidationsForDistributionTenant and cloudfront:GetInvalidationForDistributionTenant on arn:aws:cloudfront::123456789012:distribution-tenant/'
    )
  })

  it('ListInvalidations throttled past the SDK retries: this try waits blind, the next refusal looks again', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 3
    api.inProgressErrors.push(apiError('Throttling', 'Rate exceeded'))
    const theirs = await other(api, DIST, wildcards(15, 'theirs'), 'theirs')
    const from = api.calls.length
    const { ledger, sleeps, notices, logs } = await step(api, [plan(DIST, wildcards(1))])
    expect(ledger.created).toHaveLength(1)
    expect(notices).toEqual([])
    expect(logs.join('\n')).toContain('ListInvalidations for EDFDVBD632BHDS5 failed (Throttling): this try waits blind')
    expect(ops(api, from)).toEqual([
      'create',
      'inProgress',
      'create',
      'inProgress',
      `contents ${theirs}`,
      `status ${theirs}`,
      `status ${theirs}`,
      `status ${theirs}`,
      'create'
    ])
    // The blind pause, then the jitter before the try after watching.
    expect(sleeps).toEqual([5000, 250])
  })
})
