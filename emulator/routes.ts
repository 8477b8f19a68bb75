import { API_VERSION } from './xml.js'

/** The operations the emulator answers, by the name IAM and the SDK give them. */
export type Operation =
  | 'CreateInvalidation'
  | 'GetInvalidation'
  | 'ListInvalidations'
  | 'CreateInvalidationForDistributionTenant'
  | 'GetInvalidationForDistributionTenant'
  | 'ListInvalidationsForDistributionTenant'
  | 'ListDistributions'
  | 'GetDistribution'
  | 'GetDistributionConfig'
  | 'ListTagsForResource'
  | 'GetDistributionTenant'

/** A request the emulator understood: the operation and what its URL names. */
export type Route =
  | { kind: 'invalidation'; operation: Operation; targetId: string; tenant: boolean; invalidationId?: string }
  | { kind: 'distributions'; operation: 'ListDistributions' }
  | { kind: 'distribution'; operation: 'GetDistribution' | 'GetDistributionConfig'; targetId: string }
  | { kind: 'tags'; operation: 'ListTagsForResource'; resource: string }
  | { kind: 'tenant'; operation: 'GetDistributionTenant'; targetId: string }

/** CloudFront's REST paths for API version 2020-05-31 (each operation's "HTTP request" in the API reference). */
export function route(method: string, url: URL): Route | undefined {
  const path = url.pathname
  if (method === 'GET' && path === `/${API_VERSION}/distribution`)
    return { kind: 'distributions', operation: 'ListDistributions' }
  if (method === 'GET' && path === `/${API_VERSION}/tagging`) {
    return { kind: 'tags', operation: 'ListTagsForResource', resource: url.searchParams.get('Resource') ?? '' }
  }
  const distribution = new RegExp(`^/${API_VERSION}/distribution/([^/]+)(/config)?$`).exec(path)
  if (method === 'GET' && distribution) {
    return {
      kind: 'distribution',
      operation: distribution[2] ? 'GetDistributionConfig' : 'GetDistribution',
      targetId: decodeURIComponent(distribution[1] ?? '')
    }
  }
  const tenant = new RegExp(`^/${API_VERSION}/distribution-tenant/([^/]+)$`).exec(path)
  if (method === 'GET' && tenant) {
    return { kind: 'tenant', operation: 'GetDistributionTenant', targetId: decodeURIComponent(tenant[1] ?? '') }
  }
  const match = new RegExp(
    `^/${API_VERSION}/(distribution|distribution-tenant)/([^/]+)/invalidation(?:/([^/]+))?$`
  ).exec(path)
  if (!match) return undefined
  const ofTenant = match[1] === 'distribution-tenant'
  const targetId = decodeURIComponent(match[2] ?? '')
  const suffix = ofTenant ? 'ForDistributionTenant' : ''
  if (method === 'POST' && !match[3]) {
    return { kind: 'invalidation', operation: `CreateInvalidation${suffix}` as Operation, targetId, tenant: ofTenant }
  }
  if (method === 'GET' && match[3]) {
    return {
      kind: 'invalidation',
      operation: `GetInvalidation${suffix}` as Operation,
      targetId,
      tenant: ofTenant,
      invalidationId: decodeURIComponent(match[3])
    }
  }
  if (method === 'GET')
    return { kind: 'invalidation', operation: `ListInvalidations${suffix}` as Operation, targetId, tenant: ofTenant }
  return undefined
}
