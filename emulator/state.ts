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

/** A distribution as a test describes it; what it leaves out gets CloudFront's defaults. */
export interface DistributionSpec {
  id: string
  /** Alternate domain names (CNAMEs), such as www.example.com or *.example.com. */
  aliases?: string[]
  /** Its own domain name; default d<13 characters>.cloudfront.net, derived from the ID. */
  domainName?: string
  tags?: Record<string, string>
  comment?: string
}

export interface StoredDistribution {
  id: string
  aliases: string[]
  domainName: string
  tags: Record<string, string>
  comment: string
  createdAt: number
}

export function distributionArn(id: string): string {
  return `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`
}

export class EmulatorState {
  /** In the order they were added: ListDistributions pages through them in that order. */
  readonly distributions = new Map<string, StoredDistribution>()
  readonly tenants = new Set<string>()
  readonly invalidations: StoredInvalidation[] = []
  completionDelayMs = 0
  readonly targetDelays = new Map<string, number>()

  addDistribution(spec: DistributionSpec | string): StoredDistribution {
    const { id, aliases = [], domainName, tags = {}, comment = '' } = typeof spec === 'string' ? { id: spec } : spec
    const derived = createHash('sha256').update(id).digest('hex').slice(0, 13)
    const stored = {
      id,
      aliases: [...aliases],
      domainName: domainName ?? `d${derived}.cloudfront.net`,
      tags: { ...tags },
      comment,
      createdAt: Date.now()
    }
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

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const sortedB = [...b].sort()
  return [...a].sort().every((value, i) => value === sortedB[i])
}
