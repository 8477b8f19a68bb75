import type { SyncLogSource } from '../paths/sync-log.js'
import { plural } from '../plural.js'

/**
 * What to fix, by what the failure lines say. The AWS CLI quotes S3's error code in each line
 * ("An error occurred (AccessDenied) when calling the PutObject operation").
 */
const FIXES: [RegExp, string][] = [
  [/NoSuchBucket/, 'check the bucket name (and region) in the sync command'],
  [
    /AccessDenied|Forbidden|\(403\)/,
    "give the deploy's credentials s3:PutObject, s3:DeleteObject (for --delete) and s3:ListBucket on the bucket, and check its bucket policy"
  ],
  [
    /ExpiredToken|InvalidAccessKeyId|SignatureDoesNotMatch|Unable to locate credentials/,
    'check the credentials the sync step uses'
  ]
]

/**
 * The step's failure when a sync-log records that the sync failed (upload failed:, delete failed:,
 * fatal error:, …): the first lines of each log, what to fix, and that the deploy must run again. The
 * objects the log shows as changed are invalidated all the same (the caller does that first), so the
 * part that was deployed is fresh. Undefined when no log records a failure.
 */
export function failedSyncMessage(logs: readonly SyncLogSource[]): string | undefined {
  const failed = logs.filter(log => log.stats.skipped.failed > 0)
  if (failed.length === 0) return undefined
  const lines: string[] = []
  for (const { file, stats } of failed) {
    const total = stats.skipped.failed
    lines.push(`sync-log ${file} records that the sync failed (${plural(total, 'failure line')}):`)
    for (const failure of stats.failures) lines.push(`  ${failure}`)
    if (total > stats.failures.length) lines.push(`  … and ${total - stats.failures.length} more`)
  }
  const quoted = failed.flatMap(log => log.stats.failures).join('\n')
  const fixes = FIXES.filter(([pattern]) => pattern.test(quoted)).map(([, fix]) => fix)
  lines.push(
    `The deploy is incomplete: what failed is as it was in S3. To fix: ${fixes.length > 0 ? fixes.join('; ') : 'what the lines above say'}, then run the deploy again. Let the sync step fail on its own too: run it with shell: bash (which sets pipefail), as aws s3 sync … 2>&1 | tee ${failed[0]?.file ?? 'sync.log'}.`
  )
  return lines.join('\n')
}
