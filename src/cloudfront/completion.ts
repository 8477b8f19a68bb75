import { setTimeout as sleepFor } from 'node:timers/promises'
import { errorName, explainApiError, isCredentialError } from './explain.js'
import type { InvalidationApi } from './client.js'
import { messageOf } from '../errors.js'
import type { Target } from '../targets.js'

/** One invalidation this step created and follows until it is Completed. */
export interface Tracked {
  target: Target
  invalidationId: string
  status: string
  files: number
  wildcards: number
  /** When this step saw it Completed (epoch ms). */
  completedAt: number | undefined
  /** When it was created (epoch ms): the oldest in progress is expected to complete first. */
  createdAt?: number
  /** When CloudFront last told its status (epoch ms), when that was not by this loop's poll. */
  checkedAt?: number
}

/** The status of another job's invalidation that can no longer be followed: it no longer counts as held. */
const UNFOLLOWED = 'Unfollowed'

function holds(t: Tracked): boolean {
  return t.status !== 'Completed' && t.status !== UNFOLLOWED
}

/** How often to poll: every `every` seconds until `until` seconds after polling started. */
export interface PollPhase {
  until: number
  every: number
}

/**
 * CloudFront completes most invalidations within 25 s, so the first 45 s are polled every second
 * (completion is noticed within about a second), then every 2 s up to a minute, then every 10 s
 * (at most 10% of a wait that long). The SDK's stock waiter starts at 20 s and backs off with
 * jitter, which can double a short wait.
 */
export const DEFAULT_SCHEDULE: readonly PollPhase[] = [
  { until: 45, every: 1 },
  { until: 60, every: 2 },
  { until: Number.POSITIVE_INFINITY, every: 10 }
]

const PROGRESS_EVERY_MS = 10_000

// A status told less than this part of a tick ago is not asked again (a tick later it is).
const RECHECK_FRACTION = 0.9

export class WaitDeadlineError extends Error {
  constructor(readonly what: string) {
    super(
      `wait-timeout ran out while waiting for ${what}: raise wait-timeout, or re-run once the invalidations in progress have completed`
    )
    this.name = 'WaitDeadlineError'
  }
}

/** A poll that cannot succeed by waiting longer (a missing permission, an unknown invalidation). */
export class PollFailedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PollFailedError'
  }
}

interface Waiter {
  done: () => boolean
  /** The invalidations this waiter waits on, the first to poll first; all the step's own when absent. */
  watching: (() => readonly Tracked[]) | undefined
  resolve: () => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

export interface TrackerOptions {
  schedule?: readonly PollPhase[]
  signal: AbortSignal
  log: (message: string) => void
  now?: () => number
}

/**
 * Follows every invalidation the step created, and the other jobs' invalidations that hold the
 * capacity it waits for, in one polling loop shared by all distributions and batches, so that several
 * stay within one call budget: each poll asks about one in-progress invalidation, in turn, among those
 * somebody waits on. The loop runs only while somebody waits on it.
 */
export class CompletionTracker {
  private readonly tracked: Tracked[] = []
  /** Other jobs' invalidations in progress that this step has learned of (create.ts). */
  private readonly others: Tracked[] = []
  private readonly waiters = new Set<Waiter>()
  private loop: Promise<void> | undefined
  private turn = 0
  private waitingSince: number | undefined
  private lastProgressAt = 0
  private readonly schedule: readonly PollPhase[]
  private readonly now: () => number

  constructor(
    private readonly api: InvalidationApi,
    private readonly options: TrackerOptions
  ) {
    this.schedule = options.schedule ?? DEFAULT_SCHEDULE
    this.now = options.now ?? Date.now
  }

  track(invalidation: Tracked): void {
    this.tracked.push(invalidation)
  }

  /** Another job's invalidation, to count and to watch while this step waits for the capacity it holds. */
  watchOther(invalidation: Tracked): void {
    if (!this.known(invalidation.target, invalidation.invalidationId)) this.others.push(invalidation)
  }

