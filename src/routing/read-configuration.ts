import * as core from '@actions/core'
import type { StepContext } from '../step-context.js'
import type { FoundTargets } from '../cloudfront/find-targets.js'
import type { RoutedTarget } from './route-targets.js'
import { shown, shownLines } from '../report/shown.js'

/**
 * The distribution-configuration stage: with a sync-log, each target's own configuration (origins,
 * origin path, behaviors, default root object) decides which URLs its keys are served at. Read-only
 * calls, made in a dry run too; the module is loaded only by a step with a sync-log.
 */
export async function readConfiguration(
  { settings, files, api, description, clock }: StepContext,
  found: FoundTargets
): Promise<RoutedTarget[] | undefined> {
  if (files.syncLogs.length === 0) return undefined
  const { routeTargets } = await import('./route-targets.js')
  const title = `Reading each distribution's configuration${settings.dryRun ? ' (read-only calls, made in a dry run too)' : ''}`
  clock.enter("reading each distribution's configuration")
  return core.group(title, async () => {
    const started = performance.now()
    const routed = await routeTargets(await api(), {
      targets: found.targets,
      syncLogs: files.syncLogs,
      originPath: settings.originPath,
      listed: found.listed,
      warn: warning => core.warning(shownLines(warning)),
      signal: clock.signal
    })
    core.info(`Read and mapped in ${Math.round(performance.now() - started)} ms:`)
    for (const r of routed) {
      description.routing.push(r.line)
      core.info(`  ${shown(r.line)}`)
    }
    return routed
  })
}
