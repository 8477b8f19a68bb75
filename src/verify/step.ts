import { resolve } from 'node:path'
import type { LookupApi } from '../cloudfront/client.js'
import { errorName } from '../cloudfront/explain.js'
import { messageOf } from '../errors.js'
import type { Settings } from '../inputs.js'
import type { SiteDir } from '../paths/site-dir.js'
import type { PlannedPaths } from '../paths/plan-paths.js'
import type { PathSource } from '../paths/source.js'
import type { Ledger, VerificationReport } from '../report/ledger.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import type { DistributionRouting } from '../distribution/origins.js'
import type { ConfigurationRead, RoutedTarget } from '../routing/route-targets.js'
import { targetArn, targetLabel, type Target } from '../targets.js'
import { reportVerification } from './report.js'
import type { Selection } from './select.js'
import { urlsToAsk } from './urls.js'
import { verifyDeploy, type VerifyDeps, type VerifyTarget } from './verify.js'

/**
 * The verify stage, after every invalidation completed: for each distribution that got its
 * invalidations, where to ask (site-url; else the alias the step named it by; else https:// and its
 * domain name) and what `/` serves, which URLs (urls.ts: the changed ones, also under wildcards), then
 * the asking and the report. `routed` is what the configuration stage read (a step with sync-log).
 * Loaded by main.ts with import() only when verify is true.
 */
export async function verifyAfterCompletion(
  settings: Settings,
  siteDir: SiteDir | undefined,
  requests: readonly TargetRequests[],
  planned: (target: Target) => PlannedPaths,
  routed: readonly RoutedTarget[] | undefined,
  ledger: Ledger,
  deps: Omit<VerifyDeps, 'siteDir' | 'invalidatedAt'> & { api: LookupApi }
): Promise<VerificationReport> {
  const targets: VerifyTarget[] = []
  for (const { target, requests: sent } of requests) {
    const created = new Set(ledger.created.filter(c => c.target === target).map(c => c.callerReference))
    const items = sent.filter(r => created.has(r.callerReference)).flatMap(r => r.batch.items)
    const read = routed?.find(r => r.target.id === target.id)?.read
    if (items.length === 0) continue
    const paths = planned(target)
    const needsRootObject = siteDir !== undefined && items.some(item => item === '/' || item === '/*')
    const where = await whereToAsk(settings, target, needsRootObject, read, deps)
    const mapping = { indexDocument: settings.indexDocument, defaultRootObject: where.defaultRootObject }
    const selection = selectionOf(settings, siteDir, items, paths.changed, where.defaultRootObject)
    targets.push({ target, base: where.base, mapping, selection, changes: changesIn(paths.sources) })
  }
  const verification = await verifyDeploy(targets, {
    ...deps,
    siteDir: siteDir ? resolve(siteDir.dir) : undefined,
    invalidatedAt: ledger.startedAt
  })
  return reportVerification(verification, settings.waitTimeoutSeconds)
}

/** The objects a sync-log says the deploy uploaded and deleted, as URL paths; undefined without a sync-log. */
function changesIn(sources: readonly PathSource[]): VerifyTarget['changes'] {
  const logs = sources.filter(source => source.input === 'sync-log')
  if (logs.length === 0) return undefined
  const deleted = new Set(logs.flatMap(log => log.deletedPaths?.() ?? []))
  const uploaded = new Set<string>()
  for (const log of logs) log.forEach(path => deleted.has(path) || uploaded.add(path))
  return { uploaded, deleted }
}

