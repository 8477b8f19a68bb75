import {
  CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  GetDistributionTenantCommand,
  ListDistributionsCommand,
  ListTagsForResourceCommand,
  type CacheBehaviors,
  type CloudFrontClientConfig,
  type DefaultCacheBehavior,
  type Invalidation,
  type OriginGroups,
  type Origins
} from '@aws-sdk/client-cloudfront'
import type { Agent as HttpAgent } from 'node:http'
import { PROXY_VARIABLES } from '../report/redact.js'
import type { DistributionRouting } from '../distribution/origins.js'
import type { Target } from '../targets.js'
import { describeValue } from '../errors.js'
import { explainThroughProxy } from './explain.js'
import { CONNECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './timeouts.js'

/** What CloudFront answered to a CreateInvalidation. */
export interface CreatedInvalidation {
  invalidationId: string
  status: string
  location: string
}

/** An invalidation of someone else's that CloudFront lists as in progress. */
export interface ListedInvalidation {
  invalidationId: string
  /** CloudFront's CreateTime (epoch ms). */
  createdAt: number
}

/** The invalidation calls the action makes, so that the flow can be tested without a network. */
export interface InvalidationApi {
  create(
    target: Target,
    items: readonly string[],
    callerReference: string,
    signal: AbortSignal
  ): Promise<CreatedInvalidation>
  status(target: Target, invalidationId: string, signal: AbortSignal): Promise<string>
  /** ListInvalidations (…ForDistributionTenant): the target's invalidations in progress, newest first. */
  inProgress(target: Target, signal: AbortSignal): Promise<ListedInvalidation[]>
  /** GetInvalidation with the paths it holds, to count them against the in-progress limits. */
  contents(target: Target, invalidationId: string, signal: AbortSignal): Promise<{ status: string; items: string[] }>
}

/** What finding a distribution by name or by bucket needs of it. */
export interface DistributionInfo {
  id: string
  arn: string
  domainName: string
  aliases: string[]
  /** Its origins and behaviors as the summary lists them (no default root object: only GetDistribution has it). */
  routing?: DistributionRouting
}

/** The read-only calls that find distributions by domain or tags (only a step that names them makes them). */
export interface LookupApi {
  /** One page of ListDistributions (CloudFront's largest, 100), from `marker`. */
  listDistributions(
    marker: string | undefined,
    signal: AbortSignal
  ): Promise<{ distributions: DistributionInfo[]; nextMarker: string | undefined }>
  tagsOf(arn: string, signal: AbortSignal): Promise<Record<string, string>>
  /** GetDistribution: the configuration that maps the deploy's keys to URLs (only a step with sync-log reads it). */
  routingOf(id: string, signal: AbortSignal): Promise<DistributionRouting>
  /** GetDistributionTenant: the tenant's domains, where visitors reach it (only verify reads them). */
  tenantDomainsOf(id: string, signal: AbortSignal): Promise<string[]>
}

export type CloudFrontApi = InvalidationApi & LookupApi

/**
 * The SDK's client with its default credential chain (so configure-aws-credentials and OIDC work) and
 * its own endpoint resolution: AWS_ENDPOINT_URL_CLOUDFRONT / AWS_ENDPOINT_URL are honoured, never overridden.
 */
export function cloudFrontApi(
  region: string,
  agent?: HttpAgent,
  handler?: CloudFrontClientConfig['requestHandler']
): CloudFrontApi {
  const client = new CloudFrontClient({
    region,
    // Tests pass a handler that captures the request as signed, to check the endpoint of each partition.
    requestHandler: handler ?? {
      // Without throwOnRequestTimeout the handler only logs a warning when requestTimeout passes.
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      // The proxy routing agent (proxy.ts) when a proxy variable is set: it serves http and https alike.
      ...(agent ? { httpAgent: agent, httpsAgent: agent } : {})
    }
  })
  async function getInvalidation(target: Target, invalidationId: string, signal: AbortSignal) {
    const output =
      target.kind === 'distribution'
        ? await client.send(new GetInvalidationCommand({ DistributionId: target.id, Id: invalidationId }), {
            abortSignal: signal
          })
        : await client.send(
            new GetInvalidationForDistributionTenantCommand({ DistributionTenantId: target.id, Id: invalidationId }),
            { abortSignal: signal }
          )
    const invalidation = required<Invalidation>(output.Invalidation, 'GetInvalidation')
    return {
      status: invalidationStatus(required(invalidation.Status, 'GetInvalidation'), 'GetInvalidation'),
      items: invalidation.InvalidationBatch?.Paths?.Items ?? []
    }
  }
  return {
    async create(target, items, callerReference, signal) {
      const InvalidationBatch = {
        CallerReference: callerReference,
        Paths: { Quantity: items.length, Items: [...items] }
      }
      const output =
        target.kind === 'distribution'
          ? await client.send(new CreateInvalidationCommand({ DistributionId: target.id, InvalidationBatch }), {
              abortSignal: signal
            })
          : await client.send(
              new CreateInvalidationForDistributionTenantCommand({ Id: target.id, InvalidationBatch }),
              { abortSignal: signal }
            )
      const invalidation = required(output.Invalidation, 'CreateInvalidation')
      return {
        invalidationId: invalidationId(required(invalidation.Id, 'CreateInvalidation'), 'CreateInvalidation'),
        status: invalidationStatus(invalidation.Status ?? 'InProgress', 'CreateInvalidation'),
        location: invalidationLocation(output.Location ?? '')
      }
    },
    async status(target, invalidationId, signal) {
      return (await getInvalidation(target, invalidationId, signal)).status
    },
    async contents(target, invalidationId, signal) {
      return getInvalidation(target, invalidationId, signal)
    },
    async inProgress(target, signal) {
      // Only a step that CloudFront refuses lists invalidations: the call is a chunk of its own.
      const { listInProgress } = await import('./list-in-progress.js')
      return listInProgress(client, target, signal)
    },
    async listDistributions(marker, signal) {
      const output = await client.send(
        new ListDistributionsCommand({ MaxItems: 100, ...(marker === undefined ? {} : { Marker: marker }) }),
        { abortSignal: signal }
      )
      const list = required(output.DistributionList, 'ListDistributions')
      return {
        distributions: (list.Items ?? []).map(d => {
          const id = distributionId(required(d.Id, 'ListDistributions'))
          const arn = required(d.ARN, 'ListDistributions')
          return {
            id,
            arn,
            domainName: d.DomainName ?? '',
            aliases: d.Aliases?.Items ?? [],
            routing: { ...routingFrom(id, arn, d, undefined), domainName: d.DomainName ?? '' }
          }
        }),
        // A truncated page names where the next one starts; a page without it ends the list.
        nextMarker: list.IsTruncated && list.NextMarker ? list.NextMarker : undefined
      }
    },
    async routingOf(id, signal) {
      const output = await client.send(new GetDistributionCommand({ Id: id }), { abortSignal: signal })
      const distribution = required(output.Distribution, 'GetDistribution')
      const config = required(distribution.DistributionConfig, 'GetDistribution')
      const routing = routingFrom(id, distribution.ARN ?? '', config, config.DefaultRootObject ?? '')
      return { ...routing, domainName: distribution.DomainName ?? '' }
    },
    async tenantDomainsOf(id, signal) {
      const output = await client.send(new GetDistributionTenantCommand({ Identifier: id }), { abortSignal: signal })
      const tenant = required(output.DistributionTenant, 'GetDistributionTenant')
      return (tenant.Domains ?? []).flatMap(d => (d.Domain ? [d.Domain] : []))
    },
    async tagsOf(arn, signal) {
      const output = await client.send(new ListTagsForResourceCommand({ Resource: arn }), { abortSignal: signal })
      const tags: Record<string, string> = {}
      for (const tag of required(output.Tags, 'ListTagsForResource').Items ?? []) {
        if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? ''
      }
      return tags
    }
  }
}

/** The routing part of a DistributionConfig or DistributionSummary, which hold it in the same shapes. */
function routingFrom(
  id: string,
  arn: string,
  config: {
    Origins?: Origins | undefined
    OriginGroups?: OriginGroups | undefined
    DefaultCacheBehavior?: DefaultCacheBehavior | undefined
    CacheBehaviors?: CacheBehaviors | undefined
  },
  defaultRootObject: string | undefined
): DistributionRouting {
  return {
    id,
    arn,
    origins: (config.Origins?.Items ?? []).map(o => ({
      id: o.Id ?? '',
      domainName: o.DomainName ?? '',
      originPath: o.OriginPath ?? ''
    })),
    originGroups: (config.OriginGroups?.Items ?? []).map(g => ({
      id: g.Id ?? '',
      members: (g.Members?.Items ?? []).map(m => m.OriginId ?? '')
    })),
    defaultTargetOriginId: config.DefaultCacheBehavior?.TargetOriginId ?? '',
    behaviors: (config.CacheBehaviors?.Items ?? []).map(b => ({
      pathPattern: b.PathPattern ?? '',
      targetOriginId: b.TargetOriginId ?? ''
    })),
    defaultRootObject
  }
}

/** Whether any proxy variable is set: only then is the proxy module loaded and its agent used. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some(name => (env[name] ?? '') !== '')
}

/**
 * The agent that sends requests through the runner's proxy, when a proxy variable is set; loaded only
 * then, so a step without one pays nothing for it. Says which proxy (host and port only: a proxy URL
 * may hold a password), and makes failures to get through name it.
 */
export async function proxyRouting(log: (line: string) => void): Promise<HttpAgent | undefined> {
  if (!proxyConfigured()) return undefined
  const { ProxyRouting, addressOf } = await import('./proxy.js')
  const agent = new ProxyRouting()
  explainThroughProxy(() => agent.lastProxy)
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY'] as const) {
    const value = process.env[name.toLowerCase()] || process.env[name]
    if (!value) continue
    // As @actions/http-client reads it: a value without a scheme is http://.
    const url = URL.canParse(value) ? value : `http://${value}`
    const address = URL.canParse(url) ? addressOf(new URL(url)) : 'an address that is not a URL'
    log(`${name}: requests go through the proxy at ${address}, unless NO_PROXY or loopback says direct`)
  }
  return agent
}

