import { createHash, randomBytes } from 'node:crypto'
import { ApiError, LIMITS, parseBatch } from './rules.js'

/** What the emulator holds: distributions (with their domain names, aliases and tags), tenants, invalidations. */

export const ACCOUNT = '123456789012'

export interface StoredInvalidation {
  id: string
  /** The distribution or tenant ID. */
  targetId: string
  tenant: boolean
  callerReference: string
  paths: string[]
  createdAt: number
  /** When the server starts reporting Completed (epoch ms). */
  completesAt: number
}

/** One origin, as CloudFront's Origin: an S3 REST or website endpoint, or anything else (an ALB, a custom domain). */
export interface OriginSpec {
  id: string
  /** my-site.s3.us-east-1.amazonaws.com, my-site.s3-website-us-east-1.amazonaws.com, alb-1.elb.amazonaws.com, … */
  domainName: string
  /** CloudFront's OriginPath: '' (default) or '/prod' (leading slash, no trailing slash). */
  originPath?: string
}

/** An origin group: CloudFront fails over from the first member to the second. */
export interface OriginGroupSpec {
  id: string
  members: [string, string]
}

/** A cache behavior, in CloudFront's order (first match wins). */
export interface BehaviorSpec {
  pathPattern: string
  targetOriginId: string
}

/** A distribution as a test describes it; what it leaves out gets CloudFront's defaults. */
export interface DistributionSpec {
  id: string
  /** Alternate domain names (CNAMEs), such as www.example.com or *.example.com. */
  aliases?: string[]
  /** Its own domain name; default d<13 characters>.cloudfront.net, derived from the ID. */
  domainName?: string
  tags?: Record<string, string>
  comment?: string
  /** Default: one S3 REST origin for the bucket `site-<id in lower case>` (`<bucket>.s3.us-east-1.amazonaws.com`), origin path ''. */
  origins?: OriginSpec[]
  originGroups?: OriginGroupSpec[]
  /** The default behavior's target (an origin or origin group ID); default: the first origin's ID. */
  defaultTargetOriginId?: string
  behaviors?: BehaviorSpec[]
  /** CloudFront's DefaultRootObject: '' (default) or a key such as 'index.html'. */
  defaultRootObject?: string
}

export interface StoredOrigin {
  id: string
  domainName: string
  originPath: string
}

export interface StoredDistribution {
  id: string
  aliases: string[]
  domainName: string
  tags: Record<string, string>
  comment: string
  createdAt: number
  origins: StoredOrigin[]
  originGroups: OriginGroupSpec[]
  defaultTargetOriginId: string
  behaviors: BehaviorSpec[]
  defaultRootObject: string
  /** The version of its configuration, as GetDistribution and GetDistributionConfig answer it in ETag. */
  etag: string
}

/** The bucket of a distribution that a test leaves without origins: site-<id in lower case>. */
export function defaultBucketOf(id: string): string {
  return `site-${id.toLowerCase()}`
}

export function distributionArn(id: string): string {
  return `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`
}

export class EmulatorState {
  /** In the order they were added: ListDistributions pages through them in that order. */
  readonly distributions = new Map<string, StoredDistribution>()
  readonly tenants = new Set<string>()
  /** Each tenant's domains (GetDistributionTenant); by default one derived from its ID. */
  readonly tenantDomains = new Map<string, string[]>()
  readonly invalidations: StoredInvalidation[] = []
  completionDelayMs = 0
  readonly targetDelays = new Map<string, number>()

  addDistribution(spec: DistributionSpec | string): StoredDistribution {
    const given: DistributionSpec = typeof spec === 'string' ? { id: spec } : spec
    const { id, aliases = [], domainName, tags = {}, comment = '' } = given
    const derived = createHash('sha256').update(id).digest('hex')
    const bucket = defaultBucketOf(id)
    const origins = (given.origins ?? [{ id: bucket, domainName: `${bucket}.s3.us-east-1.amazonaws.com` }]).map(o => ({
      id: o.id,
      domainName: o.domainName,
      originPath: o.originPath ?? ''
    }))
    const stored: StoredDistribution = {
      id,
      aliases: [...aliases],
      domainName: domainName ?? `d${derived.slice(0, 13)}.cloudfront.net`,
      tags: { ...tags },
      comment,
      createdAt: Date.now(),
      origins,
      originGroups: (given.originGroups ?? []).map(g => ({ id: g.id, members: [g.members[0], g.members[1]] })),
      defaultTargetOriginId: given.defaultTargetOriginId ?? origins[0]?.id ?? '',
      behaviors: (given.behaviors ?? []).map(b => ({ pathPattern: b.pathPattern, targetOriginId: b.targetOriginId })),
      defaultRootObject: given.defaultRootObject ?? '',
      etag: `E${derived.slice(13, 26).toUpperCase()}`
    }
    checkConfiguration(stored)
    this.distributions.set(id, stored)
    return stored
  }