/** The domain name the step named a distribution by (an alias visitors use), if it named one. */
export function aliasOf(target: Target): string | undefined {
  return target.given?.find(name => name !== target.id && DOMAIN_NAME.test(name))
}
const DOMAIN_NAME = /^(?=.{1,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i

/**
 * Where to ask for one distribution, and what `/` serves: site-url, else the alias the step named it by,
 * else its domain name; its default root object, as the configuration stage read them (a step with
 * sync-log), else from one GetDistribution, read only when needed: without an address, or with
 * site-dir when `/` is asked. A GetDistribution denied to the configuration stage is not called again.
 */
async function whereToAsk(
  settings: Settings,
  target: Target,
  needsRootObject: boolean,
  read: ConfigurationRead | undefined,
  deps: { api: LookupApi; signal: AbortSignal; log: (line: string) => void }
): Promise<{ base: VerifyTarget['base']; defaultRootObject: string | undefined }> {
  const alias = aliasOf(target)
  const given = settings.siteUrl?.href ?? (alias === undefined ? undefined : `https://${alias}`)
  const at = (base: VerifyTarget['base'], defaultRootObject: string | undefined) => ({ base, defaultRootObject })
  if (given !== undefined && !needsRootObject && read?.how !== 'GetDistribution') return at(given, undefined)
  if (target.kind === 'tenant') {
    if (given !== undefined) return at(given, undefined)
    try {
      const [first] = await deps.api.tenantDomainsOf(target.id, deps.signal)
      return at(first === undefined ? { unknown: tenantUnknown('it has no domain') } : `https://${first}`, undefined)
    } catch (error) {
      const why =
        errorName(error) === 'AccessDenied'
          ? `the step's role may not call cloudfront:GetDistributionTenant on ${targetArn(target)}`
          : `${errorName(error)}: ${messageOf(error)}`
      return at({ unknown: tenantUnknown(why) }, undefined)
    }
  }
  if (read?.how === 'denied') {
    const listed = read.summary?.domainName ?? ''
    const base = given ?? (listed === '' ? unreadable(denied(target)) : `https://${listed}`)
    const where =
      typeof base === 'string'
        ? `${base}${given !== undefined ? '' : ' (the domain name ListDistributions listed)'}`
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
    return at(given ?? unreadable(why), undefined)
  }
  const domainName = routing.domainName ?? ''
  const base =
    given ?? (domainName === '' ? { unknown: 'GetDistribution returned no DomainName' } : `https://${domainName}`)
  return at(base, routing.defaultRootObject)
}

function tenantUnknown(why: string): string {
  return `the tenant's domain could not be read (${why}): give site-url (accepted when the step names this one tenant and no other distribution), or allow cloudfront:GetDistributionTenant`
}

function denied(target: Target): string {
  return `the step's role may not call cloudfront:GetDistribution on ${targetArn(target)}`
}

/** The URLs to ask for what was sent to one distribution (urls.ts), the same for the step and its dry run. */
function selectionOf(
  settings: Settings,
  siteDir: SiteDir | undefined,
  sent: readonly string[],
  changed: PlannedPaths['changed'],
  defaultRootObject: string | undefined
): Selection {
  return urlsToAsk({
    sent,
    changed,
    siteFiles: siteDir === undefined ? undefined : () => siteDir.urlPaths(),
    indexDocument: settings.indexDocument,
    defaultRootObject
  })
}

function unreadable(why: string): { unknown: string } {
  return { unknown: `its domain name could not be read (${why}): give site-url, or allow cloudfront:GetDistribution` }
}

/** For a dry run: what verify would ask, and where; nothing is asked. */
export function verifyPreview(
  settings: Settings,
  siteDir: SiteDir | undefined,
  requests: readonly TargetRequests[],
  planned: (target: Target) => PlannedPaths
): string[] {
  return requests.map(({ target, requests }) => {
    const sent = requests.flatMap(r => r.batch.items)
    // The dry run reads no configuration: the default root object is not known.
    const { urls, candidates, unnamed } = selectionOf(settings, siteDir, sent, planned(target).changed, undefined)
    const alias = aliasOf(target)
    const where =
      settings.siteUrl?.href ??
      (alias !== undefined
        ? `https://${alias}`
        : target.kind === 'tenant'
          ? `https:// and the first domain of ${targetLabel(target)}`
          : `https:// and the domain name of ${targetLabel(target)}`)
    const shown = urls.slice(0, 5).join(', ')
    const more = urls.length > 5 ? ` and ${urls.length - 5} more` : ''
    const sample = candidates > urls.length ? ` (a sample of ${urls.length} of ${candidates})` : ''
    const none = unnamed && unnamed.length > 0 ? `; nothing under ${unnamed.join(', ')}` : ''
    return `verify would ask ${urls.length} URL${urls.length === 1 ? '' : 's'}${sample} at ${where} once complete: ${shown || 'none'}${more}${none}. Nothing was asked.`
  })
}
