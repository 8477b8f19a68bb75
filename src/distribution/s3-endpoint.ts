/** An origin domain name that is an S3 endpoint: the bucket it reaches, and whether as REST API or static website. */
export interface S3Endpoint {
  bucket: string
  kind: 'rest' | 'website'
}

// us-east-1, ap-southeast-2, us-gov-west-1, cn-north-1, eu-central-2, …
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+'

/**
 * The endpoint forms S3 answers a bucket at, as S3's documentation lists them (each anchored at the
 * end; the bucket is everything before, dots included):
 *   REST:     B.s3.amazonaws.com, B.s3.REGION.amazonaws.com, B.s3-REGION.amazonaws.com (legacy),
 *             B.s3-external-1.amazonaws.com, B.s3.dualstack.REGION.amazonaws.com, B.s3-fips.REGION…,
 *             and in China B.s3.cn-REGION.amazonaws.com.cn (and dualstack);
 *   website:  B.s3-website-REGION.amazonaws.com, B.s3-website.REGION.amazonaws.com, and in China
 *             B.s3-website.cn-REGION.amazonaws.com.cn.
 * Access points (…s3-accesspoint…), Object Lambda and PrivateLink (…vpce…) domains are not a bucket's
 * endpoint: they fall through to "not S3", as any other domain does.
 */
const FORMS: { kind: S3Endpoint['kind']; pattern: RegExp }[] = [
  { kind: 'rest', pattern: /^(.+)\.s3\.amazonaws\.com$/ },
  {
    kind: 'rest',
    pattern: new RegExp(`^(.+)\\.s3(?:-fips)?(?:\\.dualstack)?\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`)
  },
  { kind: 'rest', pattern: new RegExp(`^(.+)\\.s3-(${REGION}|external-1)\\.amazonaws\\.com$`) },
  { kind: 'website', pattern: new RegExp(`^(.+)\\.s3-website-(${REGION})\\.amazonaws\\.com$`) },
  { kind: 'website', pattern: new RegExp(`^(.+)\\.s3-website\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`) }
]

// S3's rules for bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, starting and
// ending with a letter or digit, no two dots in a row, and not shaped like an IP address.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/

/** The bucket an origin domain name reaches, or undefined when it is not an S3 bucket endpoint. */
export function s3EndpointOf(domainName: string): S3Endpoint | undefined {
  // Host names are case-insensitive; a trailing dot (fully qualified) names the same host.
  const host = domainName.toLowerCase().replace(/\.$/, '')
  for (const { kind, pattern } of FORMS) {
    const match = pattern.exec(host)
    if (!match) continue
    const [, bucket = '', region, china] = match
    // China's endpoints end in .amazonaws.com.cn, and only China's regions (cn-…) are reached there.
    if (region !== undefined && region !== 'external-1' && (china !== undefined) !== region.startsWith('cn-')) {
      return undefined
    }
    return isBucketName(bucket) ? { bucket, kind } : undefined
  }
  return undefined
}

export function isBucketName(name: string): boolean {
  return BUCKET.test(name) && !name.includes('..') && !IP_ADDRESS.test(name)
}
