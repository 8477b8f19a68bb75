/** What an invalidation is made on: a distribution, or a tenant of a multi-tenant distribution. */
export interface Target {
  kind: 'distribution' | 'tenant'
  id: string
  /** What the step named it by: the ID itself, a domain name, or tags (Environment=staging). */
  given?: string[]
  /** The AWS partition of the step's region: ARNs and console links follow it (default aws). */
  partition?: Partition
}

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/** The partition a region belongs to: China (cn-…) and GovCloud (us-gov-…) have their own ARNs and consoles. */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/** "E2QWRUHAPOMQZL", "E2QWRUHAPOMQZL (www.example.com)" when found by name, "tenant dt_…". */
export function targetLabel(target: Target): string {
  if (target.kind === 'tenant') return `tenant ${target.id}`
  const names = (target.given ?? []).filter(name => name !== target.id)
  return names.length === 0 ? target.id : `${target.id} (${names.join(', ')})`
}

/** What the step named a target by, for the outputs: the names joined, or the ID. */
export function givenAs(target: Target): string {
  return (target.given ?? [target.id]).join(', ')
}

/** The ARN that IAM policies name; the account is unknown to the action unless CloudFront's error told it. */
export function targetArn(target: Target, accountId = '<account-id>'): string {
  const resource = target.kind === 'distribution' ? 'distribution' : 'distribution-tenant'
  return `arn:${target.partition ?? 'aws'}:cloudfront::${accountId}:${resource}/${target.id}`
}

// CloudFront's console: global in the aws partition (served from us-east-1), its own site in China.
const CONSOLES: Record<Partition, string> = {
  aws: 'https://us-east-1.console.aws.amazon.com/cloudfront/v4/home',
  'aws-cn': 'https://console.amazonaws.cn/cloudfront/v4/home',
  'aws-us-gov': 'https://console.amazonaws-us-gov.com/cloudfront/v4/home'
}

/** The console page of an invalidation; each ID URL-encoded, whatever it holds. */
export function consoleUrl(target: Target, invalidationId: string): string {
  const home = CONSOLES[target.partition ?? 'aws']
  const id = encodeURIComponent(target.id)
  const invalidation = encodeURIComponent(invalidationId)
  return target.kind === 'distribution'
    ? `${home}#/distributions/${id}/invalidations/details/${invalidation}`
    : `${home}#/tenants/${id}/invalidations/details/${invalidation}`
}
