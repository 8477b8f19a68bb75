import * as core from '@actions/core'
import { setTimeout as sleepFor } from 'node:timers/promises'
import { watchForCancel } from './cancel.js'
import { StepClock, type Sleep } from './clock.js'
import { cloudFrontApi, proxyRouting, type CloudFrontApi } from './cloudfront/client.js'
import type { Agent as HttpAgent } from 'node:http'
import type { PollPhase } from './cloudfront/completion.js'
import { createAndWait, waitFailureMessage } from './cloudfront/create-and-wait.js'
import { dryRun } from './report/dry-run.js'
import { messageOf } from './errors.js'
import { readSettings, type Settings } from './inputs.js'
import { Ledger } from './report/ledger.js'
import { planPaths } from './paths/plan-paths.js'
import { readNamedFiles, type NamedFiles } from './paths/read-files.js'
import { checkSiteDirForVerify } from './paths/check-site-dir.js'
import type { TargetRequests } from './requests/plan-requests.js'
import { githubRunContext, type RunContext } from './requests/run-context.js'
import { describePlan, type PlanDescription } from './report/describe-plan.js'
import { failedSyncMessage } from './report/failed-sync.js'
import { redact } from './report/redact.js'
import { StepReport } from './report/step-report.js'
import type { StepContext } from './step-context.js'
import type { RoutedTarget } from './routing/route-targets.js'
import { planTargets, type PlannedFor } from './routing/plan-targets.js'
import { readConfiguration } from './routing/read-configuration.js'
import { checkSiteUrl, findTargets } from './cloudfront/find-targets.js'
import { logPaths, logRequests } from './report/log-plan.js'
import { nothingChanged } from './report/nothing-changed.js'
import { targetLabel } from './targets.js'
import { shown, shownLines } from './report/shown.js'

/** What tests replace: the API, the clock, the sleep and the poll schedule. */
export interface Dependencies {
  api: (region: string, agent?: HttpAgent) => CloudFrontApi
  sleep: Sleep
  now: () => number
  /** When the step started, on `now`: the process's start, as the runner counts the step's time. */
  startedAt: () => number
  schedule: readonly PollPhase[] | undefined
  runContext: () => RunContext
}

const defaults: Dependencies = {
  api: cloudFrontApi,
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
  now: Date.now,
  startedAt: () => performance.timeOrigin,
  schedule: undefined,
  runContext: githubRunContext
}

export async function run(overrides: Partial<Dependencies> = {}): Promise<void> {
  const deps = { ...defaults, ...overrides }
  const startedAt = deps.startedAt()
  // One report and one clock for the whole step, and a cancel that stops any stage: a cancel or a
  // forced exit during a lookup is reported as one during the wait is.
  const report = new StepReport(deps.now)
  let clock: StepClock | undefined
  const cancel = watchForCancel(() => report.finish(clock?.explain() ?? 'The step was cancelled'))
  try {
    const settings = readSettings()
    const { waitTimeoutSeconds } = settings
    clock = new StepClock({ now: deps.now, sleep: deps.sleep, waitTimeoutSeconds, cancel: cancel.signal, startedAt })
    const files = readNamedFiles(settings)
    const paths = planPaths(files.sources, {
      maxPaths: settings.maxPaths,
      indexDocument: settings.indexDocument,
      site: files.siteDir
    })
    // With a sync-log, site-dir is compared with each distribution's own URLs once its configuration is
    // read (planTargets): the bucket's raw keys would carry an origin path the folder does not have.
    const firstPlan = files.syncLogs.length > 0 ? { ...paths, siteDirMismatch: undefined } : paths
    const description = describePlan(firstPlan, files.sources, files.syncLogs, settings.originPath, settings.warnings)
    // A sync-log that records failures: what it changed is still invalidated, then the step fails.
    const syncFailure = failedSyncMessage(files.syncLogs)
    logPaths(settings, files, paths.items, description)
    // Keys all outside origin-path may mean origin-path is wrong: the distribution's own says, so it is
    // read first (routing/ fails on a contradiction) rather than ending green with nothing to invalidate.
    const outside = files.syncLogs.some(log => log.stats.skipped.outsideOriginPath > 0) && settings.originPath !== ''
    if (paths.items.length === 0 && !outside) return await nothingChanged(settings, files, description, syncFailure)
    // Every input and file is checked by now: only then the first request, a lookup or a create.
    let api: CloudFrontApi | undefined
    let agent: Promise<HttpAgent | undefined> | undefined
    const agentOnce = () => (agent ??= proxyRouting(core.info))
    const apiOnce = async (): Promise<CloudFrontApi> => (api ??= deps.api(settings.awsRegion, await agentOnce()))
    const step: StepContext = { settings, files, description, clock, api: apiOnce }
    const found = await findTargets(step)
    checkSiteUrl(settings, found.targets)
    const routed = await readConfiguration(step, found)
    const { requests, planned } = planTargets(step, paths, found.targets, routed, deps.runContext())
    if (requests.length === 0) {
      const why = paths.items.length === 0 ? 'nothing changed' : 'served by none'
      return await nothingChanged(settings, files, description, syncFailure, why)
    }
    if (settings.verify && files.siteDir) {
      const plans = found.targets.map(target => ({ label: targetLabel(target), ...planned(target) }))
      for (const warning of checkSiteDirForVerify(files.siteDir, plans)) {
        core.warning(shownLines(warning))
        description.warnings.push(warning)
      }
    }
    logRequests(settings, requests)
    if (settings.dryRun) {
      await dryRun(requests, description, syncFailure, await previewVerify(settings, files, requests, planned))
      if (syncFailure) core.setFailed(shownLines(redact(syncFailure)))
    } else {
      const clients = { api: await apiOnce(), agent: await agentOnce() }
      await invalidate(
        { settings, files, description, requests, planned, routed, syncFailure },
        clients,
        deps,
        clock,
        report
      )
    }
  } catch (error) {
    // A stage failed before invalidate(), which reports its own failures; the report still lists
    // whatever its ledger holds.
    await report.finish(clock?.explain(error) ?? messageOf(error))
  } finally {
    clock?.dispose()
    // After a cancel, listening goes on until the process exits (with 1): the runner's SIGTERM can
    // come while open sockets are still closing, and must not turn a reported cancel into a kill.
    if (!cancel.signal.aborted) cancel.dispose()
  }
}

