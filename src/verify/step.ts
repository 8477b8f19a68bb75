import type { Agent as HttpAgent } from 'node:http'
import { resolve } from 'node:path'
import type { Settings } from '../inputs.js'
import type { Ledger, VerificationReport } from '../report/ledger.js'
import type { TargetPlan } from '../requests/plan.js'
import { targetLabel, type Target } from '../targets.js'
import { readEdgeFacts } from './distribution.js'
import { reportVerification } from './report.js'
import { selectUrls } from './select.js'
import { STALE_RETRY_MS, verifyDeploy, type VerifyDeps, type VerifyTarget } from './verify.js'

/**
 * The verify stage, after every invalidation completed: for each distribution that got its
 * invalidations, where to ask (site-url, else https:// and its domain name) and what `/` serves, then
 * the asking and the report. Loaded by main.ts with import() only when verify is true.
 */
export async function verifyAfterCompletion(
  settings: Settings,
  plans: readonly TargetPlan[],
  ledger: Ledger,
  deps: Omit<VerifyDeps, 'siteDir' | 'invalidatedAt'>
): Promise<VerificationReport> {
  const targets: VerifyTarget[] = []
  for (const plan of plans) {
    const created = new Set(ledger.created.filter(c => c.target === plan.target).map(c => c.callerReference))
    const items = plan.requests.filter(r => created.has(r.callerReference)).flatMap(r => r.batch.items)
    if (items.length > 0) targets.push(await verifyTarget(settings, plan.target, items, deps.agent, deps.signal))
  }
  const verification = await verifyDeploy(targets, {
    ...deps,
    siteDir: settings.siteDir ? resolve(settings.siteDir.dir) : undefined,
    invalidatedAt: ledger.startedAt
  })
  return reportVerification(verification, deps.retryForMs ?? STALE_RETRY_MS)
}

async function verifyTarget(
  settings: Settings,
  target: Target,
  items: string[],
  agent: HttpAgent | undefined,
  signal: AbortSignal
): Promise<VerifyTarget> {
  const mapping = { indexDocument: settings.indexDocument, defaultRootObject: '' }
  // `/` is judged against the default root object only with site-dir; otherwise its address is all we need.
  const needsRootObject = settings.siteDir !== undefined && items.includes('/')
  if (settings.siteUrl && !needsRootObject) return { target, base: settings.siteUrl.href, mapping, items }
  if (target.kind === 'tenant') {
    const unknown = "a tenant's domain names are not read: give site-url"
    return { target, base: settings.siteUrl?.href ?? { unknown }, mapping, items }
  }
  const facts = await readEdgeFacts(settings.awsRegion, agent, target, signal)
  if ('problem' in facts) return { target, base: settings.siteUrl?.href ?? { unknown: facts.problem }, mapping, items }
  return {
    target,
    base: settings.siteUrl?.href ?? `https://${facts.domainName}`,
    mapping: { ...mapping, defaultRootObject: facts.defaultRootObject },
    items
  }
}

/** For a dry run: what verify would ask, and where; nothing is asked. */
export function verifyPreview(settings: Settings, plans: readonly TargetPlan[]): string[] {
  return plans.map(({ target, requests }) => {
    const { urls, candidates } = selectUrls(requests.flatMap(r => r.batch.items))
    const where = settings.siteUrl ? settings.siteUrl.href : `https:// and the domain name of ${targetLabel(target)}`
    const shown = urls.slice(0, 5).join(', ')
    const more = urls.length > 5 ? ` and ${urls.length - 5} more` : ''
    const sample = candidates > urls.length ? ` (a sample of ${urls.length} of ${candidates})` : ''
    return `verify would ask ${urls.length} URL${urls.length === 1 ? '' : 's'}${sample} at ${where} once complete: ${shown || 'none'}${more}. Nothing was asked.`
  })
}
