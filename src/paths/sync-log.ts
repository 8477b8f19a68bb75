import { InputError } from '../errors.js'
import { readInputText } from './input-file.js'
import { keyToPath } from './normalize.js'
import type { PathSource } from './source.js'

/** What one sync-log held: the S3 objects it changed, and every line it skipped, by reason. */
export interface SyncLogStats {
  file: string
  /** Objects taken, by the verb the CLI printed (a move counts once, even when both its ends are in S3). */
  changed: { upload: number; copy: number; move: number; delete: number }
  skipped: {
    /** "Completed 4 Bytes/~30 Bytes (…) with ~9 file(s) remaining" */
    progress: number
    /** download:, and delete: of a local file (a sync from S3): nothing changed in S3 */
    local: number
    /** upload failed:, delete failed:, fatal error:, cancelled: */
    failed: number
    warning: number
    /** objects outside origin-path */
    outsideOriginPath: number
    /** anything else; the first few are kept in `otherExamples` */
    other: number
  }
  otherExamples: string[]
  /**
   * The first failure lines (upload failed:, fatal error:, …), each as "line 3: upload failed: …": the
   * sync failed, and the step fails over them after invalidating what the log shows was changed.
   */
  failures: string[]
  /** Where each object taken came from: "delete: s3://bucket/key" with the bucket, for the one-bucket check. */
  buckets: Set<string>
}

/** A sync-log's changed objects as URL paths, with what it held. */
export interface SyncLogSource extends PathSource {
  readonly input: 'sync-log'
  readonly normalized: true
  readonly file: string
  readonly stats: SyncLogStats
  /** The first objects taken, as the log named them (s3://bucket/key), for the log and the dry run. */
  readonly objects: readonly string[]
  /** How many objects were taken in all. */
  readonly objectCount: number
  /** Every object key taken, raw (not encoded), with the line it was on: a distribution's configuration maps them (routing/). */
  readonly keys: readonly string[]
  readonly keyLines: readonly number[]
  /** The paths of the objects it deleted (delete:, the S3 source of a move), under origin-path. */
  deletedPaths(): string[]
  /** The keys of the objects it deleted, raw: a distribution's configuration maps them (routing/). */
  deletedKeys(): string[]
}

const OTHER_EXAMPLES = 5
/** How many failure lines are kept to be quoted (the rest are counted). */
const FAILURE_EXAMPLES = 3
const S3 = 's3://'
const TO = ' to '
const SPACE = 0x20
const ACCESS_POINT = /^arn:[^/]*:(?:outpost\/[^/]+\/)?accesspoint\/[^/]+/
/** How many objects of each log are kept to be listed in the log (the rest are counted). */
const LISTED_OBJECTS = 50
const PROGRESS = 'Completed '

/**
 * Reads every sync-log now, so that a wrong file or a second bucket fails the step before any request.
 * `originPath` is the key prefix the distribution serves from ("prod/", or "" for the bucket's root).
 */
export function readSyncLogs(files: readonly string[], originPath: string): SyncLogSource[] {
  const sources = files.map(file => readSyncLog(file, originPath))
  const buckets = new Set(sources.flatMap(source => [...source.stats.buckets]))
  if (buckets.size > 1) {
    throw new InputError(
      'sync-log',
      files.join(', '),
      `names objects in ${buckets.size} buckets (${[...buckets].join(', ')}): one step invalidates one site, so give it the logs of the bucket its distribution serves, and invalidate another distribution's bucket in a step of its own.`
    )
  }
  return sources
}

