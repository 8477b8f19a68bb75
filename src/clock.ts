import { CancelledError } from './cancel.js'
import { messageOf } from './errors.js'

/** Sleeps `ms`, or rejects as soon as `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

// A step never outlives wait-timeout by more than this (the README's promise): a request still in
// flight at wait-timeout is stopped half a second before it, so that the report is written within it.
export const DEADLINE_GRACE_MS = 5_000
const REPORT_ALLOWANCE_MS = 500

/** A stage that the step's clock stopped: which stage, why (wait-timeout, a cancel), and what was in flight. */
export class StageStoppedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StageStoppedError'
  }
}

export interface ClockOptions {
  now: () => number
  sleep: Sleep
  waitTimeoutSeconds: number
  /** Aborted by the runner's cancel (cancel.ts). */
  cancel: AbortSignal
  /**
   * When the step started (epoch ms, on `now`): the deadline counts from there. main.ts gives the
   * process's start, as the runner counts the step, so that Node's own start counts too.
   */
  startedAt?: number
}

/**
 * The step's one clock, created when the step starts and passed to every stage that waits or calls
 * (lookup, configuration, create, wait, verify): `now`, `sleep`, the deadline (wait-timeout from the
 * step's start) and one abort signal (the deadline plus grace, or a cancel). Before, each stage had a
 * timer of its own, so a slow lookup and a slow configuration read each got a full wait-timeout and a
 * step could run about three times as long as wait-timeout said.
 */
export class StepClock {
  readonly startedAt: number
  /** wait-timeout after the step's start (epoch ms, on `now`): no stage starts, no wait goes on, past it. */
  readonly deadline: number
  /** Aborted 4.5 s past the deadline (reason: a TimeoutError) or on cancel (a CancelledError). */
  readonly signal: AbortSignal
  readonly now: () => number
  /** The step's sleep: stages pass it the clock's signal, so that a cancel or the deadline ends it. */
  readonly sleep: Sleep
  private readonly timer: NodeJS.Timeout
  private readonly waitTimeoutSeconds: number
  /** The stage running now, for the message when the clock stops it. */
  private stageName: string | undefined

  constructor(options: ClockOptions) {
    this.now = options.now
    this.sleep = options.sleep
    this.waitTimeoutSeconds = options.waitTimeoutSeconds
    this.startedAt = options.startedAt ?? options.now()
    this.deadline = this.startedAt + options.waitTimeoutSeconds * 1000
    const timeout = new AbortController()
    const untilAbort = Math.max(0, this.deadline + DEADLINE_GRACE_MS - REPORT_ALLOWANCE_MS - this.now())
    // unref: the timer must not keep a finished step's process alive.
    this.timer = setTimeout(
      () => timeout.abort(new DOMException('wait-timeout ran out', 'TimeoutError')),
      untilAbort
    ).unref()
    this.signal = AbortSignal.any([options.cancel, timeout.signal])
  }

  /**
   * Enters the next stage (named as the log and the messages say it: "finding the distributions").
   * Unless the stage checks the deadline itself (the wait names what is still in progress, verify what
   * it did not check), it does not begin past the deadline.
   */
  enter(stage: string, { checksDeadline = false } = {}): void {
    this.stageName = stage
    if (!checksDeadline && this.now() >= this.deadline) {
      throw new StageStoppedError(
        `wait-timeout (${this.waitTimeoutSeconds} s) ran out before ${stage}, ${this.ranFor()}: raise wait-timeout, which bounds the whole step from its start.`
      )
    }
  }

  /**
   * Why the clock stopped the stage running now (wait-timeout and its grace, or a cancel), naming the
   * stage and what it was doing (`error`, what the stopped call threw); undefined while the signal
   * has not aborted: then `error` is the stage's own failure, for its own message.
   */
  explain(error?: unknown): string | undefined {
    if (!this.signal.aborted) return undefined
    if (error instanceof StageStoppedError) return error.message
    return this.stoppedMessage(error === undefined || error === this.signal.reason ? undefined : messageOf(error))
  }

  /** Stops the timer: the step is over. */
  dispose(): void {
    clearTimeout(this.timer)
  }

  private stoppedMessage(doing: string | undefined): string {
    const during = this.stageName ? ` while ${this.stageName}` : ''
    const what = doing ? `: ${doing.replace(/\.$/, '')}` : ''
    const reason = this.signal.reason
    if (reason instanceof CancelledError) {
      // The report adds what was created (or that nothing was): a cancel does not undo an invalidation.
      return `${reason.message}${during}${what}.`
    }
    return `wait-timeout (${this.waitTimeoutSeconds} s) ran out${during}, and the request still in flight was stopped ${this.ranFor()}${what}. Raise wait-timeout, which bounds the whole step from its start, or re-run the job.`
  }

  private ranFor(): string {
    return `after ${((this.now() - this.startedAt) / 1000).toFixed(1)} s`
  }
}
