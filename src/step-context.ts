import type { StepClock } from './clock.js'
import type { CloudFrontApi } from './cloudfront/client.js'
import type { Settings } from './inputs.js'
import type { NamedFiles } from './paths/read-files.js'
import type { PlanDescription } from './report/describe-plan.js'

/**
 * What every stage after the files are read needs, in one object that main.ts makes once: the
 * settings, the files they name, the plan in words (stages add what they find to it), the step's one
 * clock, and the CloudFront client, made on first use so that no request is made before every input
 * and file is checked.
 */
export interface StepContext {
  readonly settings: Settings
  readonly files: NamedFiles
  readonly description: PlanDescription
  readonly clock: StepClock
  api(): Promise<CloudFrontApi>
}
