import type { Sleep } from '../clock.js'
import type { Batch } from '../requests/batches.js'
import type { InvalidationApi } from './client.js'
import { fits, mustCompleteFirst } from './capacity.js'
import type { CompletionTracker, Tracked } from './completion.js'
import { messageOf } from '../errors.js'
import type { Look } from './holders.js'
import {
  capacityHiddenNotice,
  errorName,
  explainApiError,
  isCredentialError,
  mayHaveReachedCloudFront
} from './explain.js'
import type { Ledger } from '../report/ledger.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import { plural } from '../plural.js'
import { targetLabel, type Target } from '../targets.js'

export interface CreateDeps {
  api: InvalidationApi
  tracker: CompletionTracker
  ledger: Ledger
  signal: AbortSignal
  sleep: Sleep
  now: () => number
  log: (message: string) => void
  /** A notice on the run page (once a step): the role cannot see what is in progress. Default: log. */
  notice?: (message: string) => void
  /** From 0 (inclusive) to 1, for the delay before each new try. Default: Math.random. */
  random?: () => number
}

// When the step cannot see what holds the capacity (ListInvalidations or GetInvalidation denied, or
// nothing it can see explains the refusal), it waits blind, with backoff, within wait-timeout.
const TOO_MANY_FIRST_DELAY_MS = 5_000
const TOO_MANY_MAX_DELAY_MS = 30_000
// Before each new try once room has come: jobs that saw the same completion then try one after the
// other, so the ones that find the room taken see the winners' invalidations in progress and watch
// again instead of refusing each other in a tight loop.
const JITTER_MAX_MS = 500

/** The targets whose invalidations in progress the role may not list or read, and whether the step said so. */
interface Sight {
  hidden: Set<string>
  noticed: boolean
}

/**
 * Creates every batch of every target: targets concurrently, each target's batches in order, each
 * batch only once what the step knows to be in progress (its own and, once refused, other jobs')
 * leaves it room under CloudFront's in-progress limits. A target's failure is recorded in the ledger
 * and does not stop the other targets.
 */
export async function createAll(plans: readonly TargetRequests[], deadline: number, deps: CreateDeps): Promise<void> {
  const sight: Sight = { hidden: new Set(), noticed: false }
  await Promise.all(plans.map(plan => createForTarget(plan, deadline, deps, sight)))
}

async function createForTarget(plan: TargetRequests, deadline: number, deps: CreateDeps, sight: Sight): Promise<void> {
  const { target, requests } = plan
  for (const [index, { batch, callerReference }] of requests.entries()) {
    const label = `batch ${index + 1} of ${requests.length} for ${targetLabel(target)}`
    try {
      if (!fits(batch, deps.tracker.held(target))) {
        // The step's own earlier batches hold the room: say so, or the log shows an unexplained pause.
        deps.log(
          `${label} waits for ${waitedFor(mustCompleteFirst(batch, deps.tracker.held(target)))} to complete: CloudFront allows 3,000 file paths and 15 wildcards in progress at a time`
        )
      }
      await waitForRoom(
        target,
        batch,
        deadline,
        `room under CloudFront's in-progress limits (3,000 file paths, 15 wildcards)`,
        deps
      )
      const created = await createWithRetry(plan, index, deadline, deps, sight)
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
      // A cancel reads as one wherever it struck (a request, a sleep, a wait); a wait that ran out or a
      // poll that cannot go on says so itself; the rest are CloudFront's answers, explained.
      // A create the step's deadline stopped in flight may still have reached CloudFront: say how to find it.
      const reason: unknown = deps.signal.aborted ? deps.signal.reason : undefined
      const cancel = reason instanceof Error && reason.name === 'CancelledError' ? reason : undefined
      const plain = cancel ?? (error instanceof Error && isPlain(error) ? error : undefined)
      const stopped = error instanceof StoppedInFlightError
      const message = stopped
        ? cancel
          ? `${label}: ${messageOf(cancel)} while CreateInvalidation was in flight`
          : `${label}: CreateInvalidation was stopped before CloudFront answered`
        : plain
          ? `${label}: ${messageOf(plain)}`
          : explainApiError(error, 'CreateInvalidation', target)
      // A request that may have reached CloudFront is neither created nor not: the report says which
      // CallerReference to look for, and never "No invalidation was created".
      const mayExist = stopped || (!plain && mayHaveReachedCloudFront(error))
      const notCreated = requests.slice(index).map((r, i) => ({ batch: index + i + 1, paths: r.batch.items.length }))
      deps.ledger.fail({
        target,
        message,
        notCreated: mayExist ? notCreated.slice(1) : notCreated,
        ...(mayExist ? { mayExist: { batch: index + 1, paths: batch.items.length, callerReference } } : {})
      })
      return
    }
  }
}

function isPlain(error: Error): boolean {
  return error.name === 'WaitDeadlineError' || error.name === 'PollFailedError' || error.name === 'CancelledError'
}

