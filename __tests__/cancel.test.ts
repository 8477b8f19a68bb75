import { describe, expect, it } from '@jest/globals'
import { CancelledError, watchForCancel } from '../src/cancel.js'

describe('watchForCancel', () => {
  it('aborts on the first signal, then forces the report and the exit after the grace period', async () => {
    const events: string[] = []
    const watch = watchForCancel(() => events.push('report'), {
      graceMs: 20,
      exit: code => void events.push(`exit ${code}`)
    })
    process.emit('SIGINT')
    process.emit('SIGTERM')
    expect(watch.signal.aborted).toBe(true)
    expect(watch.signal.reason).toBeInstanceOf(CancelledError)
    expect((watch.signal.reason as Error).message).toBe('The step was cancelled (SIGINT)')
    await new Promise(resolve => setTimeout(resolve, 60))
    expect(events).toEqual(['report', 'exit 1'])
    watch.dispose()
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
