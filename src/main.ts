import * as core from '@actions/core'
import { setTimeout as sleepFor } from 'node:timers/promises'
import { watchForCancel } from './cancel.js'
import { cloudFrontApi, proxyRouting, type CloudFrontApi, type DistributionInfo } from './cloudfront/client.js'
import type { Agent as HttpAgent } from 'node:http'
import { CompletionTracker, type PollPhase } from './cloudfront/completion.js'
import { createAll, type Sleep } from './cloudfront/create.js'
import { dryRun } from './report/dry-run.js'
import { InputError, messageOf } from './errors.js'
import { readSettings, type Settings } from './inputs.js'
import { Ledger } from './report/ledger.js'
import { planPaths, type PathPlan } from './paths/plan-paths.js'
import { readNamedFiles, type NamedFiles } from './paths/read-files.js'
import { planRequests, type TargetRequests } from './requests/plan-requests.js'
import { githubRunContext, type RunContext } from './requests/run-context.js'
import { describePlan, pathsSummaryLine, type PlanDescription } from './report/describe-plan.js'
import { failedSyncMessage } from './report/failed-sync.js'
import { redact } from './report/redact.js'
import { shown, shownLines } from './report/shown.js'
import { addFailures, addPaths, setOutputs, writeFailureSummary, writeSummary } from './report/summary.js'
import { agree, count, plural } from './plural.js'
import type { RoutedTarget } from './routing/route-targets.js'
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
    const files = readNamedFiles(settings)
    const paths = planPaths(files.sources, {
      maxPaths: settings.maxPaths,
      indexDocument: settings.indexDocument,
      site: files.siteDir
    })
    const description = describePlan(paths, files.sources, files.syncLogs, settings.originPath, settings.warnings)
    // A sync-log that records failures: what it changed is still invalidated, then the step fails.
    const syncFailure = failedSyncMessage(files.syncLogs)
    logPaths(settings, files, paths.items, description)
    if (paths.items.length === 0) return await nothingChanged(settings, files, description, syncFailure)
    // Every input and file is checked by now: only then the first request, a lookup or a create.
    let api: CloudFrontApi | undefined
    let agent: Promise<HttpAgent | undefined> | undefined
    const agentOnce = () => (agent ??= proxyRouting(core.info))
    const apiOnce = async (): Promise<CloudFrontApi> => (api ??= deps.api(settings.awsRegion, await agentOnce()))
    const found = await findTargets(settings, files, apiOnce, description)
    checkSiteUrl(settings, found.targets)
    const routed = await readConfiguration(settings, files, found, apiOnce, description)
    const requests = planEach(settings, files, paths, found.targets, routed, deps.runContext(), description)
    if (requests.length === 0) return await nothingChanged(settings, files, description, syncFailure, 'served by none')
    logRequests(settings, requests)
    if (settings.dryRun) {
      await dryRun(requests, description, syncFailure, await previewVerify(settings, requests))
      if (syncFailure) core.setFailed(shownLines(redact(syncFailure)))
    } else {
      const clients = { api: await apiOnce(), agent: await agentOnce() }
      await invalidate({ settings, files, description, requests, routed, syncFailure }, clients, deps)
    }
  } catch (error) {
    // Nothing was created yet (invalidate() reports its own failures): tell the run page too.
    const message = shownLines(redact(messageOf(error)))
    core.setOutput('invalidations', '[]')
    await writeFailureSummary(message)
    core.setFailed(message)
  }
}

const LISTED = 50

function logPaths(settings: Settings, files: NamedFiles, items: readonly string[], description: PlanDescription): void {
  for (const log of files.syncLogs) {
    core.startGroup(`Objects taken from sync-log ${shown(log.file)} (${count(log.objectCount)})`)
    for (const object of log.objects) core.info(`  ${shown(object)}`)
    if (log.objectCount > log.objects.length) core.info(`  … and ${count(log.objectCount - log.objects.length)} more`)
    core.endGroup()
  }
  for (const note of settings.notes) core.info(note)
  for (const warning of description.warnings) core.warning(shownLines(warning))
  // The headline outside the group, where it is seen: it also says when /* is the default in use.
  core.info(description.headline(settings.dryRun ? 'would be sent' : 'to send'))
  logItems(files.syncLogs.length > 0 ? 'Paths (as the step is configured)' : 'Paths', description.details, items)
}