/** Waits, polling the oldest that must complete first, until `batch` fits beside what the step knows is in progress. */
function waitForRoom(target: Target, batch: Batch, deadline: number, what: string, deps: CreateDeps): Promise<void> {
  const { tracker } = deps
  return tracker.waitUntil(
    () => fits(batch, tracker.held(target)),
    deadline,
    what,
    () => mustCompleteFirst(batch, tracker.held(target))
  )
}

async function createWithRetry(plan: TargetRequests, index: number, deadline: number, deps: CreateDeps, sight: Sight) {
  const { target } = plan
  const request = plan.requests[index]
  if (!request) throw new Error(`no request ${index}`)
  const { batch } = request
  const jitter = () => deps.sleep(Math.floor((deps.random ?? Math.random)() * JITTER_MAX_MS), deps.signal)
  let delay = TOO_MANY_FIRST_DELAY_MS
  let retriedUnexplained = false
  // The try at the deadline is the last: a timer that fires a millisecond early must not buy another.
  let lastTry = false
  for (;;) {
    try {
      return await deps.api.create(target, batch.items, request.callerReference, deps.signal)
    } catch (error) {
      if (deps.signal.aborted) throw new StoppedInFlightError()
      if (errorName(error) !== 'TooManyInvalidationsInProgress' || lastTry || deadline - deps.now() <= 0) throw error
    }
    let look: Look | undefined
    if (!sight.hidden.has(target.id)) {
      // Only a refused step looks at what holds the room: the module is loaded then.
      const { lookAtHolders } = await import('./holders.js')
      look = await lookAtHolders(deps.api, deps.tracker, target, batch, deps.signal, deps.now)
    }
    if (look && !look.seen) {
      const { operation, error } = look
      if (errorName(error) === 'AccessDenied' || isCredentialError(error)) {
        // For the rest of the step: a role that may not list them now will not be allowed a minute later.
        sight.hidden.add(target.id)
        if (!sight.noticed) (deps.notice ?? deps.log)(capacityHiddenNotice(error, operation, target))
        sight.noticed = true
      } else {
        deps.log(`${operation} for ${targetLabel(target)} failed (${errorName(error)}): this try waits blind`)
      }
    }
    const held = deps.tracker.held(target)
    if (look?.seen && !fits(batch, held)) {
      const first = mustCompleteFirst(batch, held)
      deps.log(
        `${targetLabel(target)} has too many invalidations in progress (CloudFront allows 3,000 file paths and 15 wildcards at a time); batch ${index + 1} waits for ${waitedFor(first)} to complete`
      )
      try {
        await waitForRoom(target, batch, deadline, `room for batch ${index + 1} on ${targetLabel(target)}`, deps)
      } catch (error) {
        // At the deadline one last try, as the blind backoff makes: its refusal is the step's answer.
        if (!(error instanceof Error && error.name === 'WaitDeadlineError')) throw error
        lastTry = true
        continue
      }
      await jitter()
      delay = TOO_MANY_FIRST_DELAY_MS
      retriedUnexplained = false
      continue
    }
    if (look?.seen && (look.completed > 0 || !retriedUnexplained)) {
      // Room was made between the refusal and the look: what the step watched is gone from the list,
      // or (unseen by the step, so leaving no trace) what held the room has just completed. Try again
      // now; when nothing seen complete explains it, only once until the step has watched again.
      retriedUnexplained ||= look.completed === 0
      await jitter()
      continue
    }
    // Nothing the step can see explains the refusal (or it may not look): the blind backoff.
    const remaining = deadline - deps.now()
    // The last try is at the deadline itself, so a short wait-timeout still gets one retry.
    const pause = Math.max(0, Math.min(delay, remaining))
    lastTry = pause === remaining || remaining <= 0
    deps.log(
      `${targetLabel(target)} has too many invalidations in progress (CloudFront allows 3,000 file paths and 15 wildcards at a time); retrying batch ${index + 1} in ${(pause / 1000).toFixed(1)} s`
    )
    await deps.sleep(pause, deps.signal)
    delay = Math.min(delay * 2, TOO_MANY_MAX_DELAY_MS)
  }
}

/** The invalidations a batch waits for, with what each holds ("I2ABC (4 wildcards, 300 file paths)"), at most 3 named. */
function waitedFor(first: readonly Tracked[]): string {
  const named = first
    .slice(0, 3)
    .map(t => `${t.invalidationId} (${plural(t.wildcards, 'wildcard')}, ${plural(t.files, 'file path')})`)
  const more = first.length > 3 ? ` and ${first.length - 3} more` : ''
  return `${named.join(', ')}${more}`
}

/** The step's signal stopped a CreateInvalidation that had been sent: CloudFront may have made it. */
class StoppedInFlightError extends Error {
  constructor() {
    super('CreateInvalidation was stopped in flight')
    this.name = 'StoppedInFlightError'
  }
}
