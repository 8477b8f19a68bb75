import { randomUUID } from 'node:crypto'
import type { ApiError } from './rules.js'
import type { StoredDistribution, StoredInvalidation } from './state.js'

/** CloudFront's REST-XML answers, in the shapes of API version 2020-05-31. */

export const API_VERSION = '2020-05-31'
export const XMLNS = `http://cloudfront.amazonaws.com/doc/${API_VERSION}/`

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function invalidationXml(i: StoredInvalidation, status: string): string {
  const paths = i.paths.map(p => `<Path>${escapeXml(p)}</Path>`).join('')
  return `<?xml version="1.0"?>\n<Invalidation xmlns="${XMLNS}"><Id>${i.id}</Id><Status>${status}</Status><CreateTime>${iso(i.createdAt)}</CreateTime><InvalidationBatch><Paths><Quantity>${i.paths.length}</Quantity><Items>${paths}</Items></Paths><CallerReference>${escapeXml(i.callerReference)}</CallerReference></InvalidationBatch></Invalidation>`
}

export function errorXml(error: ApiError, type = error.status >= 500 ? 'Receiver' : 'Sender'): string {
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
}

/** A page of a list: Marker, NextMarker, MaxItems, IsTruncated, Quantity, Items, as every CloudFront list has. */
export function listXml(
  root: string,
  page: { marker: string; nextMarker: string | undefined; maxItems: number; items: string[] }
): string {
  return `<?xml version="1.0"?>\n<${root} xmlns="${XMLNS}"><Marker>${escapeXml(page.marker)}</Marker>${
    page.nextMarker !== undefined ? `<NextMarker>${escapeXml(page.nextMarker)}</NextMarker>` : ''
  }<MaxItems>${page.maxItems}</MaxItems><IsTruncated>${page.nextMarker !== undefined}</IsTruncated><Quantity>${page.items.length}</Quantity>${
    page.items.length > 0 ? `<Items>${page.items.join('')}</Items>` : ''
  }</${root}>`
}

export function invalidationSummaryXml(i: StoredInvalidation, status: string): string {
  return `<InvalidationSummary><Id>${i.id}</Id><CreateTime>${iso(i.createdAt)}</CreateTime><Status>${status}</Status></InvalidationSummary>`
}

/** A DistributionSummary with what ListDistributions always carries (one S3 origin, the default behaviour). */
export function distributionSummaryXml(d: StoredDistribution, arn: string): string {
  const aliases = d.aliases.map(a => `<CNAME>${escapeXml(a)}</CNAME>`).join('')
  return `<DistributionSummary><Id>${d.id}</Id><ARN>${arn}</ARN><ETag>E${d.id.slice(1)}</ETag><Status>Deployed</Status><LastModifiedTime>${iso(d.createdAt)}</LastModifiedTime><DomainName>${d.domainName}</DomainName><Aliases><Quantity>${d.aliases.length}</Quantity>${
    d.aliases.length > 0 ? `<Items>${aliases}</Items>` : ''
  }</Aliases><Origins><Quantity>1</Quantity><Items><Origin><Id>site</Id><DomainName>site.s3.us-east-1.amazonaws.com</DomainName><OriginPath></OriginPath></Origin></Items></Origins><DefaultCacheBehavior><TargetOriginId>site</TargetOriginId><ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy></DefaultCacheBehavior><CacheBehaviors><Quantity>0</Quantity></CacheBehaviors><CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses><Comment>${escapeXml(d.comment)}</Comment><PriceClass>PriceClass_All</PriceClass><Enabled>true</Enabled><ViewerCertificate><CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate></ViewerCertificate><Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions><WebACLId></WebACLId><HttpVersion>http2</HttpVersion><IsIPV6Enabled>true</IsIPV6Enabled><Staging>false</Staging></DistributionSummary>`
}

export function tagsXml(tags: Readonly<Record<string, string>>): string {
  const items = Object.entries(tags)
    .map(([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`)
    .join('')
  return `<?xml version="1.0"?>\n<Tags xmlns="${XMLNS}"><Items>${items}</Items></Tags>`
}
