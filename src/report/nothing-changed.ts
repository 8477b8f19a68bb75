import * as core from '@actions/core'
import type { Settings } from '../inputs.js'
import type { NamedFiles } from '../paths/read-files.js'
import type { PlanDescription } from './describe-plan.js'
import { redact } from './redact.js'
import { addFailures, addParagraph, addPaths, writeOrWarn } from './summary.js'
import { shownLines } from './shown.js'

/**
 * A sync-log that changed nothing (and no other path), or whose changed objects no target serves
 * (each distribution's configuration said so): nothing to invalidate, and that is a success, unless
 * the log records that the sync failed.
 */
export async function nothingChanged(
  settings: Settings,
  files: NamedFiles,
  description: PlanDescription,
  syncFailure: string | undefined,
  why: 'nothing changed' | 'served by none' = 'nothing changed'
): Promise<void> {
  const outside = files.syncLogs.reduce((n, log) => n + log.stats.skipped.outsideOriginPath, 0)
  if (outside > 0 && description.perTarget.every(t => t.plan.items.length === 0)) {
    core.warning(
      `Every object the sync-log changed (${outside}) is outside origin-path /${settings.originPath}: nothing is invalidated. If the distribution serves them, correct origin-path.`
    )
  }
  const what = syncFailure
    ? 'The sync failed before it changed any object'
    : why === 'nothing changed'
      ? 'The deploy changed no object'
      : "No distribution serves an object the deploy changed (each distribution's configuration above says why)"
  core.info(`${what}: no invalidation is created.`)
  core.setOutput('invalidations', '[]')
  if (process.env.GITHUB_STEP_SUMMARY) {
    const summary = core.summary.addHeading(`CloudFront invalidation${settings.dryRun ? ' (dry run)' : ''}`, 2)
    addParagraph(summary, `${what}: no invalidation was created.`)
    addFailures(summary, syncFailure ? [syncFailure] : [])
    addPaths(summary, description, settings.dryRun ? 'would be sent' : 'sent', [])
    await writeOrWarn(summary)
  }
  if (syncFailure) core.setFailed(shownLines(redact(`${syncFailure}\nNo invalidation was created.`)))
}
