import { resolve } from 'node:path'
import type { LookupApi } from '../cloudfront/client.js'
import { errorName } from '../cloudfront/explain.js'
import { messageOf } from '../errors.js'
import type { Settings } from '../inputs.js'
import type { SiteDir } from '../paths/site-dir.js'
import type { Ledger, VerificationReport } from '../report/ledger.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import { targetArn, targetLabel, type Target } from '../targets.js'
import { reportVerification } from './report.js'
import { selectUrls } from './select.js'
import { verifyDeploy, type VerifyDeps, type VerifyTarget } from './verify.js'

/**
 * The verify stage, after every invalidation completed: for each distribution that got its
 * invalidations, where to ask (site-url, else https:// and its domain name) and what `/` serves, then
 * the asking and the report. Loaded by main.ts with import() only when verify is true.
 */
export async function verifyAfterCompletion(
  settings: Settings,
  siteDir: SiteDir | undefined,
  requests: readonly TargetRequests[],
  ledger: Ledger,
  deps: Omit<VerifyDeps, 'siteDir' | 'invalidatedAt'> & { api: LookupApi }
): Promise<VerificationReport> {
  const targets: VerifyTarget[] = []
  for (const { target, requests: sent } of requests) {
    const created = new Set(ledger.created.filter(c => c.target === target).map(c => c.callerReference))
    const items = sent.filter(r => created.has(r.callerReference)).flatMap(r => r.batch.items)
    if (items.length > 0) targets.push(await verifyTarget(settings, siteDir, target, items, deps))
  }
  const verification = await verifyDeploy(targets, {
    ...deps,
    siteDir: siteDir ? resolve(siteDir.dir) : undefined,
    invalidatedAt: ledger.startedAt
  })
  return reportVerification(verification)
}

/**
 * Where to ask for one distribution, and what `/` serves: its domain name and default root object come
 * from GetDistribution (the call issue 20's routing stage makes too), read only when needed: without
 * site-url, or with site-dir when `/` is asked.
 */
async function verifyTarget(
  settings: Settings,
  siteDir: SiteDir | undefined,
  target: Target,
  items: string[],
  deps: { api: LookupApi; signal: AbortSignal }
): Promise<VerifyTarget> {
  const mapping = { indexDocument: settings.indexDocument, defaultRootObject: '' }
  const siteUrl = settings.siteUrl?.href
  const needsRootObject = siteDir !== undefined && items.includes('/')
  if (siteUrl !== undefined && !needsRootObject) return { target, base: siteUrl, mapping, items }
  if (target.kind === 'tenant') {
    return {
      target,
      base: siteUrl ?? { unknown: "a tenant's domain names are not read: give site-url" },
      mapping,
      items
    }
  }
  try {
    const routing = await deps.api.routingOf(target.id, deps.signal)
    const domainName = routing.domainName ?? ''
    const base =
      siteUrl ?? (domainName === '' ? { unknown: 'GetDistribution returned no DomainName' } : `https://${domainName}`)
    return { target, base, mapping: { ...mapping, defaultRootObject: routing.defaultRootObject ?? '' }, items }
  } catch (error) {
    const why =
      errorName(error) === 'AccessDenied'
        ? `the step's role may not call cloudfront:GetDistribution on ${targetArn(target)}`
        : `${errorName(error)}: ${messageOf(error)}`
    const unknown = `its domain name could not be read (${why}): give site-url, or allow cloudfront:GetDistribution`
    return { target, base: siteUrl ?? { unknown }, mapping, items }
  }
}

/** For a dry run: what verify would ask, and where; nothing is asked. */
export function verifyPreview(settings: Settings, requests: readonly TargetRequests[]): string[] {
  return requests.map(({ target, requests }) => {
    const { urls, candidates } = selectUrls(requests.flatMap(r => r.batch.items))
    const where = settings.siteUrl ? settings.siteUrl.href : `https:// and the domain name of ${targetLabel(target)}`
    const shown = urls.slice(0, 5).join(', ')
    const more = urls.length > 5 ? ` and ${urls.length - 5} more` : ''
    const sample = candidates > urls.length ? ` (a sample of ${urls.length} of ${candidates})` : ''
    return `verify would ask ${urls.length} URL${urls.length === 1 ? '' : 's'}${sample} at ${where} once complete: ${shown || 'none'}${more}. Nothing was asked.`
  })
}
