import { createHash } from 'node:crypto'
import type { Target } from '../targets.js'
import type { RunContext } from './run-context.js'

const HASH_CHUNK = 256

/**
 * A CallerReference that is the same for the same request in the same attempt (so the SDK's retry of
 * a request whose answer was lost gets the existing invalidation back instead of a second one) and new
 * for anything else: another attempt, run, step, target or set of paths. Readable at a glance: short
 * SHA, run id and attempt, then a hash of the rest.
 */
export function deriveCallerReference(run: RunContext, target: Target, items: readonly string[]): string {
  const hash = createHash('sha256')
  for (const part of [run.sha, run.runId, run.runAttempt, run.job, run.action, target.kind, target.id]) {
    hash.update(part).update('\n')
  }
  // The set of paths, not their order: the same set is the same request. Hashed a few hundred paths
  // at a time (the same bytes as one path at a time): one call per path, or one 100 KB string per
  // batch, each cost a million-path plan a few hundred milliseconds.
  const sorted = [...items].sort()
  for (let i = 0; i < sorted.length; i += HASH_CHUNK) hash.update(`${sorted.slice(i, i + HASH_CHUNK).join('\n')}\n`)
  const digest = hash.digest('hex').slice(0, 16)
  return `${run.sha.slice(0, 7)}-${run.runId}-${run.runAttempt}-${digest}`
}

/** The user's own reference: as given for one request; -1, -2, … in order when a target gets several. */
export function overrideCallerReference(reference: string, index: number, count: number): string {
  return count === 1 ? reference : `${reference}-${index + 1}`
}
