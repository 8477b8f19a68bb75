import * as core from '@actions/core'
import type { StepContext } from '../step-context.js'
import { planPaths, type PathPlan, type PlannedPaths } from '../paths/plan-paths.js'
import { pathsSummaryLine, siteDirWarning } from '../report/describe-plan.js'
import { logItems } from '../report/log-plan.js'
import { shownLines } from '../report/shown.js'
import { planRequests, type TargetRequests } from '../requests/plan-requests.js'
import type { RunContext } from '../requests/run-context.js'
import { targetLabel, type Target } from '../targets.js'
import type { RoutedTarget } from './route-targets.js'

/** What each target's paths were planned from (verify asks under the wildcards sent through it). */
export type PlannedFor = (target: Target) => PlannedPaths

/**
 * The requests for each target: the planned paths, or, for a target whose configuration mapped the
 * sync-log, the paths planned again with its own URLs in place of the sync-log's. A target that serves
 * none of the changed objects gets no request.
 */
export function planTargets(
  { settings, files, description }: StepContext,
  paths: PathPlan,
  targets: readonly Target[],
  routed: readonly RoutedTarget[] | undefined,
  run: RunContext
): { requests: TargetRequests[]; planned: PlannedFor } {
  const common: PlannedPaths = { changed: paths.changed, sources: files.sources }
  if (routed === undefined)
    return { requests: planRequests(settings, targets, paths.items, run), planned: () => common }
  const others = files.sources.filter(source => source.input !== 'sync-log')
  const sending = settings.dryRun ? 'would be sent' : 'to send'
  const requests: TargetRequests[] = []
  const byTarget = new Map<string, PlannedPaths>()
  for (const { target, sources } of routed) {
    let items = paths.items
    let own: PathPlan | undefined
    if (sources !== undefined) {
      own = planPaths([...others, ...sources], {
        maxPaths: settings.maxPaths,
        indexDocument: settings.indexDocument,
        site: files.siteDir
      })
      // The headline for this distribution: what is sent to it, outside the group where it is seen.
      core.info(`${targetLabel(target)}: ${pathsSummaryLine(own, sending)}`)
      logItems(`Paths for ${targetLabel(target)}, through its configuration`, [], own.items)
      items = own.items
      byTarget.set(target.id, { changed: own.changed, sources: [...others, ...sources] })
    }
    if (own === undefined) {
      core.info(
        `${targetLabel(target)}: ${pathsSummaryLine(paths, sending)} (the paths above, as the step is configured)`
      )
    }
    const mismatch = (own ?? paths).siteDirMismatch
    if (mismatch && !settings.verify) {
      // Said in the log now and in the summary with the plan's other warnings.
      const warning = `${targetLabel(target)}: ${siteDirWarning(mismatch)}`
      core.warning(shownLines(warning))
      description.warnings.push(warning)
    }
    description.perTarget.push({ label: targetLabel(target), plan: own ?? paths })
    if (items.length === 0) core.info(`${targetLabel(target)}: no changed object is served by it: no invalidation.`)
    else requests.push(...planRequests(settings, [target], items, run))
  }
  return { requests, planned: target => byTarget.get(target.id) ?? common }
}