  /** Whether the step created this invalidation or has learned of it. */
  known(target: Target, invalidationId: string): boolean {
    const same = (t: Tracked) => t.target.id === target.id && t.invalidationId === invalidationId
    return this.tracked.some(same) || this.others.some(same)
  }

  /** Other jobs' invalidations on `target` that this step counts as in progress. */
  othersInProgress(target: Target): Tracked[] {
    return this.others.filter(t => t.target.id === target.id && holds(t))
  }

  /** Marks another job's invalidation Completed (ListInvalidations no longer lists it in progress). */
  sawCompleted(invalidation: Tracked): void {
    invalidation.status = 'Completed'
    invalidation.completedAt = this.now()
  }

  /** Everything this step knows to be in progress on `target`, its own and others', oldest first. */
  held(target: Target): Tracked[] {
    return [...this.tracked, ...this.others]
      .filter(t => t.target.id === target.id && holds(t))
      .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0))
  }

  pending(): Tracked[] {
    return this.tracked.filter(t => t.status !== 'Completed')
  }

  /**
   * Resolves once `done()` holds; rejects at `deadline` (epoch ms), on abort, or when polling cannot go
   * on. `watching` names what to poll for it, first things first (by default every own in progress).
   */
  waitUntil(done: () => boolean, deadline: number, what: string, watching?: () => readonly Tracked[]): Promise<void> {
    if (done()) return Promise.resolve()
    if (this.options.signal.aborted) return Promise.reject(abortReason(this.options.signal))
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        done,
        watching,
        resolve,
        reject,
        timer: setTimeout(() => this.settle(waiter, new WaitDeadlineError(what)), Math.max(0, deadline - this.now()))
      }
      this.waiters.add(waiter)
      this.ensureLoop()
    })
  }

  /** Starts the polling loop unless it runs; a waiter that came while it was ending restarts it. */
  private ensureLoop(): void {
    if (this.loop) return
    this.loop = this.poll().finally(() => {
      this.loop = undefined
      if (this.waiters.size > 0 && !this.options.signal.aborted) this.ensureLoop()
    })
  }

  private settle(waiter: Waiter, error?: Error): void {
    if (!this.waiters.delete(waiter)) return
    clearTimeout(waiter.timer)
    if (error) waiter.reject(error)
    else waiter.resolve()
  }

  private settleAll(error?: Error): void {
    for (const waiter of [...this.waiters]) {
      if (error) this.settle(waiter, error)
      else if (waiter.done()) this.settle(waiter)
    }
  }

  /**
   * The loop, plainly: ask about the next in-progress invalidation, settle who can be settled, then
   * sleep as long as the schedule says for this moment of the wait, until nobody waits. An answer that
   * waiting cannot fix ends it for every waiter; so does a cancel (the sleep is aborted at once).
   */
  private async poll(): Promise<void> {
    const started = this.now()
    const { signal } = this.options
    const abort = () => this.settleAll(abortReason(signal))
    signal.addEventListener('abort', abort, { once: true })
    try {
      for (;;) {
        this.settleAll()
        if (this.waiters.size === 0 || signal.aborted) return
        const every = this.delayAt((this.now() - started) / 1000) * 1000
        await this.askNext(every)
        this.settleAll()
        if (this.waiters.size === 0) return
        await sleepFor(every, undefined, { signal })
      }
    } catch (error) {
      this.settleAll(
        signal.aborted ? abortReason(signal) : error instanceof Error ? error : new Error(messageOf(error))
      )
    } finally {
      signal.removeEventListener('abort', abort)
    }
  }

  /** Seconds until the next poll, `elapsed` seconds into the wait: the phase it falls in says. */
  private delayAt(elapsed: number): number {
    const phase = this.schedule.find(p => elapsed < p.until) ?? this.schedule[this.schedule.length - 1]
    return phase?.every ?? 10
  }

  /** Every 10 s of waiting, one line that says how long and on what. */
  private logProgress(pending: readonly Tracked[]): void {
    const now = this.now()
    if (this.waitingSince === undefined) {
      this.waitingSince = now
      this.lastProgressAt = now
    }
    if (now - this.lastProgressAt < PROGRESS_EVERY_MS || pending.length === 0) return
    this.lastProgressAt = now
    const ids = pending
      .slice(0, 5)
      .map(t => t.invalidationId)
      .join(', ')
    this.options.log(
      `Still waiting after ${Math.round((now - this.waitingSince) / 1000)} s: ${pending.length} in progress (${ids}${pending.length > 5 ? ', …' : ''})`
    )
  }

  /**
   * What the waiters wait on: for each, the first it names (the oldest that must complete), or all the
   * step's own in progress. A waiter watching others' invalidations polls one of them at a time, so
   * that its completion is noticed as soon as the schedule allows.
   */
  private candidates(): Tracked[] {
    const chosen = new Set<Tracked>()
    for (const waiter of this.waiters) {
      const watched = waiter.watching ? waiter.watching().filter(holds).slice(0, 1) : this.pending()
      for (const t of watched) chosen.add(t)
    }
    return [...chosen]
  }

  /** One poll: asks CloudFront about the next invalidation waited on, in turn; throws what waiting cannot fix. */
  private async askNext(every: number): Promise<void> {
    this.logProgress(this.pending())
    const candidates = this.candidates()
    const next = candidates[this.turn++ % candidates.length]
    if (!next) return
    // Just listed or read by create.ts: asking again before the next tick would tell nothing new.
    if (next.checkedAt !== undefined && this.now() - next.checkedAt < every * RECHECK_FRACTION) return
    if (this.others.includes(next)) return this.askAboutOther(next)
    try {
      next.status = await this.api.status(next.target, next.invalidationId, this.options.signal)
      if (next.status === 'Completed') {
        next.completedAt = this.now()
        this.options.log(`${next.invalidationId} on ${next.target.id} is Completed`)
      }
    } catch (error) {
      if (this.options.signal.aborted) throw abortReason(this.options.signal)
      const name = errorName(error)
      // Waiting longer cannot fix these; the stock waiter would retry them until the timeout.
      if (
        name === 'AccessDenied' ||
        name === 'NoSuchInvalidation' ||
        name === 'NoSuchDistribution' ||
        name === 'EntityNotFound' ||
        isCredentialError(error)
      ) {
        throw new PollFailedError(explainApiError(error, 'GetInvalidation', next.target))
      }
      // Anything else (a 5xx after the SDK's retries, a dropped connection): poll again.
      this.options.log(`GetInvalidation for ${next.invalidationId} failed (${name}); polling again`)
    }
  }

  /**
   * One poll of another job's invalidation. A failure ends nothing: an answer that waiting cannot fix
   * (a denied GetInvalidation) stops counting it, so that the batch tries again and, refused, looks
   * again at what is in progress (create.ts falls back to its backoff when it cannot).
   */
  private async askAboutOther(other: Tracked): Promise<void> {
    try {
      other.status = await this.api.status(other.target, other.invalidationId, this.options.signal)
      if (other.status === 'Completed') {
        other.completedAt = this.now()
        this.options.log(`${other.invalidationId} on ${other.target.id} (not this step's) is Completed`)
      }
    } catch (error) {
      if (this.options.signal.aborted) throw abortReason(this.options.signal)
      const name = errorName(error)
      if (name === 'AccessDenied' || name === 'NoSuchInvalidation' || isCredentialError(error)) {
        other.status = UNFOLLOWED
        this.options.log(
          `${other.invalidationId} on ${other.target.id} cannot be followed (${name}); no longer counted`
        )
        return
      }
      this.options.log(`GetInvalidation for ${other.invalidationId} failed (${name}); polling again`)
    }
  }
}

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('cancelled')
}