function readSyncLog(file: string, originPath: string): SyncLogSource {
  const text = readInputText('sync-log', file, 'as aws s3 sync prints it').toString('utf8')
  const stats: SyncLogStats = {
    file,
    changed: { upload: 0, copy: 0, move: 0, delete: 0 },
    skipped: { progress: 0, local: 0, failed: 0, warning: 0, outsideOriginPath: 0, other: 0 },
    otherExamples: [],
    failures: [],
    buckets: new Set()
  }
  const keys: string[] = []
  const lines: number[] = []
  // Indexes into `keys`: only a site-dir check needs them, and a number each costs least.
  const deletedAt: number[] = []
  const objects: string[] = []
  let objectCount = 0
  let lastBucket = ''
  const take = (url: string, line: number, deleted = false): void => {
    const object = parseS3Url(url)
    if (object.bucket !== lastBucket) stats.buckets.add((lastBucket = object.bucket))
    if (objects.length < LISTED_OBJECTS) objects.push(url)
    objectCount++
    if (deleted) deletedAt.push(keys.length)
    keys.push(object.key)
    lines.push(line)
    if (!isUnder(object.key, originPath)) stats.skipped.outsideOriginPath++
  }

  // A progress line ends in a carriage return, not a newline, so what the CLI printed after it stands
  // in the same line: each part between carriage returns and newlines is a record of its own.
  let line = 1
  let nextNewline = -1
  let nextReturn = -1
  for (let start = 0; start < text.length;) {
    if (nextNewline < start) nextNewline = indexOrLength(text, '\n', start)
    if (nextReturn < start) nextReturn = indexOrLength(text, '\r', start)
    const end = Math.min(nextNewline, nextReturn)
    // The CLI pads a line with spaces to hide the progress under it.
    let last = end
    while (last > start && text.charCodeAt(last - 1) <= SPACE) last--
    if (last > start) {
      // Half the records of a log with progress are progress: told apart without copying them.
      if (isProgress(text, start)) stats.skipped.progress++
      else readRecord(text.slice(start, last), line, stats, take)
    }
    if (end === nextNewline) line++
    start = end + 1
  }

  const recognised = Object.values(stats.changed).reduce((a, b) => a + b, 0) + countSkippedOutput(stats)
  if (recognised === 0 && stats.skipped.other > 0) {
    throw new InputError(
      'sync-log',
      file,
      `holds no line of aws s3 output (upload:, delete:, copy:, move:, Completed …); its first line is ${JSON.stringify(stats.otherExamples[0])}. Is it the right file? Write it with \`aws s3 sync … 2>&1 | tee ${file}\` (2>&1 keeps the failure lines in it).`
    )
  }
  return {
    input: 'sync-log',
    file,
    normalized: true,
    stats,
    objects,
    objectCount,
    keys,
    keyLines: lines,
    // As the step is configured: each key under origin-path, without it, as a URL path.
    forEach(visit) {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string
        if (isUnder(key, originPath)) visit(keyToPath(key.slice(originPath.length)), lines[i] as number)
      }
    },
    deletedKeys: () => deletedAt.map(i => keys[i] as string),
    deletedPaths: () =>
      deletedAt
        .map(i => keys[i] as string)
        .filter(key => isUnder(key, originPath))
        .map(key => keyToPath(key.slice(originPath.length)))
  }
}

/** Whether a key is an object under the key prefix ("prod/"); the prefix itself is a folder marker, not under it. */
function isUnder(key: string, prefix: string): boolean {
  return key.startsWith(prefix) && key.length > prefix.length
}

function indexOrLength(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from)
  return at === -1 ? text.length : at
}

/** "Completed 4 Bytes/~30 Bytes (…) with ~9 file(s) remaining", "Completed 3 file(s) with …" */
function isProgress(text: string, start: number): boolean {
  if (!text.startsWith(PROGRESS, start)) return false
  const digit = text.charCodeAt(start + PROGRESS.length)
  return digit >= 0x30 && digit <= 0x39
}

function countSkippedOutput({ skipped }: SyncLogStats): number {
  return skipped.progress + skipped.local + skipped.failed + skipped.warning
}

/**
 * One line the CLI printed (its ResultPrinter's formats): "upload: <local> to s3://…",
 * "copy: s3://… to s3://…", "move: <from> to <to>", "delete: s3://…", each maybe after "(dryrun) ";
 * and the lines that changed nothing in S3.
 */
