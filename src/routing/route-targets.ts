import type { DistributionInfo, LookupApi } from '../cloudfront/client.js'
import { errorName, explainApiError, routingDeniedWarning } from '../cloudfront/explain.js'
import type { PathSource } from '../paths/source.js'
import type { SyncLogSource } from '../paths/sync-log.js'
import { count, plural } from '../plural.js'
import { targetLabel, type Target } from '../targets.js'
import { keyMapper, type KeySkip } from './map-keys.js'
import { originsFor, type DistributionRouting, type ServingOrigin } from '../distribution/origins.js'

/**
 * The distribution-configuration stage: reads each target distribution's configuration (one
 * GetDistribution each, at once) and decides, per distribution, how the sync-log's keys become URLs:
 * through its own origins, origin path, behaviors and default root object, or as the step is
 * configured when the configuration cannot say (denied, an origin that is not S3, an access point,
 * a tenant). Stops the step, before any invalidation, when a distribution does not serve the synced
 * bucket or contradicts origin-path. Loaded only by a step with a sync-log (main.ts imports it on demand).
 */

/** How one target's share of the sync-log becomes URLs. */
export interface RoutedTarget {
  target: Target
  /** The sync-logs mapped through its configuration; undefined: as the step is configured. */
  sources: PathSource[] | undefined
  /** For the log and the summary: which origin served the bucket, what became URLs, what was skipped and why. */
  line: string
  /** What this stage read of its configuration; verify takes its domain name and root object from it. */
  read: ConfigurationRead
}

/**
 * What the stage read of one distribution's configuration, so that a step makes at most one
 * GetDistribution per distribution: its answer; or denied (verify does not ask again), with what a
 * ListDistributions pass of the step listed, if any; or not read (a tenant, or no key to map).
 */
export type ConfigurationRead =
  | { how: 'GetDistribution'; routing: DistributionRouting }
  | { how: 'denied'; summary: DistributionRouting | undefined }
  | { how: 'not read' }

const NOT_READ: ConfigurationRead = { how: 'not read' }

export class RoutingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RoutingError'
  }
}

export interface RoutingInput {
  targets: readonly Target[]
  syncLogs: readonly SyncLogSource[]
  /** origin-path as the key prefix ("prod/"; "" when not given). */
  originPath: string
  /** What a ListDistributions pass of this step listed, by ID (finding by domain, tags or bucket). */
  listed: ReadonlyMap<string, DistributionInfo> | undefined
  warn: (message: string) => void
  signal: AbortSignal
}

export async function routeTargets(api: LookupApi, input: RoutingInput): Promise<RoutedTarget[]> {
  const bucket = [...new Set(input.syncLogs.flatMap(log => [...log.stats.buckets]))][0]
  const configured = (target: Target, why: string, read: ConfigurationRead = NOT_READ): RoutedTarget => ({
    target,
    sources: undefined,
    read,
    line: `${targetLabel(target)}: ${why}; keys mapped as the step is configured (origin-path ${input.originPath === '' ? 'none' : originPathOf(input.originPath)}).`
  })
  if (bucket === undefined) return input.targets.map(t => configured(t, 'the sync-log changed no object'))
  if (bucket.startsWith('arn:')) {
    return input.targets.map(t =>
      configured(
        t,
        `the sync-log went through the access point ${bucket}, whose bucket the origins cannot be matched with`
      )
    )
  }

  const reads = await Promise.all(input.targets.map(target => readRouting(api, target, input)))
  const routed: RoutedTarget[] = []
  const failures: string[] = []
  for (const [index, target] of input.targets.entries()) {
    const read = reads[index] ?? NOT_READ
    const routing = read.how === 'GetDistribution' ? read.routing : read.how === 'denied' ? read.summary : undefined
    if (target.kind === 'tenant') {
      routed.push(configured(target, "a tenant's configuration is its distribution's and is not read"))
      continue
    }
    if (routing === undefined) {
      routed.push(configured(target, 'its configuration could not be read (see the warning)', read))
      continue
    }
    const origins = originsFor(routing, bucket)
    if (origins.serving.length === 0) {
      if (origins.unknown.length === 0) {
        failures.push(wrongBucket(target, bucket, origins.otherBuckets))
        continue
      }
      const unknown = origins.unknown.map(o => `${o.id} (${o.domainName})`).join(', ')
      const unchecked = configured(
        target,
        `no origin is an S3 endpoint of ${bucket}, and ${unknown} ${origins.unknown.length === 1 ? 'is' : 'are'} not an S3 bucket endpoint, so whether it serves ${bucket} could not be checked`,
        read
      )
      // Not a failure (a custom origin may proxy the bucket), but not silent either: the same words as
      // a wrong bucket would get, so that a wrong distribution-id is seen on the run page.
      input.warn(
        `${unchecked.line} If it does not serve ${bucket}, the deployed site stays stale: check distribution-id and the bucket of the sync.`
      )
      routed.push(unchecked)
      continue
    }
    const contradiction = contradictsOriginPath(input.originPath, origins.serving)
    if (contradiction) {
      failures.push(`${targetLabel(target)}: ${contradiction}`)
      continue
    }
    routed.push({ ...mapThrough(target, routing, origins.serving, input.syncLogs, bucket), read })
  }
  if (failures.length > 0) {
    throw new RoutingError(`${failures.join('\n')}\nNo invalidation was created.`)
  }
  return routed
}

