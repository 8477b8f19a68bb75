import * as core from '@actions/core'
import type { TargetRequests } from '../requests/plan-requests.js'
import type { PlanDescription } from './describe-plan.js'
import { plural } from '../plural.js'
import { addFailures, addParagraph, addPaths, escapeHtml, writeOrWarn } from './summary.js'

/**
 * Prints each request exactly as it would be sent, and makes none. A failed sync is in the summary
 * too: the caller fails the step over it, as a real run would. With verify, what it would ask.
 */
export async function dryRun(
  plans: readonly TargetRequests[],
  description: PlanDescription,
  syncFailure: string | undefined,
  verifyLines: readonly string[] = []
): Promise<void> {
  for (const { target, requests } of plans) {
    for (const [index, { batch, callerReference }] of requests.entries()) {
      const idField = target.kind === 'distribution' ? { DistributionId: target.id } : { Id: target.id }
      const operation =
        target.kind === 'distribution' ? 'CreateInvalidation' : 'CreateInvalidationForDistributionTenant'
      core.startGroup(
        `Dry run: ${operation} ${index + 1} of ${requests.length} for ${target.id} (${plural(batch.items.length, 'path')})`
      )
      core.info(
        JSON.stringify(
          {
            ...idField,
            InvalidationBatch: {
              CallerReference: callerReference,
              Paths: { Quantity: batch.items.length, Items: batch.items }
            }
          },
          null,
          2
        )
      )
      core.endGroup()
    }
  }
  const requests = plural(
    plans.reduce((sum, plan) => sum + plan.requests.length, 0),
    'request'
  )
  core.info(`Dry run: ${requests} would be sent; none was.`)
  for (const line of verifyLines) core.info(`Dry run: ${line}`)
  core.setOutput('invalidations', '[]')
  if (process.env.GITHUB_STEP_SUMMARY) {
    const summary = core.summary.addHeading('CloudFront invalidation (dry run)', 2)
    addParagraph(summary, `${requests} would be sent; none was.`)
    for (const line of verifyLines) addParagraph(summary, escapeHtml(line))
    addFailures(summary, syncFailure ? [syncFailure] : [])
    addPaths(summary, description, 'would be sent', plans)
    await writeOrWarn(summary)
  }
}
