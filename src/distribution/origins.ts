import { s3EndpointOf } from './s3-endpoint.js'

/**
 * What a distribution's configuration says about where its URLs come from: GetDistribution's
 * DistributionConfig, or a ListDistributions summary (which carries no default root object).
 */
export interface DistributionRouting {
  id: string
  arn: string
  origins: { id: string; domainName: string; originPath: string }[]
  originGroups: { id: string; members: string[] }[]
  defaultTargetOriginId: string
  /** In CloudFront's order: the first whose pattern matches a URL serves it. */
  behaviors: { pathPattern: string; targetOriginId: string }[]
  /** '' when none is set; undefined when unknown (read from a ListDistributions summary). */
  defaultRootObject: string | undefined
  /** Its own domain name (d111111abcdef8.cloudfront.net), where verify asks by default. */
  domainName?: string
}

/** An origin that serves the synced bucket. */
export interface ServingOrigin {
  id: string
  domainName: string
  /** As CloudFront holds it: '' or '/prod'. */
  originPath: string
  /** The key prefix it serves: '' or 'prod/'. */
  keyPrefix: string
}

/** The origins of a distribution, sorted by what they reach: the bucket, other buckets, or something not S3. */
export interface BucketOrigins {
  serving: ServingOrigin[]
  /** The other buckets its S3 origins reach, each once. */
  otherBuckets: string[]
  /** Origins that are no S3 bucket endpoint (a load balancer, a custom domain, an access point). */
  unknown: { id: string; domainName: string }[]
}

export function originsFor(routing: DistributionRouting, bucket: string): BucketOrigins {
  const serving: ServingOrigin[] = []
  const otherBuckets = new Set<string>()
  const unknown: BucketOrigins['unknown'] = []
  for (const origin of routing.origins) {
    const endpoint = s3EndpointOf(origin.domainName)
    if (endpoint === undefined) unknown.push({ id: origin.id, domainName: origin.domainName })
    else if (endpoint.bucket === bucket) serving.push({ ...origin, keyPrefix: keyPrefixOf(origin.originPath) })
    else otherBuckets.add(endpoint.bucket)
  }
  return { serving, otherBuckets: [...otherBuckets], unknown }
}

/** CloudFront's OriginPath ('/prod', '/a/b') as the key prefix it serves ('prod/', 'a/b/'); '' for the bucket's root. */
export function keyPrefixOf(originPath: string): string {
  const path = originPath.replace(/^\/+|\/+$/g, '')
  return path === '' ? '' : `${path}/`
}
