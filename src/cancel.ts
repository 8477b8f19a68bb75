export class CancelledError extends Error {
  constructor(readonly signalName: string) {
    super(`The step was cancelled (${signalName})`)
    this.name = 'CancelledError'
  }
}

const CANCEL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP']

// The runner sends SIGINT on cancel, then SIGTERM 7.5 s later: the action must have reported by then.
const FORCED_EXIT_MS = 3_000

/**
 * Turns the runner's cancel signals into an abort of every request, sleep and wait in flight, so the
 * normal path reports what was created. If that takes too long, `forceReport` runs and the process exits.
 */
export function watchForCancel(
  forceReport: () => void,
  { graceMs = FORCED_EXIT_MS, exit = (code: number): void => process.exit(code) } = {}
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    controller.abort(new CancelledError(name))
    setTimeout(() => {
      forceReport()
      exit(1)
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