/** A group of the log: its lines, then the first paths. */
function logItems(title: string, lines: readonly string[], items: readonly string[]): void {
  core.startGroup(title)
  for (const line of lines) core.info(shown(line))
  for (const item of items.slice(0, LISTED)) core.info(`  ${item}`)
  if (items.length > LISTED) core.info(`  … and ${count(items.length - LISTED)} more`)
  core.endGroup()
}

/**
 * A sync-log that changed nothing (and no other path), or whose changed objects no target serves
 * (each distribution's configuration said so): nothing to invalidate, and that is a success, unless
 * the log records that the sync failed.
 */
async function nothingChanged(
  settings: Settings,
  files: NamedFiles,
  description: PlanDescription,
  syncFailure: string | undefined,
  why: 'nothing changed' | 'served by none' = 'nothing changed'
): Promise<void> {
  const outside = files.syncLogs.reduce((n, log) => n + log.stats.skipped.outsideOriginPath, 0)
  if (outside > 0 && why === 'nothing changed') {
    core.warning(
      `Every object the sync-log changed (${outside}) is outside origin-path /${settings.originPath}: nothing is invalidated. If the distribution serves them, correct origin-path.`
    )
  }
  const what = syncFailure
    ? 'The sync failed before it changed any object'
    : why === 'nothing changed'
      ? 'The deploy changed no object'
      : "No distribution serves an object the deploy changed (each distribution's configuration above says why)"
  core.info(`${what}: no invalidation is created.`)
  core.setOutput('invalidations', '[]')
  if (process.env.GITHUB_STEP_SUMMARY) {
    const summary = core.summary.addHeading(`CloudFront invalidation${settings.dryRun ? ' (dry run)' : ''}`, 2)
    addPaths(summary, description, settings.dryRun ? 'would be sent' : 'sent', [])
    summary.addRaw(`${what}: no invalidation was created.`, true)
    addFailures(summary, syncFailure ? [syncFailure] : [])
    await summary.write()
  }
  if (syncFailure) core.setFailed(shownLines(redact(`${syncFailure}\nNo invalidation was created.`)))
}

/** The targets, and what a ListDistributions pass listed while finding them (the next stage reuses it). */
interface FoundTargets {
  targets: Target[]
  listed: Map<string, DistributionInfo> | undefined
}

/**
 * The targets: the IDs as given, and the distributions the step names by domain or tags, or, when it
 * names none and gives a sync-log, every distribution that serves the sync-log's bucket; found by
 * read-only lookups (a dry run makes them too). The lookup module is loaded only when needed.
 */
async function findTargets(
  settings: Settings,
  files: NamedFiles,
  api: () => Promise<CloudFrontApi>,
  description: PlanDescription
): Promise<FoundTargets> {
  const byBucket = settings.targets.length === 0 && settings.domains.length === 0 && settings.tags.length === 0
  if (!byBucket && settings.domains.length === 0 && settings.tags.length === 0) {
    return { targets: settings.targets, listed: undefined }
  }
  const { resolveTargets, findByBucket } = await import('./cloudfront/lookup.js')
  const title = `Finding distributions${settings.dryRun ? ' (read-only lookups, made in a dry run too)' : ''}`
  // core.group closes the group however the lookup ends, so that a failure is not folded into it.
  return core.group(title, async () => {
    const partition = partitionOf(settings.awsRegion)
    const signal = AbortSignal.timeout(settings.waitTimeoutSeconds * 1000)
    const found = byBucket
      ? await findByBucket(await api(), syncedBucket(files), partition, signal)
      : await resolveTargets(
          await api(),
          {
            ids: settings.targets.filter(t => t.kind === 'distribution').map(t => t.id),
            domains: settings.domains,
            tags: settings.tags,
            partition
          },
          signal
        )
    for (const r of found.resolutions) {
      description.found.push(`${r.given} → ${r.ids.join(', ')} (${r.how})`)
    }
    core.info(`Searched ${plural(found.searched, 'distribution')}:`)
    for (const line of description.found) core.info(`  ${shown(line)}`)
    return { targets: [...found.targets, ...settings.targets.filter(t => t.kind === 'tenant')], listed: found.listed }
  })
}

