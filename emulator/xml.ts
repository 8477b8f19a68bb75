import { randomUUID } from 'node:crypto'
import type { ApiError } from './rules.js'
import type { OriginGroupSpec, StoredDistribution, StoredInvalidation, StoredOrigin } from './state.js'

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

/** Quantity, then Items only when there are some, as CloudFront writes every list. */
function quantityList(items: readonly string[], wrap: (item: string) => string, head = ''): string {
  return `${head}<Quantity>${items.length}</Quantity>${items.length > 0 ? `<Items>${items.map(wrap).join('')}</Items>` : ''}`
}

const tag = (name: string) => (value: string) => `<${name}>${escapeXml(value)}</${name}>`

// An S3 REST endpoint is an S3 origin (S3OriginConfig); a website endpoint, like any other domain,
// is a custom origin that CloudFront reaches over HTTP (website endpoints speak no HTTPS).
const S3_REST = /\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/
const S3_WEBSITE = /\.s3-website[.-]/

function originXml(o: StoredOrigin): string {
  const s3 = S3_REST.test(o.domainName) && !S3_WEBSITE.test(o.domainName)
  const access = s3
    ? '<S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity><OriginReadTimeout>30</OriginReadTimeout></S3OriginConfig>'
    : `<CustomOriginConfig><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><OriginProtocolPolicy>${
        S3_WEBSITE.test(o.domainName) ? 'http-only' : 'https-only'
      }</OriginProtocolPolicy><OriginSslProtocols><Quantity>1</Quantity><Items><SslProtocol>TLSv1.2</SslProtocol></Items></OriginSslProtocols><OriginReadTimeout>30</OriginReadTimeout><OriginKeepaliveTimeout>5</OriginKeepaliveTimeout></CustomOriginConfig>`
  return `<Origin><Id>${escapeXml(o.id)}</Id><DomainName>${escapeXml(o.domainName)}</DomainName><OriginPath>${escapeXml(o.originPath)}</OriginPath><CustomHeaders><Quantity>0</Quantity></CustomHeaders>${access}<ConnectionAttempts>3</ConnectionAttempts><ConnectionTimeout>10</ConnectionTimeout><OriginShield><Enabled>false</Enabled></OriginShield><OriginAccessControlId></OriginAccessControlId></Origin>`
}

function originGroupXml(g: OriginGroupSpec): string {
  const codes = quantityList(['500', '502', '503', '504'], tag('StatusCode'))
  const members = quantityList(
    g.members,
    id => `<OriginGroupMember><OriginId>${escapeXml(id)}</OriginId></OriginGroupMember>`
  )
  return `<OriginGroup><Id>${escapeXml(g.id)}</Id><FailoverCriteria><StatusCodes>${codes}</StatusCodes></FailoverCriteria><Members>${members}</Members><SelectionCriteria>default</SelectionCriteria></OriginGroup>`
}

/** What every behavior carries besides its path pattern and target: the CachingOptimized policy, GET and HEAD. */
function behaviorBody(targetOriginId: string): string {
  const methods = quantityList(['HEAD', 'GET'], tag('Method'))
  return `<TargetOriginId>${escapeXml(targetOriginId)}</TargetOriginId><TrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></TrustedSigners><TrustedKeyGroups><Enabled>false</Enabled><Quantity>0</Quantity></TrustedKeyGroups><ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy><AllowedMethods>${methods}<CachedMethods>${methods}</CachedMethods></AllowedMethods><SmoothStreaming>false</SmoothStreaming><Compress>true</Compress><LambdaFunctionAssociations><Quantity>0</Quantity></LambdaFunctionAssociations><FunctionAssociations><Quantity>0</Quantity></FunctionAssociations><FieldLevelEncryptionId></FieldLevelEncryptionId><CachePolicyId>658327ea-f89d-4fab-a63d-7e88639e58f6</CachePolicyId>`
}

/** Origins, OriginGroups, DefaultCacheBehavior and CacheBehaviors: the same in a DistributionConfig and a DistributionSummary. */
function routingXml(d: StoredDistribution): string {
  const behaviors = d.behaviors.map(
    b =>
      `<CacheBehavior><PathPattern>${escapeXml(b.pathPattern)}</PathPattern>${behaviorBody(b.targetOriginId)}</CacheBehavior>`
  )
  return `<Origins>${quantityList(d.origins.map(originXml), x => x)}</Origins><OriginGroups>${quantityList(
    d.originGroups.map(originGroupXml),
    x => x
  )}</OriginGroups><DefaultCacheBehavior>${behaviorBody(d.defaultTargetOriginId)}</DefaultCacheBehavior><CacheBehaviors>${quantityList(behaviors, x => x)}</CacheBehaviors><CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses>`
}

