export class CancelledError extends Error {
  constructor(readonly signalName: string) {
    super(`The step was cancelled (${signalName})`)
    this.name = 'CancelledError'
  }
}

const CANCEL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP']

// The runner sends SIGINT on cancel, then SIGTERM 7.5 s later: the action must have reported by then.
// The forced report starts 2.5 s after the signal and is given at most 0.5 s to finish writing, so
// the process exits within 3 s of the cancel however it is stuck.
const FORCED_REPORT_MS = 2_500
const REPORT_BOUND_MS = 500

/**
 * Turns the runner's cancel signals into an abort of every request, sleep and wait in flight, so the
 * normal path reports what was created. If that takes too long, `forceReport` runs, and the process
 * exits once its report is written (or its short bound has passed): an exit that followed the start
 * of an asynchronous write at once would lose the summary and the failure message.
 */
export function watchForCancel(
  forceReport: () => Promise<void> | void,
  {
    graceMs = FORCED_REPORT_MS,
    reportBoundMs = REPORT_BOUND_MS,
    exit = (code: number): void => process.exit(code)
  } = {}
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    controller.abort(new CancelledError(name))
    setTimeout(() => {
      let bound: NodeJS.Timeout | undefined
      const boundPassed = new Promise<void>(resolve => (bound = setTimeout(resolve, reportBoundMs)))
      void Promise.race([Promise.resolve().then(forceReport), boundPassed])
        .catch(() => undefined)
        .finally(() => {
          clearTimeout(bound)
          exit(1)
        })
    }, graceMs).unref()
  }
  // On Windows the runner sends Ctrl-C then Ctrl-Break, which Node delivers as SIGINT and SIGBREAK;
  // some Linux runners have been seen to send SIGHUP. Each starts the same orderly report.
  const handlers = CANCEL_SIGNALS.map(name => [name, (): void => onSignal(name)] as const)
  for (const [name, handler] of handlers) process.on(name, handler)
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler)
    }
  }
}