/** The one bucket the sync-logs name, to find its distributions by; a named bucket, not an access point. */
function syncedBucket(files: NamedFiles): string {
  const bucket = [...new Set(files.syncLogs.flatMap(log => [...log.stats.buckets]))][0]
  if (bucket === undefined || bucket.startsWith('arn:')) {
    throw new InputError(
      'distribution-id',
      '',
      `is empty, and the sync-log ${bucket === undefined ? 'names no object' : `went through the access point ${bucket}`}, so no distribution can be found by its bucket: name the distribution in distribution-id.`
    )
  }
  return bucket
}

/**
 * The distribution-configuration stage: with a sync-log, each target's own configuration (origins,
 * origin path, behaviors, default root object) decides which URLs its keys are served at. Read-only
 * calls, made in a dry run too; the module is loaded only by a step with a sync-log.
 */
async function readConfiguration(
  settings: Settings,
  files: NamedFiles,
  found: FoundTargets,
  api: () => Promise<CloudFrontApi>,
  description: PlanDescription
): Promise<RoutedTarget[] | undefined> {
  if (files.syncLogs.length === 0) return undefined
  const { routeTargets } = await import('./routing/route-targets.js')
  const title = `Reading each distribution's configuration${settings.dryRun ? ' (read-only calls, made in a dry run too)' : ''}`
  return core.group(title, async () => {
    const started = performance.now()
    const routed = await routeTargets(await api(), {
      targets: found.targets,
      syncLogs: files.syncLogs,
      originPath: settings.originPath,
      listed: found.listed,
      warn: warning => core.warning(shownLines(warning)),
      signal: AbortSignal.timeout(settings.waitTimeoutSeconds * 1000)
    })
    core.info(`Read and mapped in ${Math.round(performance.now() - started)} ms:`)
    for (const r of routed) {
      description.routing.push(r.line)
      core.info(`  ${shown(r.line)}`)
    }
    return routed
  })
}

/**
 * The requests for each target: the planned paths, or, for a target whose configuration mapped the
 * sync-log, the paths planned again with its own URLs in place of the sync-log's. A target that serves
 * none of the changed objects gets no request.
 */
function planEach(
  settings: Settings,
  files: NamedFiles,
  paths: PathPlan,
  targets: readonly Target[],
  routed: readonly RoutedTarget[] | undefined,
  run: RunContext,
  description: PlanDescription
): TargetRequests[] {
  if (routed === undefined) return planRequests(settings, targets, paths.items, run)
  const others = files.sources.filter(source => source.input !== 'sync-log')
  const requests: TargetRequests[] = []
  for (const { target, sources } of routed) {
    let items = paths.items
    let own: PathPlan | undefined
    if (sources !== undefined) {
      own = planPaths([...others, ...sources], {
        maxPaths: settings.maxPaths,
        indexDocument: settings.indexDocument,
        site: files.siteDir
      })
      const line = `${targetLabel(target)}: ${pathsSummaryLine(own, settings.dryRun ? 'would be sent' : 'to send')}`
      logItems(`Paths for ${targetLabel(target)}, through its configuration`, [line], own.items)
      items = own.items
    }
    description.perTarget.push({ label: targetLabel(target), plan: own ?? paths })
    if (items.length === 0) core.info(`${targetLabel(target)}: no changed object is served by it: no invalidation.`)
    else requests.push(...planRequests(settings, [target], items, run))
  }
  return requests
}

/** site-url names one site: with several distributions (named, or found by tags or bucket) it cannot say which. */
function checkSiteUrl(settings: Settings, targets: readonly Target[]): void {
  if (settings.siteUrl === undefined || targets.length <= 1) return
  throw new InputError(
    'site-url',
    settings.siteUrl.href,
    `names one site, and the step found ${targets.length} distributions to invalidate: drop site-url (each is then asked at its own domain name), or verify each in a step of its own.`
  )
}

/** What verify would ask, for a dry run (which asks nothing); the verify module is loaded only with verify. */
async function previewVerify(settings: Settings, requests: readonly TargetRequests[]): Promise<string[]> {
  if (!settings.verify) return []
  const { verifyPreview } = await import('./verify/step.js')
  return verifyPreview(settings, requests)
}