const aliasesXml = (d: StoredDistribution): string => `<Aliases>${quantityList(d.aliases, tag('CNAME'))}</Aliases>`

const TAIL =
  '<PriceClass>PriceClass_All</PriceClass><Enabled>true</Enabled><ViewerCertificate><CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate><SSLSupportMethod>vip</SSLSupportMethod><MinimumProtocolVersion>TLSv1</MinimumProtocolVersion><CertificateSource>cloudfront</CertificateSource></ViewerCertificate><Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions><WebACLId></WebACLId><HttpVersion>http2</HttpVersion><IsIPV6Enabled>true</IsIPV6Enabled>'

/**
 * A DistributionSummary, as ListDistributions lists it: the routing (origins, origin groups,
 * behaviors) but, as on CloudFront, no DefaultRootObject (only GetDistribution has it).
 */
export function distributionSummaryXml(d: StoredDistribution, arn: string): string {
  return `<DistributionSummary><Id>${d.id}</Id><ARN>${arn}</ARN><ETag>${d.etag}</ETag><Status>Deployed</Status><LastModifiedTime>${iso(d.createdAt)}</LastModifiedTime><DomainName>${d.domainName}</DomainName>${aliasesXml(d)}${routingXml(d)}<Comment>${escapeXml(d.comment)}</Comment>${TAIL}<Staging>false</Staging></DistributionSummary>`
}

function configBody(d: StoredDistribution): string {
  return `<CallerReference>${d.id.toLowerCase()}-${d.createdAt}</CallerReference>${aliasesXml(d)}<DefaultRootObject>${escapeXml(d.defaultRootObject)}</DefaultRootObject>${routingXml(d)}<Comment>${escapeXml(d.comment)}</Comment><Logging><Enabled>false</Enabled><IncludeCookies>false</IncludeCookies><Bucket></Bucket><Prefix></Prefix></Logging>${TAIL}<ContinuousDeploymentPolicyId></ContinuousDeploymentPolicyId><Staging>false</Staging>`
}

/** GetDistributionConfig's answer (its ETag goes in the header). */
export function distributionConfigXml(d: StoredDistribution): string {
  return `<?xml version="1.0"?>\n<DistributionConfig xmlns="${XMLNS}">${configBody(d)}</DistributionConfig>`
}

/** GetDistribution's answer: the distribution's state around its DistributionConfig. */
export function distributionXml(d: StoredDistribution, arn: string, inProgressBatches: number): string {
  return `<?xml version="1.0"?>\n<Distribution xmlns="${XMLNS}"><Id>${d.id}</Id><ARN>${arn}</ARN><Status>Deployed</Status><LastModifiedTime>${iso(d.createdAt)}</LastModifiedTime><InProgressInvalidationBatches>${inProgressBatches}</InProgressInvalidationBatches><DomainName>${d.domainName}</DomainName><ActiveTrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></ActiveTrustedSigners><ActiveTrustedKeyGroups><Enabled>false</Enabled><Quantity>0</Quantity></ActiveTrustedKeyGroups><DistributionConfig>${configBody(d)}</DistributionConfig></Distribution>`
}

export function tagsXml(tags: Readonly<Record<string, string>>): string {
  const items = Object.entries(tags)
    .map(([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`)
    .join('')
  return `<?xml version="1.0"?>\n<Tags xmlns="${XMLNS}"><Items>${items}</Items></Tags>`
}

/** A tenant's default domain in the emulator: its ID as a DNS label under tenants.example.com. */
export function tenantDomainOf(id: string): string {
  return `${id.toLowerCase().replace(/_/g, '-')}.tenants.example.com`
}

/** GetDistributionTenant's answer: the tenant and its domains (the fields the action reads, and the required ones). */
export function tenantXml(id: string, domains: readonly string[]): string {
  const members = domains.map(d => `<member><Domain>${escapeXml(d)}</Domain><Status>active</Status></member>`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DistributionTenant xmlns="http://cloudfront.amazonaws.com/doc/${API_VERSION}/"><Id>${escapeXml(id)}</Id><DistributionId>E1MULTITENANT1</DistributionId><Name>${escapeXml(id)}</Name><Arn>arn:aws:cloudfront::123456789012:distribution-tenant/${escapeXml(id)}</Arn><Domains>${members}</Domains><Enabled>true</Enabled><Status>Deployed</Status></DistributionTenant>`
}
