import type { DistributionInfo, LookupApi } from './client.js'
import { explainLookupError } from './explain.js'
import { LookupError } from '../errors.js'
import { agree, plural } from '../plural.js'
import { originsFor } from '../distribution/origins.js'
import type { Partition, Target } from '../targets.js'

/**
 * Finds the distributions a step names by domain or by tags. Loaded only by a step that does (main.ts
 * imports it on demand), so a step that names IDs pays nothing for it at start and makes no extra call.
 */

/** A tag a distribution must carry, as given in distribution-tags (Key=Value). */
export interface TagFilter {
  key: string
  value: string
}

/** What a name resolved to, for the log and the summary: www.example.com → E2QWRUHAPOMQZL (alias). */
export interface Resolution {
  given: string
  ids: string[]
  how: string
}

export interface LookupResult {
  /** The targets in the order given, each once, with the names that led to it. */
  targets: Target[]
  resolutions: Resolution[]
  /** How many distributions the account has (each was searched). */
  searched: number
  /** What ListDistributions listed, by ID: the routing stage reuses their origins and behaviors. */
  listed: Map<string, DistributionInfo>
}

// ListTagsForResource calls at once: a few, so that an account of a thousand distributions stays inside
// CloudFront's API rate (the SDK retries any throttling on top).
const TAG_CONCURRENCY = 4

/**
 * Resolves `ids` (kept as given), `domains` and `tags` to distributions: ListDistributions, every page,
 * once; ListTagsForResource only when tags are given. Two names of the same distribution give one target.
 */
export async function resolveTargets(
  api: LookupApi,
  given: { ids: readonly string[]; domains: readonly string[]; tags: readonly TagFilter[]; partition?: Partition },
  signal: AbortSignal
): Promise<LookupResult> {
  const distributions = await listAll(api, signal)
  const resolutions: Resolution[] = []
  for (const domain of given.domains) {
    const match = matchDomain(domain, distributions)
    if (!match) {
      throw new LookupError(
        `Input "distribution-id": no distribution serves "${domain}": ${noneOfTheAccounts(distributions.length, 'does not have it', 'has it')} as an alternate domain name (or a wildcard one) or as its domain name. Check the spelling, and that the credentials are for the account that owns the distribution.`
      )
    }
    resolutions.push({ given: domain, ids: [match.distribution.id], how: match.how })
  }
  if (given.tags.length > 0) {
    const label = given.tags.map(t => `${t.key}=${t.value}`).join(', ')
    const tagged = await withTags(api, distributions, given.tags, signal)
    if (tagged.length === 0) {
      // Values may hold commas, so "Env=prod,Site=www" is one tag; when nothing carries it, a second tag was likely meant.
      const joined = given.tags.find(t => /,\s*[^\s=,][^=,]*=/.test(t.value))
      const oneLine = joined
        ? ` The value of ${joined.key} is "${joined.value}": if that holds a second tag, give each Key=Value on its own line.`
        : ''
      throw new LookupError(
        `Input "distribution-tags": no distribution carries ${label}: ${plural(distributions.length, 'distribution')} ${agree(distributions.length, 'was', 'were')} searched. Check the tags in the CloudFront console (keys and values are case-sensitive), and that the credentials are for the account that owns the distributions.${oneLine}`
      )
    }
    resolutions.push({ given: label, ids: tagged.map(d => d.id), how: 'tags' })
  }

  const byId = new Map<string, Target>()
  const add = (id: string, name: string) => {
    const existing = byId.get(id)
    if (existing) existing.given = [...(existing.given ?? []), name]
    else
      byId.set(id, {
        kind: 'distribution',
        id,
        given: [name],
        ...(given.partition ? { partition: given.partition } : {})
      })
  }
  for (const id of given.ids) add(id, id)
  for (const r of resolutions) for (const id of r.ids) add(id, r.given)
  return { targets: [...byId.values()], resolutions, searched: distributions.length, listed: listedById(distributions) }
}

/**
 * The distributions with an origin that serves `bucket` (a step that names none, with a sync-log):
 * one ListDistributions pass, whose summaries carry every origin.
 */
