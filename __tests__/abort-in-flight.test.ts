/**
 * A call in flight when the step's signal fires (wait-timeout and its grace, or a cancel) ends at once,
 * with the SDK's AbortError, and the step records what that means. The in-process fake holds the call
 * unanswered, as a server that does not answer would, until the signal fires.
 */
import { describe, expect, it } from '@jest/globals'
import { CancelledError } from '../src/cancel.js'
import { CompletionTracker } from '../src/cloudfront/completion.js'
import { createAll } from '../src/cloudfront/create.js'
import { Ledger } from '../src/report/ledger.js'
import { splitIntoBatches } from '../src/requests/batches.js'
import type { TargetRequests } from '../src/requests/plan-requests.js'
import type { Target } from '../src/targets.js'
import { FakeCloudFront } from '../__fixtures__/fake-cloudfront.js'

const target: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5' }
const FAR = Date.now() + 3_600_000

/** Resolves once `done()` holds, checking at each turn of the event loop (no timer, no clock). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise(resolve => setImmediate(resolve))
}

function twoBatches(): TargetRequests {
  const [first, second] = splitIntoBatches(Array.from({ length: 16 }, (_, i) => `/w${i}/*`))
  return {
    target,
    requests: [
      { batch: first!, callerReference: 'ref-1' },
      { batch: second!, callerReference: 'ref-2' }
    ]
  }
}

describe('a call in flight when the signal fires', () => {
  it('a create: ends at once, is recorded as stopped with its CallerReference, and the next batch is not sent', async () => {
    const api = new FakeCloudFront()
    api.hang.add('create')
    const controller = new AbortController()
    const ledger = new Ledger(0)
    const tracker = new CompletionTracker(api, { signal: controller.signal, log: () => undefined })
    const log: string[] = []
    const creating = createAll([twoBatches()], FAR, {
      api,
      tracker,
      ledger,
      signal: controller.signal,
      sleep: async () => undefined,
      now: Date.now,
      log: line => log.push(line)
    })
    await until(() => api.calls.length === 1)
    controller.abort(new CancelledError('SIGINT'))
    await creating
    expect(api.aborted).toEqual([{ operation: 'create', target: target.id, detail: 'ref-1' }])
    expect(api.calls.map(c => c.detail)).toEqual(['ref-1'])
    expect(api.created).toEqual([])
    expect(ledger.created).toEqual([])
    expect(ledger.failures).toEqual([
      {
        target,
        message:
          'batch 1 of 2 for EDFDVBD632BHDS5: The step was cancelled (SIGINT) while CreateInvalidation was in flight',
        // Sent, so CloudFront may have made it: neither created nor "not created".
        mayExist: { batch: 1, paths: 15, callerReference: 'ref-1' },
        notCreated: [{ batch: 2, paths: 1 }]
      }
    ])
    expect(ledger.problems()).toEqual([
      "batch 1 of 2 for EDFDVBD632BHDS5: The step was cancelled (SIGINT) while CreateInvalidation was in flight. May have been created all the same: batch 1 (15 paths), CallerReference ref-1; look for it among the distribution's invalidations before re-running (a re-run creates a new one). Not created: batch 2 (1 path)."
    ])
    expect(ledger.createdSentence()).toBe(
      'No invalidation was seen created, but one batch may have been (above): its request was sent and its answer never read.'
    )
    expect(log).toEqual([])
  })

  it('a poll: the wait rejects with the reason the signal gives, and no other poll follows', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 100
    const controller = new AbortController()
    const tracker = new CompletionTracker(api, {
      signal: controller.signal,
      log: () => undefined,
      schedule: [{ until: Number.POSITIVE_INFINITY, every: 0.001 }]
    })
    const created = await api.create(target, ['/a'], 'ref-1')
    tracker.track({
      target,
      invalidationId: created.invalidationId,
      status: 'InProgress',
      files: 1,
      wildcards: 0,
      completedAt: undefined
    })
    // Two polls answered, then the third held in flight.
    const waiting = tracker.waitUntil(() => tracker.pending().length === 0, FAR, 'completion')
    await until(() => api.calls.filter(c => c.operation === 'status').length === 2)
    api.hang.add('status')
    await until(() => api.calls.filter(c => c.operation === 'status').length === 3)
    const reason = new CancelledError('SIGTERM')
    controller.abort(reason)
    await expect(waiting).rejects.toBe(reason)
    expect(api.aborted).toEqual([{ operation: 'status', target: target.id, detail: created.invalidationId }])
    // Nothing is asked once the signal has fired: a new wait is refused at once.
    await expect(tracker.waitUntil(() => false, FAR, 'completion')).rejects.toBe(reason)
    expect(api.calls.filter(c => c.operation === 'status')).toHaveLength(3)
  })

  it('a call whose signal has already fired is not sent, as the SDK does not send it', async () => {
    const api = new FakeCloudFront()
    const controller = new AbortController()
    controller.abort(new CancelledError('SIGINT'))
    await expect(api.create(target, ['/a'], 'ref-1', controller.signal)).rejects.toMatchObject({ name: 'AbortError' })
    expect(api.created).toEqual([])
  })
})
