import { splitIntoBatches, type Batch } from './batches.js'
import { deriveCallerReference, overrideCallerReference, type RunContext } from './caller-reference.js'
import type { Settings } from '../inputs.js'
import type { Target } from '../targets.js'

/** The requests for one target, each with the CallerReference it will be sent with. */
export interface TargetPlan {
  target: Target
  requests: { batch: Batch; callerReference: string }[]
}

export function planTargets(
  settings: Settings,
  targets: readonly Target[],
  items: readonly string[],
  run: RunContext
): TargetPlan[] {
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