function readRecord(
  record: string,
  line: number,
  stats: SyncLogStats,
  take: (url: string, line: number, deleted?: boolean) => void
): void {
  const text = record.startsWith('(dryrun) ') ? record.slice('(dryrun) '.length) : record
  const colon = text.indexOf(': ')
  // Stryker disable next-line StringLiteral: no verb matches either way
  const verb = colon === -1 ? '' : text.slice(0, colon)
  const rest = text.slice(colon + 2)
  switch (verb) {
    case 'upload':
    case 'copy': {
      // Stryker disable next-line ArrayDeclaration: only the second element is read
      const [, to] = splitTransfer(rest, true) ?? []
      if (to === undefined) break
      stats.changed[verb]++
      take(to, line)
      return
    }
    case 'move': {
      // From local to S3, from S3 to S3, or from S3 to local: every end in S3 changed (the source is deleted).
      const ends = splitTransfer(rest, true) ?? (rest.startsWith(S3) ? splitTransfer(rest, false) : undefined)
      if (ends === undefined) break
      stats.changed.move++
      for (const [i, end] of ends.entries()) if (end.startsWith(S3)) take(end, line, i === 0)
      return
    }
    case 'delete':
      // A sync from S3 to a folder with --delete deletes local files: nothing changed in S3.
      if (rest.startsWith(S3)) {
        stats.changed.delete++
        take(rest, line, true)
      } else {
        stats.skipped.local++
      }
      return
    case 'download':
      stats.skipped.local++
      return
    case 'warning':
      stats.skipped.warning++
      return
    case 'fatal error':
    case 'cancelled':
      failed(record, line, stats)
      return
    default:
      if (/^(upload|download|copy|move|delete) failed$/.test(verb)) {
        failed(record, line, stats)
        return
      }
  }
  stats.skipped.other++
  if (stats.otherExamples.length < OTHER_EXAMPLES) stats.otherExamples.push(record)
}

/** A line that says the sync failed: counted, and the first few kept to be quoted. */
function failed(record: string, line: number, stats: SyncLogStats): void {
  stats.skipped.failed++
  if (stats.failures.length < FAILURE_EXAMPLES) stats.failures.push(`line ${line}: ${record}`)
}

/**
 * Splits "<from> to <to>" where either side may itself hold " to " (keys and file names are printed
 * raw). With `toS3`, only a split whose right side starts with s3:// is a candidate; a local path never
 * holds "//", so for an upload the first such split is the only one. Among several (an S3 key holding
 * " to s3://"), the split whose two sides end alike wins: a sync keeps the relative name on both ends.
 */
function splitTransfer(rest: string, toS3: boolean): [string, string] | undefined {
  const candidates: number[] = []
  for (let at = rest.indexOf(TO); at !== -1; at = rest.indexOf(TO, at + 1)) {
    const to = at + TO.length
    if (at > 0 && to < rest.length && (!toS3 || rest.startsWith(S3, to))) candidates.push(at)
  }
  let best = candidates[0]
  if (candidates.length > 1) {
    let bestSuffix = -1
    for (const at of candidates) {
      const suffix = commonSuffixLength(rest.slice(0, at), rest.slice(at + TO.length))
      if (suffix > bestSuffix) [best, bestSuffix] = [at, suffix]
    }
  }
  return best === undefined ? undefined : [rest.slice(0, best), rest.slice(best + TO.length)]
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++
  return n
}

/**
 * s3://bucket/key. The bucket may be an access point ARN, which holds a slash of its own
 * (arn:aws:s3:us-west-2:123456789012:accesspoint/site, or an Outposts one with two).
 */
function parseS3Url(url: string): { bucket: string; key: string } {
  const path = url.slice(S3.length)
  // Stryker disable next-line StringLiteral: a quick check; the anchored regex needs "arn:" itself
  const accessPoint = path.startsWith('arn:') ? ACCESS_POINT.exec(path) : null
  const bucketEnd = accessPoint ? accessPoint[0].length : path.indexOf('/')
  if (bucketEnd === -1) return { bucket: path, key: '' }
  return { bucket: path.slice(0, bucketEnd), key: path.slice(bucketEnd + 1) }
}
