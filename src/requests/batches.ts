import { isWildcard } from '../paths/normalize.js'

// CloudFront's quotas: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html
export const LIMITS = {
  /** Paths in one CreateInvalidation request. */
  itemsPerRequest: 3000,
  /** File paths (no wildcard) in progress at one time on one distribution. */
  filesInProgress: 3000,
  /** Wildcard paths in progress at one time on one distribution. */
  wildcardsInProgress: 15
} as const

export interface Batch {
  items: string[]
  files: number
  wildcards: number
}

/**
 * Splits the items into the fewest requests the limits allow: wildcards first, 15 to a batch, the
 * rest of each batch filled with file paths (cache tags are counted as file paths). The count is
 * max(ceil(wildcards / 15), ceil(items / 3000)), the least possible.
 */
export function splitIntoBatches(items: readonly string[], limits: typeof LIMITS = LIMITS): Batch[] {
  const wildcards: string[] = []
  const files: string[] = []
  for (const item of items) (isWildcard(item) ? wildcards : files).push(item)
  // Stryker disable next-line MethodExpression: both limits are 3,000 (LIMITS is typed as const)
  const perBatchFiles = Math.min(limits.itemsPerRequest, limits.filesInProgress)
  const batches: Batch[] = []
  let w = 0
  let f = 0
  while (w < wildcards.length || f < files.length) {
    const takeWildcards = Math.min(limits.wildcardsInProgress, limits.itemsPerRequest, wildcards.length - w)
    const takeFiles = Math.min(perBatchFiles, limits.itemsPerRequest - takeWildcards, files.length - f)
    batches.push({
      items: wildcards.slice(w, w + takeWildcards).concat(files.slice(f, f + takeFiles)),
      wildcards: takeWildcards,
      files: takeFiles
    })
    w += takeWildcards
    f += takeFiles
  }
  return batches
}
