import { keyToPath } from '../paths/normalize.js'
import type { DistributionRouting, ServingOrigin } from '../distribution/origins.js'
import { matchesPathPattern } from './path-pattern.js'

/** Why a changed key of the bucket is served at no URL of the distribution. */
export type KeySkip = 'outside the origin path' | 'served from another origin'

/**
 * Maps an object key of the synced bucket to the URL paths the distribution serves it at, through its
 * configuration, or to why it serves it at none:
 * - through each origin that serves the bucket and whose origin path is a prefix of the key, the URL is
 *   the key without that prefix (an origin path excludes the other keys: "outside the origin path");
 * - the URL counts only when the cache behavior that matches it (the first in order, else the default)
 *   routes to that origin, or to an origin group with it, or to another origin of the bucket with the
 *   same origin path; otherwise another origin answers it ("served from another origin");
 * - when the key is the default root object (after the origin path) and `/` is routed to it too, `/`
 *   is served from it as well.
 * URLs are invalidation items: percent-encoded as keyToPath encodes them.
 */
export function keyMapper(
  routing: DistributionRouting,
  serving: readonly ServingOrigin[]
): (key: string) => string[] | KeySkip {
  const members = new Map<string, readonly string[]>()
  for (const origin of routing.origins) members.set(origin.id, [origin.id])
  for (const group of routing.originGroups) members.set(group.id, group.members)
  /** Whether the behavior for `url` reaches the bucket through an origin with this key prefix. */
  const reaches = (url: string, keyPrefix: string): boolean => {
    const behavior = routing.behaviors.find(b => matchesPathPattern(b.pathPattern, url))
    const origins = members.get(behavior?.targetOriginId ?? routing.defaultTargetOriginId) ?? []
    return serving.some(o => o.keyPrefix === keyPrefix && origins.includes(o.id))
  }
  const rootObject = routing.defaultRootObject ?? ''
  const prefixes = [...new Set(serving.map(o => o.keyPrefix))]
  const rootReached = new Map(prefixes.map(prefix => [prefix, rootObject !== '' && reaches('/', prefix)]))

  return key => {
    const urls: string[] = []
    let underOriginPath = false
    for (const prefix of prefixes) {
      if (!key.startsWith(prefix) || key.length === prefix.length) continue
      underOriginPath = true
      const rest = key.slice(prefix.length)
      const url = keyToPath(rest)
      if (!reaches(url, prefix)) continue
      urls.push(url)
      if (rest === rootObject && rootReached.get(prefix) && !urls.includes('/')) urls.push('/')
    }
    if (urls.length > 0) return urls
    return underOriginPath ? 'served from another origin' : 'outside the origin path'
  }
}