/** What verify would ask, for a dry run (which asks nothing); the verify module is loaded only with verify. */
async function previewVerify(
  settings: Settings,
  files: NamedFiles,
  requests: readonly TargetRequests[],
  planned: PlannedFor
): Promise<string[]> {
  if (!settings.verify) return []
  const { verifyPreview } = await import('./verify/step.js')
  return verifyPreview(settings, files.siteDir, requests, planned)
}

/** What the stages before creating made: what invalidate() sends, waits for, verifies and reports. */
interface PlannedStep {
  settings: Settings
  files: NamedFiles
  description: PlanDescription
  requests: readonly TargetRequests[]
  planned: PlannedFor
  /** Each target's configuration, read with a sync-log (verify reads it again otherwise). */
  routed: readonly RoutedTarget[] | undefined
  /** The failures the sync-log records: the step fails after reporting what it created. */
  syncFailure: string | undefined
}

/** Creates the planned invalidations, waits for them and verifies them as asked, then reports. */
async function invalidate(
  plan: PlannedStep,
  { api, agent }: { api: CloudFrontApi; agent: HttpAgent | undefined },
  deps: Dependencies,
  clock: StepClock,
  report: StepReport
): Promise<void> {
  const { settings, files, description, requests, planned, routed, syncFailure } = plan
  const ledger = new Ledger(clock.now())
  ledger.syncFailure = syncFailure
  // From here on, whatever ends the step (a failure, a cancel, the forced exit) reports this ledger.
  report.plan({ ledger, description, requests, waited: settings.wait })
  try {
    const created = await createAndWait(requests, ledger, { api, clock, wait: settings.wait, schedule: deps.schedule })
    if (created && settings.verify && ledger.created.length > 0) {
      clock.enter('verifying', { checksDeadline: true })
      // Loaded only here, so a step without verify starts no slower.
      const { verifyAfterCompletion } = await import('./verify/step.js')
      const { deadline, signal, now, sleep } = clock
      // Its lines quote domain names and the edge's answers: shown, never obeyed.
      const verifyDeps = { api, agent, signal, deadline, now, sleep, log: (line: string) => core.info(shown(line)) }
      ledger.verification = await verifyAfterCompletion(
        settings,
        files.siteDir,
        requests,
        planned,
        routed,
        ledger,
        verifyDeps
      )
    }
  } catch (error) {
    ledger.stepFailure = clock.explain(error) ?? waitFailureMessage(error, ledger, settings.waitTimeoutSeconds)
  } finally {
    // Still listening to cancels while reporting: a second signal then must not kill the process mid-write.
    await report.finish()
  }
}
