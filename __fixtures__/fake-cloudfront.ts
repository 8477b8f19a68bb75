import type { CloudFrontApi, CreatedInvalidation, DistributionInfo } from '../src/cloudfront/client.js'
import type { DistributionRouting } from '../src/distribution/origins.js'
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

/**
 * CloudFront's quotas on invalidations, as its developer guide states them ("Quotas on invalidations",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-invalidations,
 * and "Concurrent invalidation request maximum" in "Invalidate files"). Written here from the
 * documentation and never imported from src/: a misreading in src/requests/batches.ts must not be
 * shared by the fake that checks it.
 */
export interface CloudFrontQuotas {
  /** "File invalidation: maximum number of active requests allowed": file paths in progress on one distribution. */
  filePathsInProgress: number
  /** "Wildcard invalidation: maximum number of active requests allowed": paths with `*` in progress on one distribution. */
  wildcardPathsInProgress: number
  /** Paths in one CreateInvalidation ("up to 3,000 paths"; more is BatchTooLarge). */
  pathsPerRequest: number
}

export const CLOUDFRONT_QUOTAS: CloudFrontQuotas = {
  filePathsInProgress: 3000,
  wildcardPathsInProgress: 15,
  pathsPerRequest: 3000
}

/** What the SDK throws when the abort signal of a call in flight fires (smithy's node-http-handler). */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: signal.reason as unknown })
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
 * An in-memory CloudFront for unit tests of the flow: idempotent CallerReference, CloudFront's
 * documented quotas, completion after a number of polls, queued errors, and calls that stay in flight
 * until the caller's abort signal fires, as the SDK's do.
 */
export class FakeCloudFront implements CloudFrontApi {
  readonly created: FakeInvalidation[] = []
  readonly calls: {
    operation: 'create' | 'status' | 'list' | 'tags' | 'routing' | 'tenant' | 'inProgress' | 'contents'
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
  /** The next create or poll stays in flight, unanswered, until its abort signal fires (a server that does not answer). */
  readonly hang = new Set<'create' | 'status'>()
  /** The calls that an abort signal ended in flight, in order. */
  readonly aborted: { operation: 'create' | 'status'; target: string; detail: string }[] = []

  async create(
    target: Target,
    items: readonly string[],
    callerReference: string,
    signal?: AbortSignal
  ): Promise<CreatedInvalidation> {
    this.calls.push({ operation: 'create', target: target.id, detail: callerReference })
    await this.inFlight({ operation: 'create', target: target.id, detail: callerReference }, signal)
    if (this.targetErrors.has(target.id)) throw this.targetErrors.get(target.id)
    const error = this.createErrors.shift()
    if (error) throw error
    const existing = this.created.find(i => i.target.id === target.id && i.callerReference === callerReference)
    if (existing) return this.answer(existing)
    if (items.length > CLOUDFRONT_QUOTAS.pathsPerRequest) throw apiError('BatchTooLarge', 'too large', 413)
    if (this.enforceLimits) {
      const inProgress = this.created
        .filter(i => i.target.id === target.id && i.polls < this.pollsToComplete)
        .flatMap(i => i.items)
      const all = [...inProgress, ...items]
      const wildcards = all.filter(i => i.includes('*')).length
      if (
        wildcards > CLOUDFRONT_QUOTAS.wildcardPathsInProgress ||
        all.length - wildcards > CLOUDFRONT_QUOTAS.filePathsInProgress
      ) {
        throw apiError('TooManyInvalidationsInProgress')
      }
    }
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

  async status(target: Target, invalidationId: string, signal?: AbortSignal): Promise<string> {
    this.calls.push({ operation: 'status', target: target.id, detail: invalidationId })
    await this.inFlight({ operation: 'status', target: target.id, detail: invalidationId }, signal)
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

  /** Each tenant's domains; a tenant not here answers EntityNotFound. */
  readonly tenantDomains = new Map<string, string[]>()

  async tenantDomainsOf(id: string): Promise<string[]> {
    this.calls.push({ operation: 'tenant', target: id, detail: '' })
    const error = this.lookupErrors.shift()
    if (error) throw error
    const found = this.tenantDomains.get(id)
    if (!found) throw apiError('EntityNotFound', 'The entity was not found.', 404)
    return found
  }

  async routingOf(id: string): Promise<DistributionRouting> {
    this.calls.push({ operation: 'routing', target: id, detail: '' })
    const error = this.lookupErrors.shift()
    if (error) throw error
    const found = this.routings.get(id)
    if (!found) throw apiError('NoSuchDistribution', 'The specified distribution does not exist.', 404)
    return found
  }

  /**
   * As the SDK does: a call whose signal has already fired is not sent; a call held in flight (`hang`)
   * ends only when its signal fires, with the SDK's AbortError, and CloudFront never saw it.
   */
  private async inFlight(call: FakeCloudFront['aborted'][number], signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw abortError(signal)
    if (!this.hang.delete(call.operation)) return
    await new Promise<never>((_, reject) => {
      const abort = (): void => {
        this.aborted.push(call)
        reject(abortError(signal as AbortSignal))
      }
      signal?.addEventListener('abort', abort, { once: true })
    })
  }

  private answer(invalidation: FakeInvalidation): CreatedInvalidation {
    return {
      invalidationId: invalidation.id,
      status: 'InProgress',
      location: `https://cloudfront.example/${invalidation.id}`
    }
  }
}
