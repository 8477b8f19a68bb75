/** What an invalidation is made on: a distribution, or a tenant of a multi-tenant distribution. */
export interface Target {
  kind: 'distribution' | 'tenant'
  id: string
  /** What the step named it by: the ID itself, a domain name, or tags (Environment=staging). */
  given?: string[]
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
  return `arn:aws:cloudfront::${accountId}:${resource}/${target.id}`
}

export function consoleUrl(target: Target, invalidationId: string): string {
  return target.kind === 'distribution'
    ? `https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/${target.id}/invalidations/details/${invalidationId}`
    : `https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/tenants/${target.id}/invalidations/details/${invalidationId}`
}