/** One GetDistribution; denied, a warning, and the ListDistributions summary if this step has one. */
async function readRouting(api: LookupApi, target: Target, input: RoutingInput): Promise<ConfigurationRead> {
  if (target.kind === 'tenant') return NOT_READ
  try {
    return { how: 'GetDistribution', routing: await api.routingOf(target.id, input.signal) }
  } catch (error) {
    if (errorName(error) !== 'AccessDenied') throw new RoutingError(explainApiError(error, 'GetDistribution', target))
    const summary = input.listed?.get(target.id)?.routing
    input.warn(routingDeniedWarning(error, target, summary ? 'summary' : 'as configured'))
    return { how: 'denied', summary }
  }
}

function wrongBucket(target: Target, bucket: string, otherBuckets: readonly string[]): string {
  const serves =
    otherBuckets.length === 0
      ? 'no S3 bucket'
      : `${otherBuckets.length === 1 ? 'the bucket' : 'the buckets'} ${otherBuckets.join(', ')}`
  return `${targetLabel(target)} does not serve the bucket ${bucket} that the sync-log names: its origins serve ${serves}. Wrong distribution, or wrong bucket? Check distribution-id and the bucket of the sync (invalidating it would leave the deployed site stale).`
}

/** Why origin-path, when given, disagrees with every origin of the bucket, or undefined. */
function contradictsOriginPath(prefix: string, serving: readonly ServingOrigin[]): string | undefined {
  if (prefix === '' || serving.some(o => o.keyPrefix === prefix)) return undefined
  const theirs = [...new Set(serving.map(o => (o.originPath === '' ? 'none (the bucket root)' : o.originPath)))]
  return `origin-path is ${originPathOf(prefix)}, and the distribution's origin path for ${serving[0]?.domainName ?? ''} is ${theirs.join(' or ')}: the step would invalidate URLs the distribution does not serve. Correct origin-path, or drop it: the distribution's own origin path is used.`
}

/** The key prefix "prod/" as CloudFront writes an OriginPath: /prod. */
function originPathOf(prefix: string): string {
  return `/${prefix.slice(0, -1)}`
}

/** Every sync-log's keys through the configuration, counted for the report. */
function mapThrough(
  target: Target,
  routing: DistributionRouting,
  serving: readonly ServingOrigin[],
  syncLogs: readonly SyncLogSource[],
  bucket: string
): Omit<RoutedTarget, 'read'> {
  const map = keyMapper(routing, serving)
  const skipped: Record<KeySkip, number> = { 'outside the origin path': 0, 'served from another origin': 0 }
  let objects = 0
  let urls = 0
  let root = false
  const sources = syncLogs.map((log): PathSource => {
    const paths: string[] = []
    const lines: number[] = []
    for (const [i, key] of log.keys.entries()) {
      objects++
      const mapped = map(key)
      if (typeof mapped === 'string') {
        skipped[mapped]++
        continue
      }
      for (const url of mapped) {
        paths.push(url)
        lines.push(log.keyLines[i] as number)
        if (url === '/') root = true
      }
      urls += mapped.length
    }
    return {
      input: 'sync-log',
      file: log.file,
      normalized: true,
      forEach(visit) {
        for (let i = 0; i < paths.length; i++) visit(paths[i] as string, lines[i] as number)
      },
      // The URLs of the deleted objects, through the same configuration: verify expects them gone.
      deletedPaths: () =>
        log.deletedKeys().flatMap(key => {
          const urls = map(key)
          return typeof urls === 'string' ? [] : urls
        })
    }
  })
  const through = serving
    .map(o => `origin ${o.id} (${o.domainName}), origin path ${o.originPath === '' ? 'none' : o.originPath}`)
    .join('; ')
  // Counts that say what they count: the objects mapped and the URLs they became, then each object
  // not invalidated here and why, so that the parts add up to the objects the sync-log changed.
  const notHere: Record<KeySkip, string> = {
    'outside the origin path': 'outside the origin path (not served by it)',
    'served from another origin': 'served by another origin (not invalidated here)'
  }
  const skips = Object.entries(skipped)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${n} ${notHere[why as KeySkip]}`)
  const mapped = objects - skipped['outside the origin path'] - skipped['served from another origin']
  const line = `${targetLabel(target)}: ${bucket} is served through ${through}; ${plural(objects, 'object')} changed: ${count(mapped)} → ${plural(urls, 'URL')}${root ? ` (/ too: the default root object ${routing.defaultRootObject ?? ''} changed)` : ''}${skips.length > 0 ? `; ${skips.join('; ')}` : ''}.`
  return { target, sources, line }
}
