import { directoryUrl, indexDocumentSuffix } from './aliases.js'
import { isWildcard, normalizeItem } from './normalize.js'
import { PrefixTrie } from './prefix-trie.js'
import { reduceToMaxPaths, type Reduction } from './reduce.js'
import { siteDirMismatch, type SiteDir, type SiteDirMismatch } from './site-dir.js'
import type { PathSource } from './source.js'

const HASH = 0x23

/** What the plan does to the list beyond normalizing it. */
export interface PathOptions {
  /** More paths than this are reduced to directory wildcards, or /* (undefined: no limit). */
  maxPaths?: number | undefined
  /** A path ending in "/<this>" also invalidates its directory URL ("" or undefined: off). */
  indexDocument?: string | undefined
  /** The folder the deploy uploaded: tells the reduction which files a wildcard would refresh without need. */
  site?: SiteDir | undefined
}

/** What was given, what is sent, and why the rest is not. */
export interface PathPlan {
  given: number
  items: string[]
  /** The paths before max-paths reduced them (the same list as items when it did not): what changed. */
  changed: readonly string[]
  duplicates: number
  /** Directory URLs added for index documents (/blog/ for /blog/index.html). */
  directoryUrls: number
  coveredByWildcard: number
  /** Set when more than max-paths remained: the wildcards chosen, or the /* fallback. */
  reduction: Reduction | undefined
  /** Set when site-dir holds few of the changed files: then the wildcards are chosen without it. */
  siteDirMismatch?: SiteDirMismatch | undefined
}

/** What one distribution's paths were planned from: what verify asks under the wildcards sent. */
export interface PlannedPaths {
  /** The paths before max-paths reduced them (PathPlan's `changed`). */
  changed: readonly string[]
  /** The sources they came from: a sync-log's say which objects were uploaded and which deleted. */
  sources: readonly PathSource[]
}

/**
 * Normalizes, adds the directory URL of each index document, drops exact duplicates and every path a
 * wildcard in the same list already covers, and past maxPaths reduces the list to directory wildcards
 * (or /*). Linear in the number and length of paths: wildcard coverage walks a trie of wildcard
 * prefixes, so a million paths against many wildcards is no quadratic scan.
 */
export function planPaths(sources: readonly PathSource[], options: PathOptions = {}): PathPlan {
  let given = 0
  let directoryUrls = 0
  const unique = new Set<string>()
  const wildcards = new PrefixTrie()
  // Stryker disable next-line StringLiteral: no path ends with another index document's name either
  const suffix = indexDocumentSuffix(options.indexDocument ?? '')
  for (const source of sources) {
    source.forEach((value, line) => {
      given++
      const item = source.normalized ? value : normalizeItem(value, source, line)
      if (isWildcard(item) && !unique.has(item)) wildcards.add(item.slice(0, -1))
      unique.add(item)
      const directory = suffix === undefined ? undefined : directoryUrl(item, suffix)
      if (directory !== undefined && !unique.has(directory)) {
        unique.add(directory)
        directoryUrls++
      }
    })
  }
  const duplicates = given - (unique.size - directoryUrls)

  let items: string[]
  // A fast path for the common list without wildcards: the trie would cover nothing.
  if (wildcards.isEmpty()) {
    items = Array.from(unique)
  } else {
    items = []
    for (const item of unique) {
      // A cache tag is not a path: no wildcard covers it (nor could one: wildcards start with "/").
      const covered = item.charCodeAt(0) !== HASH && wildcards.covers(item)
      if (!covered) items.push(item)
    }
  }
  const coveredByWildcard = unique.size - items.length
  const plan = { given, duplicates, directoryUrls, coveredByWildcard }
  if (options.maxPaths !== undefined && items.length > options.maxPaths) {
    const deleted = new Set(sources.flatMap(source => source.deletedPaths?.() ?? []))
    const mismatch = options.site && siteDirMismatch(items, options.site, deleted)
    const site = mismatch ? undefined : options.site?.urlPaths()
    return { ...plan, ...reduceToMaxPaths(items, options.maxPaths, site), changed: items, siteDirMismatch: mismatch }
  }
  return { ...plan, items, changed: items, reduction: undefined }
}