/** A response that parsed but lacks what CloudFront always sends is a broken response, not a crash. */
export function required<T>(value: T | undefined, operation: string): T {
  if (value === undefined || value === null || value === '') {
    throw new MalformedResponseError(operation)
  }
  return value
}

// What CloudFront's answers hold: an invalidation or distribution ID is capital letters and digits (I2J0I21PCUYOIK),
// its status InProgress or Completed. A value of any other shape comes from something that is not
// CloudFront (or a tampered answer); it would reach the log, the outputs, the summary and a console
// link, so it is refused here like a response that lacks what CloudFront always sends.
const CLOUDFRONT_ID = /^[A-Z0-9]{1,128}$/
const INVALIDATION_STATUSES: readonly string[] = ['InProgress', 'Completed']

function distributionId(value: string): string {
  if (!CLOUDFRONT_ID.test(value)) {
    throw new MalformedResponseError(
      'ListDistributions',
      `a distribution ID that is not CloudFront's (capital letters and digits): ${describeValue(value)}`
    )
  }
  return value
}

export function invalidationId(value: string, operation: string): string {
  if (!CLOUDFRONT_ID.test(value)) {
    throw new MalformedResponseError(
      operation,
      `an invalidation ID that is not CloudFront's (capital letters and digits): ${describeValue(value)}`
    )
  }
  return value
}

function invalidationStatus(value: string, operation: string): string {
  if (!INVALIDATION_STATUSES.includes(value)) {
    throw new MalformedResponseError(
      operation,
      `an invalidation status that is not CloudFront's (InProgress or Completed): ${describeValue(value)}`
    )
  }
  return value
}

/**
 * The invalidation's URL (the Location header), written to the `invalidations` output: an http(s) URL,
 * else nothing. Only informative, so another value is dropped rather than the invalidation it came with,
 * whose ID is good: what was created stays in the outputs.
 */
function invalidationLocation(value: string): string {
  const plainUrl = /^https?:\/\/[\x21-\x7e]+$/.test(value) && !/[<>"'`]/.test(value) && URL.canParse(value)
  return plainUrl ? value : ''
}

export class MalformedResponseError extends Error {
  constructor(
    readonly operation: string,
    unlike?: string
  ) {
    super(
      unlike === undefined
        ? `${operation} returned a response without what CloudFront always sends in it`
        : `${operation} returned a response with ${unlike}`
    )
    this.name = 'MalformedResponseError'
  }
}
