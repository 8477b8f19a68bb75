import { keyToPath } from './normalize.js'

/**
 * What a path ends with when it is an index document ("/index.html", encoded as a key is), or
 * undefined when directory URLs are off (an empty index-document).
 */
export function indexDocumentSuffix(indexDocument: string): string | undefined {
  return indexDocument === '' ? undefined : keyToPath(indexDocument)
}

/**
 * The directory URL that serves an index document: /blog/index.html → /blog/, /index.html → /.
 * CloudFront caches /blog/ under a key of its own when an S3 website endpoint or an origin-request
 * function answers it with blog/index.html, so invalidating the file alone leaves /blog/ stale.
 * /blog (no slash) is not added: a website endpoint answers it with a redirect to /blog/, which never
 * changes. Undefined for anything else (wildcards, cache tags, other files, query strings).
 */
export function directoryUrl(item: string, suffix: string): string | undefined {
  if (!item.endsWith(suffix) || !item.startsWith('/')) return undefined
  return item.slice(0, item.length - suffix.length + 1)
}
