import type { PathPlan } from '../paths/plan-paths.js'
import type { Reduction } from '../paths/reduce.js'
import type { SyncLogSource, SyncLogStats } from '../paths/sync-log.js'
import { redact } from './redact.js'

/**
 * 12,345: thousands separated by hand, because toLocaleString initializes ICU, which cost every run
 * about 25 ms and 6 MB at start (measured against the same run without it).
 */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`

/** One line: how many paths were given, how many are sent, and what happened to the difference. */
export function pathsSummaryLine(paths: PathPlan): string {
  const changes = [
    paths.duplicates > 0 ? `dropped ${plural(paths.duplicates, 'duplicate')}` : '',
    paths.directoryUrls > 0 ? `added ${plural(paths.directoryUrls, 'directory URL')} for index documents` : '',
    paths.coveredByWildcard > 0 ? `dropped ${count(paths.coveredByWildcard)} covered by a wildcard in the list` : ''
  ].filter(Boolean)
  const reduction = paths.reduction ? `; ${reductionLine(paths.reduction, paths.items.length)}` : ''
  return `${plural(paths.given, 'path')} given, ${count(paths.items.length)} sent${changes.length > 0 ? `; ${changes.join(', ')}` : ''}${reduction}.`
}

function reductionLine(reduction: Reduction, sent: number): string {
  const remained = `${count(reduction.from)} paths remained, more than max-paths`
  if (reduction.fellBackToRoot) {
    return `${remained}, and no choice of up to 15 directory wildcards brought them under it, so /* is sent instead (one wildcard is billed as one path)`
  }
  const site =
    reduction.unchangedRefreshed === undefined
      ? ''
      : `, refreshing ${plural(reduction.unchangedRefreshed, 'unchanged file')} of site-dir's ${count(reduction.siteFiles ?? 0)}`
  return `${remained}: ${plural(reduction.wildcards.length, 'directory wildcard')} replaced ${plural(
    reduction.wildcards.reduce((n, w) => n + w.replaced, 0),
    'path'
  )}, ${plural(sent, 'path')} sent${site}`
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

/** What the log, the summary and the dry run say about the plan: the distributions found by name, the paths' headline, one line per detail. */
export interface PlanDescription {
  headline: string
  details: string[]
  /** Each name or tag set and what it resolved to (www.example.com → E2QWRUHAPOMQZL), when lookups ran. */
  found: string[]
  /** Per distribution, how its own configuration mapped the sync-log (when a sync-log is given). */
  routing: string[]
}

export function describePlan(paths: PathPlan, syncLogs: readonly SyncLogSource[], originPath: string): PlanDescription {
  return {
    headline: pathsSummaryLine(paths),
    details: [...syncLogLines(syncLogs, originPath), ...wildcardLines(paths.reduction)],
    found: [],
    routing: []
  }
}