export async function findByBucket(
  api: LookupApi,
  bucket: string,
  partition: Partition | undefined,
  signal: AbortSignal
): Promise<LookupResult> {
  const distributions = await listAll(api, signal, 'the bucket the sync-log names')
  const serving = distributions.filter(d => d.routing && originsFor(d.routing, bucket).serving.length > 0)
  if (serving.length === 0) {
    throw new LookupError(
      `Input "distribution-id" is empty, and no distribution serves the bucket ${bucket} that the sync-log names: ${noneOfTheAccounts(distributions.length, 'has no origin that is an S3 endpoint of it', 'has an origin that is an S3 endpoint of it')}. Name the distribution in distribution-id, or check that the credentials are for the account that owns it.`
    )
  }
  const given = `bucket ${bucket}`
  return {
    targets: serving.map(d => ({
      kind: 'distribution',
      id: d.id,
      given: [given],
      ...(partition ? { partition } : {})
    })),
    resolutions: [{ given, ids: serving.map(d => d.id), how: 'an origin serves it' }],
    searched: distributions.length,
    listed: listedById(distributions)
  }
}

/** What a lookup found in none of the account's distributions, worded for one or for several. */
function noneOfTheAccounts(distributions: number, one: string, many: string): string {
  return distributions === 1
    ? `the account's one distribution ${one}`
    : `none of the account's ${plural(distributions, 'distribution')} ${many}`
}

function listedById(distributions: readonly DistributionInfo[]): Map<string, DistributionInfo> {
  return new Map(distributions.map(d => [d.id, d]))
}

async function listAll(api: LookupApi, signal: AbortSignal, by?: string): Promise<DistributionInfo[]> {
  const all: DistributionInfo[] = []
  let marker: string | undefined
  do {
    const page = await call(() => api.listDistributions(marker, signal), 'ListDistributions', by)
    all.push(...page.distributions)
    marker = page.nextMarker
  } while (marker !== undefined)
  return all
}

async function withTags(
  api: LookupApi,
  distributions: readonly DistributionInfo[],
  filters: readonly TagFilter[],
  signal: AbortSignal
): Promise<DistributionInfo[]> {
  const matches = new Array<boolean>(distributions.length).fill(false)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < distributions.length) {
      const index = next++
      const distribution = distributions[index] as DistributionInfo
      const tags = await call(() => api.tagsOf(distribution.arn, signal), 'ListTagsForResource')
      matches[index] = filters.every(f => tags[f.key] === f.value)
    }
  }
  await Promise.all(Array.from({ length: Math.min(TAG_CONCURRENCY, distributions.length) }, worker))
  return distributions.filter((_, i) => matches[i])
}

async function call<T>(
  request: () => Promise<T>,
  operation: 'ListDistributions' | 'ListTagsForResource',
  by?: string
): Promise<T> {
  try {
    return await request()
  } catch (error) {
    throw new LookupError(explainLookupError(error, operation, by))
  }
}

/**
 * The distribution that serves a host name, as CloudFront routes it: an exact alternate domain name
 * first, then a wildcard one (*.example.com serves www.example.com, not a.b.example.com nor
 * example.com), then the distribution's own domain name (d111111abcdef8.cloudfront.net). Host names are
 * case-insensitive.
 */
export function matchDomain(
  name: string,
  distributions: readonly DistributionInfo[]
): { distribution: DistributionInfo; how: string } | undefined {
  const host = name.toLowerCase()
  const exact = distributions.find(d => d.aliases.some(alias => alias.toLowerCase() === host))
  if (exact) return { distribution: exact, how: 'alternate domain name' }
  const dot = host.indexOf('.')
  const parent = dot === -1 ? undefined : host.slice(dot + 1)
  const wildcard =
    parent && dot > 0
      ? distributions.find(d => d.aliases.some(alias => alias.toLowerCase() === `*.${parent}`))
      : undefined
  if (wildcard) return { distribution: wildcard, how: `wildcard alternate domain name *.${parent}` }
  const own = distributions.find(d => d.domainName.toLowerCase() === host)
  if (own) return { distribution: own, how: 'its CloudFront domain name' }
  return undefined
}
