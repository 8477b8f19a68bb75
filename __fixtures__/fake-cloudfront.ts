import type { CloudFrontApi, CreatedInvalidation, DistributionInfo } from '../src/cloudfront/client.js'
import type { DistributionRouting } from '../src/routing/origins.js'
import type { Target } from '../src/targets.js'

/** An error as the SDK throws it: the CloudFront error code is the name. */
export function apiError(name: string, message = `${name} from the fake`, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } })
}

/** What GetDistribution tells of a distribution with one S3 origin for `bucket`. */
export function routingFor(id: string, bucket: string, originPath = ''): DistributionRouting {
  return {
    id,
    arn: `arn:aws:cloudfront::123456789012:distribution/${id}`,
    origins: [{ id: 'site', domainName: `${bucket}.s3.us-east-1.amazonaws.com`, originPath }],
    originGroups: [],
    defaultTargetOriginId: 'site',
    behaviors: [],
    defaultRootObject: ''
  }
}

interface FakeInvalidation {
  id: string
  target: Target
  items: string[]
  callerReference: string
  polls: number
  createdAt: number
}

/**
 * An in-memory CloudFront for unit tests of the flow: idempotent CallerReference, in-progress limits,
 * completion after a number of polls, and queued errors.
 */
export class FakeCloudFront implements CloudFrontApi {
  readonly created: FakeInvalidation[] = []
  readonly calls: {
    operation: 'create' | 'status' | 'list' | 'tags' | 'routing' | 'inProgress' | 'contents'
    target: string
    detail: string
  }[] = []
  /** What GetDistribution answers, by distribution ID. */
  readonly routings = new Map<string, DistributionRouting>()
  /** What ListDistributions answers, 100 a page, and each distribution's tags by ARN. */
  readonly distributions: DistributionInfo[] = []
  readonly tags = new Map<string, Record<string, string>>()
  readonly lookupErrors: Error[] = []
  /** Polls an invalidation answers InProgress before it is Completed. */
  pollsToComplete = 1
  readonly createErrors: Error[] = []
  readonly statusErrors: Error[] = []
  /** Errors for ListInvalidations and for GetInvalidation asked for an invalidation's paths, in turn. */
  readonly inProgressErrors: Error[] = []
  readonly contentsErrors: Error[] = []
  /** Every create on this target fails with this. */
  readonly targetErrors = new Map<string, unknown>()
  /** Set to check CloudFront's in-progress limits as the real service would. */
  enforceLimits = true

  async create(target: Target, items: readonly string[], callerReference: string): Promise<CreatedInvalidation> {
    this.calls.push({ operation: 'create', target: target.id, detail: callerReference })
    if (this.targetErrors.has(target.id)) throw this.targetErrors.get(target.id)
    const error = this.createErrors.shift()
    if (error) throw error
    const existing = this.created.find(i => i.target.id === target.id && i.callerReference === callerReference)
    if (existing) return this.answer(existing)
    if (this.enforceLimits) {
      const inProgress = this.created
        .filter(i => i.target.id === target.id && i.polls < this.pollsToComplete)
        .flatMap(i => i.items)
      const all = [...inProgress, ...items]
      const wildcards = all.filter(i => i.endsWith('*')).length
      if (wildcards > 15 || all.length - wildcards > 3000) throw apiError('TooManyInvalidationsInProgress')
    }
    if (items.length > 3000) throw apiError('BatchTooLarge', 'too large', 413)
    const invalidation = {
      id: `I${String(this.created.length + 1).padStart(13, '0')}`,
      target,
      items: [...items],
      callerReference,
      polls: 0,
      createdAt: Date.now()
    }
    this.created.push(invalidation)
    return this.answer(invalidation)
  }

  async status(target: Target, invalidationId: string): Promise<string> {
    this.calls.push({ operation: 'status', target: target.id, detail: invalidationId })
    const error = this.statusErrors.shift()
    if (error) throw error
    const found = this.created.find(i => i.id === invalidationId && i.target.id === target.id)
    if (!found) throw apiError('NoSuchInvalidation', 'no such invalidation', 404)
    found.polls += 1
    return found.polls >= this.pollsToComplete ? 'Completed' : 'InProgress'
  }

  async inProgress(target: Target) {
    this.calls.push({ operation: 'inProgress', target: target.id, detail: '' })
    const error = this.inProgressErrors.shift()
    if (error) throw error
    // Newest first, as CloudFront lists them.
    return this.created
      .filter(i => i.target.id === target.id && i.polls < this.pollsToComplete)
      .map(i => ({ invalidationId: i.id, createdAt: i.createdAt }))
      .reverse()
  }

  async contents(target: Target, invalidationId: string) {
    this.calls.push({ operation: 'contents', target: target.id, detail: invalidationId })
    const error = this.contentsErrors.shift()
    if (error) throw error
    const found = this.created.find(i => i.id === invalidationId && i.target.id === target.id)
    if (!found) throw apiError('NoSuchInvalidation', 'no such invalidation', 404)
    return { status: found.polls >= this.pollsToComplete ? 'Completed' : 'InProgress', items: [...found.items] }
  }

  async listDistributions(marker: string | undefined) {
    this.calls.push({ operation: 'list', target: '', detail: marker ?? '' })
    const error = this.lookupErrors.shift()
    if (error) throw error
    const start = marker === undefined ? 0 : this.distributions.findIndex(d => d.id === marker) + 1
    const distributions = this.distributions.slice(start, start + 100)
    const more = start + 100 < this.distributions.length
    return { distributions, nextMarker: more ? distributions[distributions.length - 1]?.id : undefined }
  }

  async tagsOf(arn: string) {
    this.calls.push({ operation: 'tags', target: arn, detail: '' })
    const error = this.lookupErrors.shift()
    if (error) throw error
    return this.tags.get(arn) ?? {}
  }

  async routingOf(id: string): Promise<DistributionRouting> {
    this.calls.push({ operation: 'routing', target: id, detail: '' })
    const error = this.lookupErrors.shift()
    if (error) throw error
    const found = this.routings.get(id)
    if (!found) throw apiError('NoSuchDistribution', 'The specified distribution does not exist.', 404)
    return found
  }

  private answer(invalidation: FakeInvalidation): CreatedInvalidation {
    return {
      invalidationId: invalidation.id,
      status: 'InProgress',
      location: `https://cloudfront.example/${invalidation.id}`
    }
  }
}
