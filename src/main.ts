import * as core from '@actions/core'
import { setTimeout as sleepFor } from 'node:timers/promises'
import type { RunContext } from './requests/caller-reference.js'
import { watchForCancel } from './cancel.js'
import { cloudFrontApi, proxyRouting, type CloudFrontApi } from './cloudfront/client.js'
import type { Agent as HttpAgent } from 'node:http'
import { CompletionTracker, type PollPhase } from './cloudfront/completion.js'
import { createAll, type Sleep } from './cloudfront/create.js'
import { dryRun } from './report/dry-run.js'
import { InputError, messageOf } from './errors.js'
import { readSettings, type Settings } from './inputs.js'
import { Ledger } from './report/ledger.js'
import { planPaths } from './paths/plan.js'
import { planTargets, type TargetPlan } from './requests/plan.js'
import { redact } from './report/redact.js'
import { githubRunContext } from './run-context.js'
import { planReport, type PlanReport } from './report/plan.js'
import { addPaths, setOutputs, writeSummary } from './report/summary.js'
import { partitionOf, targetLabel, type Target } from './targets.js'

/** What tests replace: the API, the clock, the sleep and the poll schedule. */
export interface Dependencies {
  api: (region: string, agent?: HttpAgent) => CloudFrontApi
  sleep: Sleep
  now: () => number
  schedule: readonly PollPhase[] | undefined
  runContext: () => RunContext
}

// Past wait-timeout, a request still in flight is aborted after this much grace.
const DEADLINE_GRACE_MS = 5_000

const defaults: Dependencies = {
  api: cloudFrontApi,
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
  now: Date.now,
  schedule: undefined,
  runContext: githubRunContext
}

export async function run(overrides: Partial<Dependencies> = {}): Promise<void> {
  const deps = { ...defaults, ...overrides }
  try {
    const settings = readSettings()
    const paths = planPaths(settings.paths, {
      maxPaths: settings.maxPaths,
      indexDocument: settings.indexDocument,
      site: settings.siteDir
    })
    const report = planReport(paths, settings.syncLogs, settings.originPath)
    logPaths(settings, paths.items, report)
    if (paths.items.length === 0) return await nothingChanged(settings, report)
    // Every input is checked by now: only then the first request, a lookup or a create.
    let api: CloudFrontApi | undefined
    let agent: Promise<HttpAgent | undefined> | undefined
    const agentOnce = () => (agent ??= proxyRouting(core.info))
    const apiOnce = async (): Promise<CloudFrontApi> => (api ??= deps.api(settings.awsRegion, await agentOnce()))
    const targets = await findTargets(settings, apiOnce, report)
    if (settings.siteUrl && targets.length > 1) {
      throw new InputError(
        'site-url',
        settings.siteUrl.href,
        `names one site, and the step found ${targets.length} distributions to invalidate: drop site-url (each is then asked at its own domain name), or verify each in a step of its own.`
      )
    }
    const plans = planTargets(settings, targets, paths.items, deps.runContext())
    logRequests(settings, targets, plans)
    if (settings.dryRun) await dryRun(plans, report, settings.verify ? await previewVerify(settings, plans) : [])
    else await invalidate(settings, report, plans, { api: await apiOnce(), agent: await agentOnce() }, deps)
  } catch (error) {
    core.setFailed(redact(messageOf(error)))
  }
}

const LISTED = 50

function logPaths(settings: Settings, items: readonly string[], report: PlanReport): void {
  for (const log of settings.syncLogs) {
    core.startGroup(`Objects taken from sync-log ${log.file} (${log.objectCount})`)
    for (const object of log.objects) core.info(`  ${object}`)
    if (log.objectCount > log.objects.length) core.info(`  … and ${log.objectCount - log.objects.length} more`)
    core.endGroup()
  }
  core.startGroup('Paths')
  core.info(report.headline)
  for (const detail of report.details) core.info(detail)
  for (const item of items.slice(0, LISTED)) core.info(`  ${item}`)
  if (items.length > LISTED) core.info(`  … and ${items.length - LISTED} more`)
  core.endGroup()
}

/** What verify would ask, for a dry run (which asks nothing). */
async function previewVerify(settings: Settings, plans: readonly TargetPlan[]): Promise<string[]> {
  const { verifyPreview } = await import('./verify/step.js')
  return verifyPreview(settings, plans)
}

/** A sync-log that changed nothing (and no other path): nothing to invalidate, and that is a success. */
async function nothingChanged(settings: Settings, report: PlanReport): Promise<void> {
  const outside = settings.syncLogs.reduce((n, log) => n + log.stats.skipped.outsideOriginPath, 0)
  if (outside > 0) {
    core.warning(
      `Every object the sync-log changed (${outside}) is outside origin-path /${settings.originPath}: nothing is invalidated. If the distribution serves them, correct origin-path.`
    )
  }
  core.info('The deploy changed no object: no invalidation is created.')
  core.setOutput('invalidations', '[]')
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const summary = core.summary.addHeading(`CloudFront invalidation${settings.dryRun ? ' (dry run)' : ''}`, 2)
  addPaths(summary, report)
  await summary.addRaw('The deploy changed no object: no invalidation was created.', true).write()
}

