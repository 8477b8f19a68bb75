import { isWildcard } from '../paths/normalize.js'
import { LIMITS } from '../requests/batches.js'

/**
 * CloudFront's in-progress capacity of one distribution (or tenant), as arithmetic: what a batch or an
 * invalidation holds, whether a batch fits beside what is in progress, and which of those must complete
 * first. Pure: the watching that uses it is in create.ts and completion.ts.
 */

/** What an invalidation holds while it is in progress: a wildcard counts against 15, any other path (a cache tag too) against 3,000. */
export interface Holding {
  files: number
  wildcards: number
}

export function holdingOf(items: readonly string[]): Holding {
  let wildcards = 0
  for (const item of items) if (isWildcard(item)) wildcards += 1
  return { files: items.length - wildcards, wildcards }
}

function total(held: readonly Holding[]): Holding {
  let files = 0
  let wildcards = 0
  for (const h of held) {
    files += h.files
    wildcards += h.wildcards
  }
  return { files, wildcards }
}

/** Whether `batch` can be created while `held` are in progress. */
export function fits(batch: Holding, held: readonly Holding[]): boolean {
  const now = total(held)
  return (
    now.files + batch.files <= LIMITS.filesInProgress && now.wildcards + batch.wildcards <= LIMITS.wildcardsInProgress
  )
}

/**
 * The invalidations that must complete before `batch` fits, taken from `held` in its order (oldest
 * first: the first to complete): only those that free a kind of path still short (one that holds only
 * file paths does not help a batch short of wildcards). Empty when it fits now; every helpful one when
 * even their completion leaves it short (a batch over the limits on its own never fits).
 */
export function mustCompleteFirst<T extends Holding>(batch: Holding, held: readonly T[]): T[] {
  const now = total(held)
  let filesOver = now.files + batch.files - LIMITS.filesInProgress
  let wildcardsOver = now.wildcards + batch.wildcards - LIMITS.wildcardsInProgress
  const first: T[] = []
  for (const h of held) {
    if (filesOver <= 0 && wildcardsOver <= 0) break
    const helps = (filesOver > 0 && h.files > 0) || (wildcardsOver > 0 && h.wildcards > 0)
    if (!helps) continue
    first.push(h)
    filesOver -= h.files
    wildcardsOver -= h.wildcards
  }
  return first
}
