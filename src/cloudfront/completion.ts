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
 * Follows every invalidation the step created, in one polling loop shared by all distributions, so
 * that several invalidations stay within one call budget: each poll asks about one in-progress
 * invalidation, in turn. The loop runs only while somebody waits on it.
 */
export class CompletionTracker {
  private readonly tracked: Tracked[] = []
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

  inProgress(target: Target): { files: number; wildcards: number } {
    let files = 0
    let wildcards = 0
    for (const t of this.tracked) {
      if (t.target.id === target.id && t.status !== 'Completed') {
        files += t.files
        wildcards += t.wildcards
      }
    }
    return { files, wildcards }
  }

  pending(): Tracked[] {
    return this.tracked.filter(t => t.status !== 'Completed')
  }

  /** Resolves once `done()` holds; rejects at `deadline` (epoch ms), on abort, or when polling cannot go on. */
  waitUntil(done: () => boolean, deadline: number, what: string): Promise<void> {
    if (done()) return Promise.resolve()
    if (this.options.signal.aborted) return Promise.reject(abortReason(this.options.signal))
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        done,
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
        await this.askNext()
        this.settleAll()
        if (this.waiters.size === 0) return
        await sleepFor(this.delayAt((this.now() - started) / 1000) * 1000, undefined, { signal })
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

  /** One poll: asks CloudFront about the next in-progress invalidation, in turn; throws what waiting cannot fix. */
  private async askNext(): Promise<void> {
    const pending = this.pending()
    this.logProgress(pending)
    const next = pending[this.turn++ % pending.length]
    if (!next) return
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
}

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('cancelled')
}
