import { describe, expect, it } from '@jest/globals'
import { CancelledError, watchForCancel } from '../src/cancel.js'

describe('watchForCancel', () => {
  it('aborts on the first signal, then forces the report and the exit after the grace period', async () => {
    const events: string[] = []
    let exited!: () => void
    const exit = new Promise<void>(resolve => (exited = resolve))
    const watch = watchForCancel(() => void events.push('report'), {
      graceMs: 20,
      exit: code => {
        events.push(`exit ${code}`)
        exited()
      }
    })
    process.emit('SIGINT')
    process.emit('SIGTERM')
    expect(watch.signal.aborted).toBe(true)
    expect(watch.signal.reason).toBeInstanceOf(CancelledError)
    expect((watch.signal.reason as Error).message).toBe('The step was cancelled (SIGINT)')
    // Nothing is forced at the signal itself: the normal path gets its grace period first.
    expect(events).toEqual([])
    await exit
    // One report, one exit, in that order: the second signal did not start another.
    expect(events).toEqual(['report', 'exit 1'])
    watch.dispose()
  })

  it('exits only once the forced report has been written', async () => {
    const events: string[] = []
    let exited!: () => void
    const exit = new Promise<void>(resolve => (exited = resolve))
    let finishWrite!: () => void
    const watch = watchForCancel(
      () => {
        events.push('report started')
        return new Promise<void>(resolve => (finishWrite = resolve)).then(() => void events.push('report written'))
      },
      { graceMs: 0, reportBoundMs: 60_000, exit: code => (events.push(`exit ${code}`), exited()) }
    )
    process.emit('SIGINT')
    while (!events.includes('report started')) await new Promise(resolve => setImmediate(resolve))
    // The report is still being written: no exit yet, however many turns of the event loop pass.
    for (let i = 0; i < 20; i++) await new Promise(resolve => setImmediate(resolve))
    expect(events).toEqual(['report started'])
    finishWrite()
    await exit
    expect(events).toEqual(['report started', 'report written', 'exit 1'])
    watch.dispose()
  })

  it('exits after its bound when the forced report never finishes, or throws', async () => {
    for (const report of [() => new Promise<void>(() => undefined), () => Promise.reject(new Error('disk full'))]) {
      const codes: number[] = []
      let exited!: () => void
      const exit = new Promise<void>(resolve => (exited = resolve))
      const watch = watchForCancel(report, {
        graceMs: 0,
        reportBoundMs: 10,
        exit: code => (codes.push(code), exited())
      })
      process.emit('SIGINT')
      await exit
      expect(codes).toEqual([1])
      watch.dispose()
    }
  })

  it('stops listening once disposed', () => {
    const before = process.listenerCount('SIGINT')
    const watch = watchForCancel(() => undefined)
    expect(process.listenerCount('SIGINT')).toBe(before + 1)
    watch.dispose()
    expect(process.listenerCount('SIGINT')).toBe(before)
    expect(watch.signal.aborted).toBe(false)
  })

  it.each(['SIGBREAK', 'SIGHUP'] as const)('%s (Windows Ctrl-Break; a hang-up) cancels too', name => {
    const watch = watchForCancel(() => undefined, { graceMs: 60_000, exit: () => undefined })
    process.emit(name)
    expect((watch.signal.reason as Error).message).toBe(`The step was cancelled (${name})`)
    watch.dispose()
  })
})