  statusOf(invalidation: StoredInvalidation, now = Date.now()): 'InProgress' | 'Completed' {
    return now >= invalidation.completesAt ? 'Completed' : 'InProgress'
  }

  /** CreateInvalidation: idempotent by CallerReference, within the in-progress limits. */
  createInvalidation(
    targetId: string,
    tenant: boolean,
    body: string
  ): { invalidation: StoredInvalidation; isNew: boolean } {
    const batch = parseBatch(body)
    const existing = this.invalidations.find(
      i => i.targetId === targetId && i.callerReference === batch.callerReference
    )
    if (existing) {
      if (sameSet(existing.paths, batch.paths)) return { invalidation: existing, isNew: false }
      throw new ApiError(
        409,
        'InvalidationBatchAlreadyExists',
        'The CallerReference is already used by an invalidation batch with different paths.'
      )
    }
    const now = Date.now()
    const inProgress = this.invalidations
      .filter(i => i.targetId === targetId && this.statusOf(i, now) === 'InProgress')
      .flatMap(i => i.paths)
    const wildcards = (paths: string[]) => paths.filter(p => p.endsWith('*')).length
    const all = [...inProgress, ...batch.paths]
    if (wildcards(all) > LIMITS.wildcardsInProgress || all.length - wildcards(all) > LIMITS.filesInProgress) {
      throw new ApiError(
        400,
        'TooManyInvalidationsInProgress',
        'Processing your request would cause the maximum number of in-progress wildcard invalidations (15) or file invalidations (3000) to be exceeded.'
      )
    }
    const delay = this.targetDelays.get(targetId) ?? this.completionDelayMs
    const invalidation: StoredInvalidation = {
      id: `I${randomBytes(10).toString('hex').toUpperCase().slice(0, 13)}`,
      targetId,
      tenant,
      callerReference: batch.callerReference,
      paths: batch.paths,
      createdAt: now,
      completesAt: now + delay
    }
    this.invalidations.push(invalidation)
    return { invalidation, isNew: true }
  }

  /** A page of items after `marker` (the last ID of the previous page), as CloudFront pages its lists. */
  page<T>(
    all: readonly T[],
    idOf: (item: T) => string,
    marker: string,
    maxItems: number
  ): { items: T[]; nextMarker: string | undefined } {
    const start = marker === '' ? 0 : all.findIndex(item => idOf(item) === marker) + 1
    const items = all.slice(start, start + maxItems)
    const truncated = start + maxItems < all.length
    return { items, nextMarker: truncated ? idOf(items[items.length - 1] as T) : undefined }
  }

  /** ListTagsForResource: the ARN must name a distribution of this account. */
  tagsOf(resource: string): Record<string, string> {
    const match = /^arn:aws:cloudfront::(\d{12}):distribution\/([A-Z0-9]+)$/.exec(resource)
    if (!match) {
      throw new ApiError(400, 'InvalidArgument', `Resource must be the ARN of a distribution, not "${resource}".`)
    }
    const found = match[1] === ACCOUNT ? this.distributions.get(match[2] ?? '') : undefined
    if (!found) throw new ApiError(404, 'NoSuchResource', 'The specified resource does not exist.')
    return found.tags
  }
}

/**
 * What CloudFront's CreateDistribution refuses, refused here too, so that a test cannot describe a
 * distribution CloudFront would never hold (a behavior aimed at no origin, an origin path with a slash
 * at its end).
 */
function checkConfiguration(d: StoredDistribution): void {
  const problem = (text: string): never => {
    throw new Error(`Distribution ${d.id}: ${text}`)
  }
  if (d.origins.length === 0) problem('needs at least one origin.')
  const ids = [...d.origins.map(o => o.id), ...d.originGroups.map(g => g.id)]
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i)
  if (duplicate !== undefined) problem(`the origin or origin group ID ${duplicate} is used twice.`)
  for (const o of d.origins) {
    if (o.domainName === '') problem(`origin ${o.id} has no domain name.`)
    if (o.originPath !== '' && (!o.originPath.startsWith('/') || o.originPath.endsWith('/'))) {
      problem(`origin ${o.id} has OriginPath "${o.originPath}": it must start with / and not end with /.`)
    }
  }
  const originIds = new Set(d.origins.map(o => o.id))
  for (const g of d.originGroups) {
    for (const member of g.members) {
      if (!originIds.has(member)) problem(`origin group ${g.id} names ${member}, which is not an origin.`)
    }
  }
  const targets = new Set(ids)
  if (!targets.has(d.defaultTargetOriginId)) {
    problem(`the default behavior targets ${d.defaultTargetOriginId}, which is no origin or origin group.`)
  }
  for (const b of d.behaviors) {
    if (!targets.has(b.targetOriginId)) {
      problem(`the behavior ${b.pathPattern} targets ${b.targetOriginId}, which is no origin or origin group.`)
    }
  }
  if (d.defaultRootObject.startsWith('/')) problem('DefaultRootObject must not start with /.')
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const sortedB = [...b].sort()
  return [...a].sort().every((value, i) => value === sortedB[i])
}
