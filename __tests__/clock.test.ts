/**
 * The step's one clock (src/clock.ts): the deadline counts from the step's start, no stage begins past
 * it, and a stage that its signal stopped is named with what it was doing. Time here is a number the
 * test moves, and the signal's timer is observed by its abort event, never by how long it took.
 */
import { describe, expect, it } from '@jest/globals'
import { CancelledError } from '../src/cancel.js'
import { StageStoppedError, StepClock } from '../src/clock.js'

const sleep = async () => undefined
function clockAt(now: { t: number }, cancel = new AbortController().signal, startedAt = 0) {
  return new StepClock({ now: () => now.t, sleep, waitTimeoutSeconds: 6, cancel, startedAt })
}
const aborted = (signal: AbortSignal) =>
  signal.aborted ? Promise.resolve() : new Promise<void>(resolve => signal.addEventListener('abort', () => resolve()))

describe('StepClock', () => {
  it('sets the deadline wait-timeout after the step started, not after the stage', () => {
    const now = { t: 4_000 }
    const clock = clockAt(now, undefined, 1_000)
    expect([clock.startedAt, clock.deadline]).toEqual([1_000, 7_000])
    clock.dispose()
  })

  it('lets a stage begin before the deadline, and refuses one at it, naming the stage', () => {
    const now = { t: 5_999 }
    const clock = clockAt(now)
    expect(() => clock.enter('finding the distributions')).not.toThrow()
    now.t = 8_300
    expect(() => clock.enter('creating invalidations')).toThrow(
      new StageStoppedError(
        'wait-timeout (6 s) ran out before creating invalidations, after 8.3 s: raise wait-timeout, which bounds the whole step from its start.'
      )
    )
    // The wait and verify say themselves what the deadline left undone.
    expect(() => clock.enter('waiting for completion', { checksDeadline: true })).not.toThrow()
    clock.dispose()
  })

  it("explains nothing while its signal has not fired: the stage's own error stands", () => {
    const clock = clockAt({ t: 0 })
    expect(clock.explain(new Error('AccessDenied'))).toBeUndefined()
    clock.dispose()
  })

  it('on a cancel: names the signal, the stage and the call that was stopped', () => {
    const cancel = new AbortController()
    const clock = clockAt({ t: 2_000 }, cancel.signal)
    clock.enter("reading each distribution's configuration")
    cancel.abort(new CancelledError('SIGINT'))
    expect(clock.signal.aborted).toBe(true)
    expect(clock.explain(new Error('GetDistribution for E1 had not answered.'))).toBe(
      "The step was cancelled (SIGINT) while reading each distribution's configuration: GetDistribution for E1 had not answered."
    )
    // The signal's own reason, rethrown by a wait, is not repeated as what the stage was doing.
    expect(clock.explain(cancel.signal.reason)).toBe(
      "The step was cancelled (SIGINT) while reading each distribution's configuration."
    )
    clock.dispose()
  })

  it('past the deadline and its grace: the signal fires with a TimeoutError, and the message says so', async () => {
    // Started 20 s ago on this clock: the deadline and its grace are long past, so the timer fires at once.
    const now = { t: 20_000 }
    const clock = clockAt(now)
    clock.enter('waiting for completion', { checksDeadline: true })
    await aborted(clock.signal)
    expect((clock.signal.reason as Error).name).toBe('TimeoutError')
    expect(
      clock.explain(new Error('ListDistributions was stopped before it answered (AbortError: Request aborted)'))
    ).toBe(
      'wait-timeout (6 s) ran out while waiting for completion, and the request still in flight was stopped after 20.0 s: ListDistributions was stopped before it answered (AbortError: Request aborted). Raise wait-timeout, which bounds the whole step from its start, or re-run the job.'
    )
    clock.dispose()
  })

  it('keeps its signal unfired while the step is within wait-timeout', async () => {
    const cancel = new AbortController()
    const clock = clockAt({ t: 0 }, cancel.signal)
    // A turn of the event loop: a timer set for 10.5 s from now has not fired.
    await new Promise(resolve => setImmediate(resolve))
    expect(clock.signal.aborted).toBe(false)
    clock.dispose()
  })
})
