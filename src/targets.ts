/** What an invalidation is made on: a distribution, or a tenant of a multi-tenant distribution. */
export interface Target {
  kind: 'distribution' | 'tenant'
  id: string
}

export function targetLabel(target: Target): string {
  return target.kind === 'distribution' ? target.id : `tenant ${target.id}`
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
