import type { Sleep } from '../clock.js'
import { fitsInProgress } from '../requests/batches.js'
import type { InvalidationApi } from './client.js'
import type { CompletionTracker } from './completion.js'
import { messageOf } from '../errors.js'
import { errorName, explainApiError } from './explain.js'
import type { Ledger } from '../report/ledger.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import { plural } from '../plural.js'
import { targetLabel } from '../targets.js'

export interface CreateDeps {
  api: InvalidationApi
  tracker: CompletionTracker
  ledger: Ledger
  signal: AbortSignal
  sleep: Sleep
  now: () => number
  log: (message: string) => void
}

// CloudFront's TooManyInvalidationsInProgress clears as invalidations complete (seconds to minutes);
// the SDK does not retry it, so the action does, with backoff, within wait-timeout.
const TOO_MANY_FIRST_DELAY_MS = 5_000
const TOO_MANY_MAX_DELAY_MS = 30_000

/**
 * Creates every batch of every target: targets concurrently, each target's batches in order, each
 * batch only once this step's own earlier batches leave it room under CloudFront's in-progress limits.
 * A target's failure is recorded in the ledger and does not stop the other targets.
 */
export async function createAll(plans: readonly TargetRequests[], deadline: number, deps: CreateDeps): Promise<void> {
  await Promise.all(plans.map(plan => createForTarget(plan, deadline, deps)))
}

async function createForTarget(plan: TargetRequests, deadline: number, deps: CreateDeps): Promise<void> {
  const { target, requests } = plan
  for (const [index, { batch, callerReference }] of requests.entries()) {
    const label = `batch ${index + 1} of ${requests.length} for ${targetLabel(target)}`
    try {
      await deps.tracker.waitUntil(
        () => fitsInProgress(batch, deps.tracker.inProgress(target)),
        deadline,
        `room for ${label} under CloudFront's in-progress limits`
      )
      const created = await createWithRetry(plan, index, deadline, deps)
      const record = {
        target,
        ...created,
        callerReference,
        paths: batch.items.length,
        files: batch.files,
        wildcards: batch.wildcards,
        createdAt: deps.now(),
        completedAt: created.status === 'Completed' ? deps.now() : undefined
      }
      // One object in both: the tracker's status updates are what the outputs and summary show.
      deps.ledger.add(record)
      deps.tracker.track(record)
      deps.log(
        `Created ${created.invalidationId} on ${targetLabel(target)} (${label}, ${plural(batch.items.length, 'path')}, CallerReference ${callerReference})`
      )
    } catch (error) {
      const isApiError = !(
        error instanceof Error &&
        (error.name === 'WaitDeadlineError' || error.name === 'PollFailedError')
      )
      // A create stopped in flight may still have reached CloudFront: say how to find it.
      const message =
        error instanceof StoppedInFlightError
          ? `${label}: CreateInvalidation was stopped before CloudFront answered; it may still have been created: look for CallerReference ${callerReference} in the distribution's invalidations.`
          : isApiError
            ? explainApiError(error, 'CreateInvalidation', target)
            : `${label}: ${messageOf(error)}`
      deps.ledger.fail({
        target,
        message,
        notCreated: requests.slice(index).map((r, i) => ({ batch: index + i + 1, paths: r.batch.items.length }))
      })
      return
    }
  }
}

async function createWithRetry(plan: TargetRequests, index: number, deadline: number, deps: CreateDeps) {
  const request = plan.requests[index]
  if (!request) throw new Error(`no request ${index}`)
  let delay = TOO_MANY_FIRST_DELAY_MS
  let lastTry = false
  for (;;) {
    try {
      return await deps.api.create(plan.target, request.batch.items, request.callerReference, deps.signal)
    } catch (error) {
      if (deps.signal.aborted) throw new StoppedInFlightError()
      const remaining = deadline - deps.now()
      if (errorName(error) !== 'TooManyInvalidationsInProgress' || lastTry || remaining <= 0) throw error
      // The last try is at the deadline itself, so a short wait-timeout still gets one retry; and only
      // one: a timer that fires a millisecond early must not buy another.
      const pause = Math.min(delay, remaining)
      lastTry = pause === remaining
      deps.log(
        `${targetLabel(plan.target)} has too many invalidations in progress (CloudFront allows 3,000 file paths and 15 wildcards at a time); retrying batch ${index + 1} in ${(pause / 1000).toFixed(1)} s`
      )
      await deps.sleep(pause, deps.signal)
      delay = Math.min(delay * 2, TOO_MANY_MAX_DELAY_MS)
    }
  }
}

/** The step's signal stopped a CreateInvalidation that had been sent: CloudFront may have made it. */
class StoppedInFlightError extends Error {
  constructor() {
    super('CreateInvalidation was stopped in flight')
    this.name = 'StoppedInFlightError'
  }
}