function logRequests(settings: Settings, requests: readonly TargetRequests[]): void {
  const counts = requests.map(r => r.requests.length)
  const same = counts.every(n => n === counts[0])
  const each = same && requests.length > 1 ? ' each' : ''
  const what = same
    ? `${requests.map(r => targetLabel(r.target)).join(', ')}: ${plural(counts[0] ?? 0, 'request')}${each}`
    : requests.map(r => `${targetLabel(r.target)}: ${plural(r.requests.length, 'request')}`).join('; ')
  const then = settings.dryRun
    ? ' would be sent'
    : settings.wait
      ? `, then waiting up to ${settings.waitTimeoutSeconds} s for completion`
      : ''
  core.info(`${what}${then}.`)
}

/** What the stages before creating made: what invalidate() sends, waits for, verifies and reports. */
interface PlannedStep {
  settings: Settings
  files: NamedFiles
  description: PlanDescription
  requests: readonly TargetRequests[]
  /** Each target's configuration, read with a sync-log (verify reads it again otherwise). */
  routed: readonly RoutedTarget[] | undefined
  /** The failures the sync-log records: the step fails after reporting what it created. */
  syncFailure: string | undefined
}

/** Creates the planned invalidations, waits for them and verifies them as asked, then reports. */
async function invalidate(
  plan: PlannedStep,
  { api, agent }: { api: CloudFrontApi; agent: HttpAgent | undefined },
  deps: Dependencies
): Promise<void> {
  const { settings, files, description, requests, routed, syncFailure } = plan
  const ledger = new Ledger(deps.now())
  ledger.syncFailure = syncFailure
  const deadline = ledger.startedAt + settings.waitTimeoutSeconds * 1000
  let reported = false
  const reportOnce = async (): Promise<void> => {
    if (reported) return
    reported = true
    setOutputs(ledger, settings.wait)
    await writeSummary(ledger, description, requests, deps.now())
    const failure = failureMessage(ledger)
    if (failure) core.setFailed(shownLines(redact(failure)))
  }
  const cancel = watchForCancel(() => void reportOnce())
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
    // core.group closes each group however its stage ends, so that a failure is not folded into it.
    await core.group('Creating invalidations', () =>
      createAll(requests, deadline, {
        api,
        tracker,
        ledger,
        signal,
        sleep: deps.sleep,
        now: deps.now,
        log: core.info
      })
    )
    if (settings.wait && tracker.pending().length > 0) {
      await core.group(`Waiting for ${plural(tracker.pending().length, 'invalidation')} to complete`, async () => {
        await tracker.waitUntil(() => tracker.pending().length === 0, deadline, 'completion')
        core.info(`All complete after ${((deps.now() - ledger.startedAt) / 1000).toFixed(1)} s`)
      })
    }
    if (settings.verify && ledger.created.length > 0) {
      // Loaded only here, so a step without verify starts no slower.
      const { verifyAfterCompletion } = await import('./verify/step.js')
      ledger.verification = await verifyAfterCompletion(settings, files.siteDir, requests, routed, ledger, {
        api,
        agent,
        signal,
        deadline,
        now: deps.now,
        sleep: deps.sleep,
        // Its lines quote domain names and the edge's answers: shown, never obeyed.
        log: line => core.info(shown(line))
      })
    }
  } catch (error) {
    ledger.stepFailure = stepFailureMessage(error, ledger, settings)
  } finally {
    // Still listening while reporting: a second signal then must not kill the process mid-write. After
    // a cancel, listening goes on until the process exits (with 1): the runner's SIGTERM can come while
    // open sockets are still closing, and must not turn a reported cancel into a kill.
    await reportOnce()
    if (!cancel.signal.aborted) cancel.dispose()
  }
}

function stepFailureMessage(error: unknown, ledger: Ledger, settings: Settings): string {
  if (error instanceof Error && error.name === 'WaitDeadlineError') {
    const pending = ledger.created
      .filter(c => c.status !== 'Completed')
      .map(c => `${c.invalidationId} (${targetLabel(c.target)})`)
    const they = (one: string, many: string) => agree(pending.length, one, many)
    return `${pending.join(', ')} did not complete within wait-timeout (${settings.waitTimeoutSeconds} s). ${they('It is', 'They are')} still in progress and will complete on ${they('its', 'their')} own: raise wait-timeout, or set wait: false.`
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
