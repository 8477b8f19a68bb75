import { createHash } from 'node:crypto'

/** At most this many URLs are asked per distribution: enough to catch a wrong mapping, few enough to be quick. */
export const MAX_CHECKED = 100

/** The URLs to ask, of the paths a step invalidated. */
export interface Selection {
  urls: string[]
  /** The file and directory URLs among the paths (the ones that could be asked). */
  candidates: number
  /** Paths never asked: cache tags, URLs with a query string, wildcards with no URL known under them. */
  skipped: number
  /** The wildcards sent under which no URL could be named (no changed URL, no site-dir file under them). */
  unnamed?: string[]
}

/**
 * The file and directory URLs among the invalidated paths, never a wildcard (it names no one URL), a
 * cache tag (not a URL) or a URL with a query string (the step does not know which query strings the
 * cache keys on). Past `max`, a deterministic sample: `/` and the directory URLs first (a directory URL
 * is the one an index-document or origin-path mistake leaves stale), then the other URLs in the order
 * of a hash of each, so that a re-run asks the same URLs and a sample is spread over the whole site
 * rather than the first folder in alphabetical order.
 */
export function selectUrls(items: readonly string[], max = MAX_CHECKED): Selection {
  const urls = items.filter(isAskable)
  const skipped = items.length - urls.length
  if (urls.length <= max) return { urls, candidates: urls.length, skipped }
  const directories = urls.filter(url => url.endsWith('/')).sort(rootFirst)
  const files = urls
    .filter(url => !url.endsWith('/'))
    .map(url => ({ url, rank: createHash('sha256').update(url).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .map(entry => entry.url)
  return { urls: [...directories, ...files].slice(0, max), candidates: urls.length, skipped }
}

export function isAskable(item: string): boolean {
  return item.startsWith('/') && !item.endsWith('*') && !item.includes('?')
}

/** `/` first, then shallower directories before deeper ones, each level in order. */
function rootFirst(a: string, b: string): number {
  const depth = (url: string) => url.split('/').length
  return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0)
}
