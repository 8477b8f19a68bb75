import * as core from '@actions/core'
import type { StepClock } from '../clock.js'
import { messageOf } from '../errors.js'
import { agree, plural } from '../plural.js'
import type { Ledger } from '../report/ledger.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import { targetLabel } from '../targets.js'
import type { InvalidationApi } from './client.js'
import { CompletionTracker, type PollPhase } from './completion.js'
import { createAll } from './create.js'

export interface CreateAndWaitOptions {
  api: InvalidationApi
  clock: StepClock
  /** Whether to wait for completion (wait, or verify, which needs it). */
  wait: boolean
  /** The poll schedule (tests replace it); undefined: completion.ts's own. */
  schedule: readonly PollPhase[] | undefined
}

/**
 * The create and wait stages: every request created under CloudFront's in-progress limits (each in the
 * ledger as soon as it exists), then, when asked, polled until Completed within the step's clock.
 * Returns false when the clock stopped the creating (the ledger then says why); a wait that runs out
 * throws, and waitFailureMessage() words it.
 */
export async function createAndWait(
  requests: readonly TargetRequests[],
  ledger: Ledger,
  { api, clock, wait, schedule }: CreateAndWaitOptions
): Promise<boolean> {
  const { deadline, signal } = clock
  const tracker = new CompletionTracker(api, {
    signal,
    log: core.info,
    now: clock.now,
    ...(schedule ? { schedule } : {})
  })
  clock.enter('creating invalidations')
  // core.group closes each group however its stage ends, so that a failure is not folded into it.
  await core.group('Creating invalidations', () =>
    createAll(requests, deadline, {
      api,
      tracker,
      ledger,
      signal,
      sleep: clock.sleep,
      now: clock.now,
      log: core.info,
      notice: core.notice
    })
  )
  // createAll records each target's failure in the ledger; if the clock stopped it, that is the step's too.
  const stopped = clock.explain()
  if (stopped) {
    ledger.stepFailure = stopped
    return false
  }
  if (wait && tracker.pending().length > 0) {
    clock.enter('waiting for completion', { checksDeadline: true })
    await core.group(`Waiting for ${plural(tracker.pending().length, 'invalidation')} to complete`, async () => {
      await tracker.waitUntil(() => tracker.pending().length === 0, deadline, 'completion')
      core.info(`All complete after ${((clock.now() - ledger.startedAt) / 1000).toFixed(1)} s`)
    })
  }
  return true
}

/** The step's failure when the wait ran out: which invalidations are still in progress, and what to do. */
export function waitFailureMessage(error: unknown, ledger: Ledger, waitTimeoutSeconds: number): string {
  if (error instanceof Error && error.name === 'WaitDeadlineError') {
    const pending = ledger.created
      .filter(c => c.status !== 'Completed')
      .map(c => `${c.invalidationId} (${targetLabel(c.target)})`)
    const they = (one: string, many: string) => agree(pending.length, one, many)
    return `${pending.join(', ')} did not complete within wait-timeout (${waitTimeoutSeconds} s). ${they('It is', 'They are')} still in progress and will complete on ${they('its', 'their')} own: raise wait-timeout, or set wait: false.`
  }
  return messageOf(error)
}