/**
 * The targets: the IDs as given, and the distributions the step names by domain or tags, found by
 * read-only lookups (a dry run makes them too). The lookup module is loaded only when needed.
 */
async function findTargets(
  settings: Settings,
  api: () => Promise<CloudFrontApi>,
  report: PlanReport
): Promise<Target[]> {
  if (settings.domains.length === 0 && settings.tags.length === 0) return settings.targets
  const { resolveTargets } = await import('./cloudfront/lookup.js')
  core.startGroup(`Finding distributions${settings.dryRun ? ' (read-only lookups, made in a dry run too)' : ''}`)
  const found = await resolveTargets(
    await api(),
    {
      ids: settings.targets.filter(t => t.kind === 'distribution').map(t => t.id),
      domains: settings.domains,
      tags: settings.tags,
      partition: partitionOf(settings.awsRegion)
    },
    AbortSignal.timeout(settings.waitTimeoutSeconds * 1000)
  )
  for (const r of found.resolutions) {
    report.found.push(`${r.given} → ${r.ids.join(', ')} (${r.how})`)
  }
  core.info(`Searched ${found.searched} distribution${found.searched === 1 ? '' : 's'}:`)
  for (const line of report.found) core.info(`  ${line}`)
  core.endGroup()
  return [...found.targets, ...settings.targets.filter(t => t.kind === 'tenant')]
}

function logRequests(settings: Settings, targets: readonly Target[], plans: readonly TargetPlan[]): void {
  const requests = plans[0]?.requests.length ?? 0
  core.info(
    `${targets.map(targetLabel).join(', ')}: ${requests} request${requests === 1 ? '' : 's'} each${settings.wait ? `, then waiting up to ${settings.waitTimeoutSeconds} s for completion` : ''}`
  )
}

async function invalidate(
  settings: Settings,
  paths: PlanReport,
  plans: readonly TargetPlan[],
  { api, agent }: { api: CloudFrontApi; agent: HttpAgent | undefined },
  deps: Dependencies
): Promise<void> {
  const ledger = new Ledger(deps.now())
  const deadline = ledger.startedAt + settings.waitTimeoutSeconds * 1000
  let reported = false
  const report = async (): Promise<void> => {
    if (reported) return
    reported = true
    setOutputs(ledger, settings.wait)
    await writeSummary(ledger, paths, deps.now())
    const failure = failureMessage(ledger)
    if (failure) core.setFailed(redact(failure))
  }
  const cancel = watchForCancel(() => void report())
  const signal = AbortSignal.any([
    cancel.signal,
    AbortSignal.timeout(settings.waitTimeoutSeconds * 1000 + DEADLINE_GRACE_MS)
  ])
  const tracker = new CompletionTracker(api, {
    signal,
    log: core.info,
    now: deps.now,
    ...(deps.schedule ? { schedule: deps.schedule } : {})
  })
  try {
    core.startGroup('Creating invalidations')
    await createAll(plans, deadline, { api, tracker, ledger, signal, sleep: deps.sleep, now: deps.now, log: core.info })
    core.endGroup()
    if (settings.wait && tracker.pending().length > 0) {
      core.startGroup(`Waiting for ${tracker.pending().length} invalidation(s) to complete`)
      await tracker.waitUntil(() => tracker.pending().length === 0, deadline, 'completion')
      core.info(`All complete after ${((deps.now() - ledger.startedAt) / 1000).toFixed(1)} s`)
      core.endGroup()
    }
    if (settings.verify && ledger.created.length > 0) {
      // Loaded only here, so a step without verify starts no slower.
      const { verifyAfterCompletion } = await import('./verify/step.js')
      ledger.verification = await verifyAfterCompletion(settings, plans, ledger, {
        agent,
        signal,
        now: deps.now,
        sleep: deps.sleep,
        log: core.info
      })
    }
  } catch (error) {
    ledger.stepFailure = stepFailureMessage(error, ledger, settings)
  } finally {
    // Still listening while reporting: a second signal then must not kill the process mid-write.
    await report()
    cancel.dispose()
  }
}

function stepFailureMessage(error: unknown, ledger: Ledger, settings: Settings): string {
  if (error instanceof Error && error.name === 'WaitDeadlineError') {
    const pending = ledger.created
      .filter(c => c.status !== 'Completed')
      .map(c => `${c.invalidationId} (${targetLabel(c.target)})`)
    return `${pending.join(', ')} did not complete within wait-timeout (${settings.waitTimeoutSeconds} s). They are still in progress and will complete on their own: raise wait-timeout, or set wait: false.`
  }
  if (error instanceof Error && error.name === 'CancelledError') {
    return `${error.message}. Invalidations already created stay in effect and are listed in the outputs.`
  }
  return messageOf(error)
}

/** One message for everything that failed, or undefined when all went well. */
function failureMessage(ledger: Ledger): string | undefined {
  const lines = ledger.problems()
  if (lines.length === 0) return undefined
  const created = ledger.created.map(c => `${c.invalidationId} on ${targetLabel(c.target)} (${c.status})`)
  lines.push(created.length > 0 ? `Created by this step: ${created.join(', ')}.` : 'No invalidation was created.')
  return lines.join('\n')
}
