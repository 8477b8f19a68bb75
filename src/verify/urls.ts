import { directoryUrl, indexDocumentSuffix } from '../paths/aliases.js'
import { isWildcard, keyToPath } from '../paths/normalize.js'
import { PrefixTrie } from '../paths/prefix-trie.js'
import { MAX_CHECKED, isAskable, selectUrls, type Selection } from './select.js'

/** What one distribution's invalidations were meant to refresh, and what verify may use to name URLs under a wildcard. */
export interface UrlSources {
  /** The items the created invalidations sent (wildcards, files, directory URLs, cache tags). */
  sent: readonly string[]
  /** The paths planned before max-paths turned them into wildcards: what the deploy changed. */
  changed: readonly string[]
  /** Every file of site-dir as its URL path, read only when a wildcard was sent; undefined without site-dir. */
  siteFiles: (() => readonly string[]) | undefined
  indexDocument: string
  /** The distribution's default root object ('' for none; undefined when unknown). */
  defaultRootObject: string | undefined
}

/**
 * The URLs to ask for one distribution: the changed ones, not the items sent. A wildcard names no URL
 * of its own, so under each wildcard sent verify asks the changed URLs it covers (a sync-log's objects,
 * before max-paths reduced them), and with site-dir the files of the folder under it (with the
 * directory URL of each index document); under `/*`, always `/` and the default root object. Only URLs
 * a created invalidation covers are asked. Past 100, the changed URLs and `/` fill the sample first:
 * they are what the deploy meant to refresh; the folder's other files fill what room is left.
 */
export function urlsToAsk(sources: UrlSources, max = MAX_CHECKED): Selection {
  const sent = new Set(sources.sent)
  const wildcards = new PrefixTrie()
  const prefixes: string[] = []
  for (const item of sources.sent) {
    if (isWildcard(item) && item.startsWith('/')) {
      wildcards.add(item.slice(0, -1))
      prefixes.push(item.slice(0, -1))
    }
  }
  const covered = (url: string) => sent.has(url) || wildcards.covers(url)

  const changed = new Set<string>()
  let skipped = 0
  for (const item of sources.changed) {
    if (isAskable(item)) {
      if (covered(item)) changed.add(item)
    } else if (!isWildcard(item)) {
      skipped++ // a cache tag or a query string: the step does not know which query strings the cache keys on
    }
  }
  // `/` serves the default root object: when that file changed, `/` must show it too, invalidated or
  // not (a step that named /index.html alone leaves / stale, which is worth failing over).
  const root = sources.defaultRootObject
  if (root !== undefined && root !== '' && changed.has(keyToPath(root))) changed.add('/')
  if (prefixes.includes('/')) {
    changed.add('/')
    if (root !== undefined && root !== '') changed.add(keyToPath(root))
  }

  const others = new Set<string>()
  if (prefixes.length > 0 && sources.siteFiles !== undefined) {
    const suffix = indexDocumentSuffix(sources.indexDocument)
    for (const file of sources.siteFiles()) {
      if (!wildcards.covers(file)) continue
      if (!changed.has(file)) others.add(file)
      const directory = suffix === undefined ? undefined : directoryUrl(file, suffix)
      if (directory !== undefined && !changed.has(directory)) others.add(directory)
    }
  }
  const first = selectUrls([...changed], max)
  const room = max - first.urls.length
  const rest = room > 0 ? selectUrls([...others], room).urls : []
  const urls = [...first.urls, ...rest]
  const named = [...changed, ...others]
  const unnamed = prefixes.filter(prefix => !named.some(url => url.startsWith(prefix))).map(prefix => `${prefix}*`)
  return { urls, candidates: changed.size + others.size, skipped: skipped + unnamed.length, unnamed }
}
