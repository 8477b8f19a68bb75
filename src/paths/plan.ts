import { isWildcard, normalizeItem } from './normalize.js'
import { PrefixTrie } from './prefix-trie.js'
import type { PathSource } from './source.js'

const HASH = 0x23

/** What was given, what is sent, and why the rest is not. */
export interface PathPlan {
  given: number
  items: string[]
  duplicates: number
  coveredByWildcard: number
  /** Set when more than max-paths remained and `/*` is sent instead. */
  collapsedFrom: number | undefined
}

/**
 * Normalizes, drops exact duplicates and every path a wildcard in the same list already covers, and
 * collapses to /* past maxPaths. Linear in the number and length of paths: wildcard coverage walks a
 * trie of wildcard prefixes, so a million paths against many wildcards is no quadratic scan.
 */
export function planPaths(sources: readonly PathSource[], maxPaths?: number): PathPlan {
  let given = 0
  const unique = new Set<string>()
  const wildcards = new PrefixTrie()
  for (const source of sources) {
    source.forEach((value, line) => {
      given++
      const item = normalizeItem(value, source, line)
      if (isWildcard(item) && !unique.has(item)) wildcards.add(item.slice(0, -1))
      unique.add(item)
    })
  }
  const duplicates = given - unique.size

  let items: string[]
  if (wildcards.isEmpty()) {
    items = Array.from(unique)
  } else {
    items = []
    for (const item of unique) {
      // A cache tag is not a path: no wildcard covers it.
      const covered = item.charCodeAt(0) !== HASH && wildcards.covers(item)
      if (!covered) items.push(item)
    }
  }
  const coveredByWildcard = unique.size - items.length
  if (maxPaths !== undefined && items.length > maxPaths) {
    return { given, items: ['/*'], duplicates, coveredByWildcard, collapsedFrom: items.length }
  }
  return { given, items, duplicates, coveredByWildcard, collapsedFrom: undefined }
}
