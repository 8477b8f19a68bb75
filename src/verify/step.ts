import { resolve } from 'node:path'
import type { LookupApi } from '../cloudfront/client.js'
import { errorName } from '../cloudfront/explain.js'
import { messageOf } from '../errors.js'
import type { Settings } from '../inputs.js'
import type { SiteDir } from '../paths/site-dir.js'
import type { Ledger, VerificationReport } from '../report/ledger.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import type { DistributionRouting } from '../routing/origins.js'
import type { ConfigurationRead, RoutedTarget } from '../routing/route-targets.js'
import { targetArn, targetLabel, type Target } from '../targets.js'
import { reportVerification } from './report.js'
import { selectUrls } from './select.js'
import { verifyDeploy, type VerifyDeps, type VerifyTarget } from './verify.js'

/**
 * The verify stage, after every invalidation completed: for each distribution that got its
 * invalidations, where to ask (site-url, else https:// and its domain name) and what `/` serves, then
 * the asking and the report. `routed` is what the configuration stage read (a step with sync-log).
 * Loaded by main.ts with import() only when verify is true.
 */
export async function verifyAfterCompletion(
  settings: Settings,
  siteDir: SiteDir | undefined,
  requests: readonly TargetRequests[],
  routed: readonly RoutedTarget[] | undefined,
  ledger: Ledger,
  deps: Omit<VerifyDeps, 'siteDir' | 'invalidatedAt'> & { api: LookupApi }
): Promise<VerificationReport> {
  const targets: VerifyTarget[] = []
  for (const { target, requests: sent } of requests) {
    const created = new Set(ledger.created.filter(c => c.target === target).map(c => c.callerReference))
    const items = sent.filter(r => created.has(r.callerReference)).flatMap(r => r.batch.items)
    const read = routed?.find(r => r.target.id === target.id)?.read
    if (items.length > 0) targets.push(await verifyTarget(settings, siteDir, target, items, read, deps))
  }
  const verification = await verifyDeploy(targets, {
    ...deps,
    siteDir: siteDir ? resolve(siteDir.dir) : undefined,
    invalidatedAt: ledger.startedAt
  })
  return reportVerification(verification, settings.waitTimeoutSeconds)
}

/**
 * Where to ask for one distribution, and what `/` serves: its domain name and default root object, as
 * the configuration stage read them (a step with sync-log), else from one GetDistribution, read only
 * when needed: without site-url, or with site-dir when `/` is asked. A GetDistribution denied to the
 * configuration stage is not called again.
 */
async function verifyTarget(
  settings: Settings,
  siteDir: SiteDir | undefined,
  target: Target,
  items: string[],
  read: ConfigurationRead | undefined,
  deps: { api: LookupApi; signal: AbortSignal; log: (line: string) => void }
): Promise<VerifyTarget> {
  const siteUrl = settings.siteUrl?.href
  const needsRootObject = siteDir !== undefined && items.includes('/')
  const at = (base: VerifyTarget['base'], defaultRootObject: string | undefined): VerifyTarget => ({
    target,
    base,
    mapping: { indexDocument: settings.indexDocument, defaultRootObject },
    items
  })
  if (siteUrl !== undefined && !needsRootObject) return at(siteUrl, undefined)
  if (target.kind === 'tenant')
    return at(siteUrl ?? { unknown: "a tenant's domain names are not read: give site-url" }, undefined)
  if (read?.how === 'denied') {
    const listed = read.summary?.domainName ?? ''
    const base = siteUrl ?? (listed === '' ? unreadable(denied(target)) : `https://${listed}`)
    const where =
      typeof base === 'string'
        ? `${base}${siteUrl ? '' : ' (the domain name ListDistributions listed)'}`
        : 'no address: give site-url'
    deps.log(
      `${targetLabel(target)}: cloudfront:GetDistribution was denied when its configuration was read, so verify does not call it again: it asks at ${where}${needsRootObject ? ', and judges / by freshness alone (its default root object is unknown)' : ''}.`
    )
    return at(base, undefined)
  }
  let routing: DistributionRouting
  try {
    routing = read?.how === 'GetDistribution' ? read.routing : await deps.api.routingOf(target.id, deps.signal)
  } catch (error) {
    const why = errorName(error) === 'AccessDenied' ? denied(target) : `${errorName(error)}: ${messageOf(error)}`
    return at(siteUrl ?? unreadable(why), undefined)
  }
  const domainName = routing.domainName ?? ''
  const base =
    siteUrl ?? (domainName === '' ? { unknown: 'GetDistribution returned no DomainName' } : `https://${domainName}`)
  return at(base, routing.defaultRootObject)
}

function denied(target: Target): string {
  return `the step's role may not call cloudfront:GetDistribution on ${targetArn(target)}`
}

function unreadable(why: string): { unknown: string } {
  return { unknown: `its domain name could not be read (${why}): give site-url, or allow cloudfront:GetDistribution` }
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
