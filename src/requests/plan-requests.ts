import { splitIntoBatches, type Batch } from './batches.js'
import { deriveCallerReference, overrideCallerReference } from './caller-reference.js'
import type { RunContext } from './run-context.js'
import type { Settings } from '../inputs.js'
import type { Target } from '../targets.js'

/** The requests for one target, each with the CallerReference it will be sent with. */
export interface TargetRequests {
  target: Target
  requests: { batch: Batch; callerReference: string }[]
}

/** The same batches of paths for every target, each request with its CallerReference. */
export function planRequests(
  settings: Settings,
  targets: readonly Target[],
  items: readonly string[],
  run: RunContext
): TargetRequests[] {
  const batches = splitIntoBatches(items)
  return targets.map(target => ({
    target,
    requests: batches.map((batch, index) => ({
      batch,
      callerReference:
        settings.callerReference === undefined
          ? deriveCallerReference(run, target, batch.items)
          : overrideCallerReference(settings.callerReference, index, batches.length)
    }))
  }))
}
