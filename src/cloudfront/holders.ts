import type { InvalidationApi } from './client.js'
import { fits, holdingOf, type Holding } from './capacity.js'
import { abortReason, type CompletionTracker } from './completion.js'
import type { Target } from '../targets.js'

/** What a look at the target's invalidations in progress found, or which call failed. */
export type Look =
  | { seen: true; completed: number }
  | { seen: false; operation: 'ListInvalidations' | 'GetInvalidation'; error: unknown }

// GetInvalidation calls at most in one look: the oldest unseen first; a later refusal reads on.
const MAX_READS = 15

/**
 * After a TooManyInvalidationsInProgress: which invalidations hold the target's capacity. One
 * ListInvalidations tells which are in progress (others this step counted and that are gone from it
 * have completed: `completed` says how many, with those that completed before they were read); a GetInvalidation of each one the step has not seen
 * yet, oldest first, tells what it holds, as far as needed: once what the step knows of explains the
 * refusal, the newer ones would complete after those and are not read. What it learns goes to the
 * tracker, which counts it and polls it.
 */
export async function lookAtHolders(
  api: InvalidationApi,
  tracker: CompletionTracker,
  target: Target,
  batch: Holding,
  signal: AbortSignal,
  now: () => number
): Promise<Look> {
  const failed = (operation: 'ListInvalidations' | 'GetInvalidation', error: unknown): Look => {
    if (signal.aborted) throw abortReason(signal)
    return { seen: false, operation, error }
  }
  let listed: Awaited<ReturnType<InvalidationApi['inProgress']>>
  try {
    listed = await api.inProgress(target, signal)
  } catch (error) {
    return failed('ListInvalidations', error)
  }
  const listedIds = new Set(listed.map(l => l.invalidationId))
  let completed = 0
  for (const other of tracker.othersInProgress(target)) {
    if (listedIds.has(other.invalidationId)) {
      other.checkedAt = now()
    } else {
      tracker.sawCompleted(other)
      completed += 1
    }
  }
  const unseen = listed.filter(l => !tracker.known(target, l.invalidationId)).sort((a, b) => a.createdAt - b.createdAt)
  let reads = 0
  for (const { invalidationId, createdAt } of unseen) {
    if (!fits(batch, tracker.held(target)) || reads === MAX_READS) break
    reads += 1
    let contents: { status: string; items: string[] }
    try {
      contents = await api.contents(target, invalidationId, signal)
    } catch (error) {
      return failed('GetInvalidation', error)
    }
    // Completed between the list and the read: it held the room of the refusal, and holds it no more.
    if (contents.status === 'Completed') completed += 1
    tracker.watchOther({
      target,
      invalidationId,
      status: contents.status,
      ...holdingOf(contents.items),
      completedAt: undefined,
      createdAt,
      checkedAt: now()
    })
  }
  return { seen: true, completed }
}
