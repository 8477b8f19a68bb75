import * as core from '@actions/core'
import type { Settings } from '../inputs.js'
import type { NamedFiles } from '../paths/read-files.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import { count, plural } from '../plural.js'
import { targetLabel } from '../targets.js'
import type { PlanDescription } from './describe-plan.js'
import { shown, shownLines } from './shown.js'

/** The plan in the log, before any request: the objects each sync-log names, the paths, the requests. */

const LISTED = 50

export function logPaths(
  settings: Settings,
  files: NamedFiles,
  items: readonly string[],
  description: PlanDescription
): void {
  for (const log of files.syncLogs) {
    core.startGroup(`Objects taken from sync-log ${shown(log.file)} (${count(log.objectCount)})`)
    for (const object of log.objects) core.info(`  ${shown(object)}`)
    if (log.objectCount > log.objects.length) core.info(`  … and ${count(log.objectCount - log.objects.length)} more`)
    core.endGroup()
  }
  for (const note of settings.notes) core.info(note)
  for (const warning of description.warnings) core.warning(shownLines(warning))
  if (files.syncLogs.length > 0) {
    // Each distribution's configuration maps the keys again (planEach): this is not yet what is sent,
    // so it carries no headline; the plan for each distribution, with its own, follows.
    const title = "Paths as the step is configured, before each distribution's configuration is read"
    logItems(title, description.details, items)
    return
  }
  // The headline outside the group, where it is seen: it also says when /* is the default in use.
  core.info(description.headline(settings.dryRun ? 'would be sent' : 'to send'))
  logItems('Paths', description.details, items)
}

/** A group of the log: its lines, then the first paths. */
export function logItems(title: string, lines: readonly string[], items: readonly string[]): void {
  core.startGroup(title)
  for (const line of lines) core.info(shown(line))
  for (const item of items.slice(0, LISTED)) core.info(`  ${item}`)
  if (items.length > LISTED) core.info(`  … and ${count(items.length - LISTED)} more`)
  core.endGroup()
}

export function logRequests(settings: Settings, requests: readonly TargetRequests[]): void {
  const counts = requests.map(r => r.requests.length)
  const same = counts.every(n => n === counts[0])
  const each = same && requests.length > 1 ? ' each' : ''
  const what = same
    ? `${requests.map(r => targetLabel(r.target)).join(', ')}: ${plural(counts[0] ?? 0, 'request')}${each}`
    : requests.map(r => `${targetLabel(r.target)}: ${plural(r.requests.length, 'request')}`).join('; ')
  const then = settings.dryRun
    ? ' would be sent'
    : settings.wait
      ? `, then waiting up to ${settings.waitTimeoutSeconds} s for completion`
      : ''
  core.info(`${what}${then}.`)
}
