import { join } from 'node:path'
import type { PathPlan } from '../paths/plan-paths.js'
import type { Reduction } from '../paths/reduce.js'
import type { SiteDirMismatch } from '../paths/site-dir.js'
import type { PathSource } from '../paths/source.js'
import type { SyncLogSource, SyncLogStats } from '../paths/sync-log.js'
import { agree, count, plural } from '../plural.js'
import { redact } from './redact.js'

/**
 * How far the paths got, which the headline's verb follows: "to send" in the log before any request,
 * "would be sent" in a dry run, and in the summary "sent" (every request created), "planned" (some),
 * "none sent" (none: a NoSuchDistribution, say).
 */
export type Sending = 'to send' | 'would be sent' | 'sent' | 'planned' | 'none sent'

/** One line: how many paths were given, how many are sent, and what happened to the difference. */
export function pathsSummaryLine(paths: PathPlan, sending: Sending): string {
  const changes = [
    paths.duplicates > 0 ? `dropped ${plural(paths.duplicates, 'duplicate')}` : '',
    paths.directoryUrls > 0 ? `added ${plural(paths.directoryUrls, 'directory URL')} for index documents` : '',
    paths.coveredByWildcard > 0 ? `dropped ${count(paths.coveredByWildcard)} covered by a wildcard in the list` : ''
  ].filter(Boolean)
  const reduction = paths.reduction ? `; ${reductionLine(paths.reduction, paths.items.length)}` : ''
  return `${plural(paths.given, 'path')} given, ${count(paths.items.length)} ${sending === 'none sent' ? 'planned, none sent' : sending}${changes.length > 0 ? `; ${changes.join(', ')}` : ''}${reduction}.`
}

/** Said in place of the headline when no input gave a path: a misspelt input name leads here too. */
export const DEFAULT_PATH_LINE =
  'No path was given (paths, paths-file and sync-log are all empty), so the default is used: /*, the whole distribution.'

function reductionLine(reduction: Reduction, sent: number): string {
  const remained = `${count(reduction.from)} paths remained, more than max-paths`
  if (reduction.fellBackToRoot) {
    return `${remained}, and no choice of up to 15 directory wildcards brought them under it, so /* replaces them all (one wildcard is billed as one path)`
  }
  const site =
    reduction.unchangedRefreshed === undefined
      ? ''
      : `, refreshing ${plural(reduction.unchangedRefreshed, 'unchanged file')} of site-dir's ${count(reduction.siteFiles ?? 0)}`
  return `${remained}: ${plural(reduction.wildcards.length, 'directory wildcard')} replaced ${plural(
    reduction.wildcards.reduce((n, w) => n + w.replaced, 0),
    'path'
  )}, leaving ${plural(sent, 'path')}${site}`
}

/** site-dir holds few of the changed files: say so, with one of them and where it was looked for. */
export function siteDirWarning({ dir, missing, of, example }: SiteDirMismatch): string {
  let file = example
  try {
    file = decodeURIComponent(example)
  } catch {
    // A malformed escape: the path is shown as it is.
  }
  return `site-dir ${dir}: ${count(missing)} of the ${plural(of, 'changed file')} ${agree(missing, 'is', 'are')} not in it (such as ${example}, looked for as ${join(dir, file)}). Is it the folder the deploy uploaded, its root the site's root? The wildcards were chosen without it, so no count of unchanged files is given.`
}

/** One line per wildcard the reduction chose: what it replaced, and what it refreshes without need. */
export function wildcardLines(reduction: Reduction | undefined): string[] {
  if (!reduction) return []
  return reduction.wildcards.map(
    w =>
      `${w.path} replaces ${plural(w.replaced, 'path')}${w.unchanged === undefined ? '' : `, refreshes ${plural(w.unchanged, 'unchanged file')}`}`
  )
}

/**
 * What one sync-log held: the objects taken, and every line skipped, by reason. The lines shown are
 * redacted: a log captured with `set -x` may echo an export of a credential.
 */
export function syncLogLine(stats: SyncLogStats, originPath: string): string {
  const { changed, skipped } = stats
  const taken = [
    changed.upload > 0 ? `${count(changed.upload)} uploaded` : '',
    changed.copy > 0 ? `${count(changed.copy)} copied` : '',
    changed.move > 0 ? `${count(changed.move)} moved` : '',
    changed.delete > 0 ? `${count(changed.delete)} deleted` : ''
  ].filter(Boolean)
  const skips = [
    skipped.outsideOriginPath > 0
      ? `${plural(skipped.outsideOriginPath, 'object')} outside origin-path /${originPath}`
      : '',
    skipped.progress > 0 ? plural(skipped.progress, 'progress line') : '',
    skipped.local > 0 ? plural(skipped.local, 'download or local delete', 'downloads or local deletes') : '',
    skipped.failed > 0 ? plural(skipped.failed, 'failure line') : '',
    skipped.warning > 0 ? plural(skipped.warning, 'warning') : '',
    skipped.other > 0
      ? `${plural(skipped.other, 'other line')} (first: ${stats.otherExamples.map(e => JSON.stringify(redact(e))).join(', ')})`
      : ''
  ].filter(Boolean)
  const total = changed.upload + changed.copy + changed.move + changed.delete
  return `sync-log ${stats.file}: ${total === 0 ? 'no object changed' : `${plural(total, 'object')} changed (${taken.join(', ')})`}${skips.length > 0 ? `; skipped ${skips.join(', ')}` : ''}.`
}

/** Every sync-log's line, for the log and the summary. */
export function syncLogLines(logs: readonly SyncLogSource[], originPath: string): string[] {
  return logs.map(log => syncLogLine(log.stats, originPath))
}

/**
 * What the log, the summary and the dry run say about the plan: the distributions found by name, the
 * paths' headline, one line per detail, and what looks like a mistake in what was given.
 */
export interface PlanDescription {
  headline(sending: Sending): string
  details: string[]
  /** Each is a warning in the log and a line of the summary. */
  warnings: string[]
  /** Each name or tag set and what it resolved to (www.example.com → E2QWRUHAPOMQZL), when lookups ran. */
  found: string[]
  /** Per distribution, how its own configuration mapped the sync-log (when a sync-log is given). */
  routing: string[]
  /**
   * Per distribution, the paths planned through its own configuration (or as configured, where it could
   * not be read): when set, the summary's headline is one line per distribution instead of the step's.
   */
  perTarget: { label: string; plan: PathPlan }[]
}

export function describePlan(
  paths: PathPlan,
  sources: readonly PathSource[],
  syncLogs: readonly SyncLogSource[],
  originPath: string,
  inputWarnings: readonly string[]
): PlanDescription {
  const isDefault = sources[0]?.input === 'default'
  return {
    headline: sending => (isDefault ? DEFAULT_PATH_LINE : pathsSummaryLine(paths, sending)),
    details: [...syncLogLines(syncLogs, originPath), ...wildcardLines(paths.reduction)],
    warnings: [...inputWarnings, ...(paths.siteDirMismatch ? [siteDirWarning(paths.siteDirMismatch)] : [])],
    found: [],
    routing: [],
    perTarget: []
  }
}
