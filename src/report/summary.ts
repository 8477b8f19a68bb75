import * as core from '@actions/core'
import type { CreatedRecord, Ledger } from './ledger.js'
import { pathsSummaryLine, type PlanDescription, type Sending } from './describe-plan.js'
import { count } from '../plural.js'
import { messageOf } from '../errors.js'
import type { TargetRequests } from '../requests/plan-requests.js'
import { redact } from './redact.js'
import { htmlAttribute, summaryText } from './shown.js'
import { consoleUrl, givenAs, targetLabel } from '../targets.js'

/** The `invalidations` output: one object per invalidation created. */
export function invalidationsJson(created: readonly CreatedRecord[]): string {
  return JSON.stringify(
    created.map(c => ({
      ...(c.target.kind === 'distribution' ? { distributionId: c.target.id } : { distributionTenantId: c.target.id }),
      given: givenAs(c.target),
      invalidationId: c.invalidationId,
      status: c.status,
      callerReference: c.callerReference,
      location: c.location,
      paths: c.paths
    }))
  )
}

/** Sets every output from what was created, including when the step is failing. */
export function setOutputs(ledger: Ledger, waited: boolean): void {
  const first = ledger.created[0]
  core.setOutput('invalidations', invalidationsJson(ledger.created))
  if (ledger.verification) core.setOutput('verified', ledger.verification.output)
  if (!first) return
  core.setOutput('invalidation-id', first.invalidationId)
  core.setOutput('caller-reference', first.callerReference)
  core.setOutput('status', waited && ledger.created.every(c => c.status === 'Completed') ? 'Completed' : 'InProgress')
}

function elapsed(record: CreatedRecord, now: number): string {
  const seconds = ((record.completedAt ?? now) - record.createdAt) / 1000
  return `${seconds.toFixed(1)} s${record.completedAt === undefined ? ' so far' : ''}`
}

/** How far the requests got: every one created, some, or none. */
function sendingOf(ledger: Ledger, requests: readonly TargetRequests[]): Sending {
  const planned = requests.reduce((n, target) => n + target.requests.length, 0)
  if (ledger.created.length === 0 && ledger.mayExist().length === 0) return 'none sent'
  return ledger.created.length === planned ? 'sent' : 'planned'
}

/**
 * The job summary, leading with what was created: one row per invalidation and the verification's
 * verdict, then what went wrong, then the paths, the configuration and the sync-log details that
 * explain them (a reader of the run page looks for the IDs first).
 */
export async function writeSummary(
  ledger: Ledger,
  description: PlanDescription,
  requests: readonly TargetRequests[],
  now: number
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.debug('GITHUB_STEP_SUMMARY is not set (not on a runner): no job summary written')
    return
  }
  const summary = core.summary.addHeading('CloudFront invalidation', 2)
  // Undefined once something was created: then the table says what.
  const nothingCreated = ledger.createdSentence()
  if (nothingCreated === undefined) {
    summary.addTable([
      [
        { data: 'Distribution', header: true },
        { data: 'Invalidation', header: true },
        { data: 'Status', header: true },
        { data: 'Paths', header: true },
        { data: 'Elapsed', header: true }
      ],
      ...ledger.created.map(c => [
        summaryText(targetLabel(c.target)),
        invalidationLink(c),
        summaryText(c.status),
        count(c.paths),
        elapsed(c, now)
      ])
    ])
  } else {
    addParagraph(summary, escapeHtml(nothingCreated))
  }
  ledger.verification?.addTo(summary)
  addFailures(summary, ledger.problems())
  addPaths(summary, description, sendingOf(ledger, requests), requests)
  await writeOrWarn(summary)
}

/** The invalidation's console link; an ID not of CloudFront's shape (never recorded) would be shown as text only. */
function invalidationLink(c: CreatedRecord): string {
  if (!/^[A-Z0-9]+$/.test(c.invalidationId)) return summaryText(c.invalidationId)
  return `<a href="${htmlAttribute(consoleUrl(c.target, c.invalidationId))}">${c.invalidationId}</a>`
}

/** A step that failed before it created anything: the failure, and that nothing was created. */
export async function writeFailureSummary(message: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const summary = core.summary.emptyBuffer().addHeading('CloudFront invalidation', 2)
  addParagraph(summary, 'No invalidation was created.')
  addFailures(summary, [message])
  await writeOrWarn(summary)
}

/**
 * Writes the job summary built so far. One that cannot be written (its file gone, a full disk) is a
 * warning that says why, never an error: the outputs, set before it, and the step's outcome stand.
 */
export async function writeOrWarn(summary: typeof core.summary): Promise<void> {
  try {
    await summary.write()
  } catch (error) {
    summary.emptyBuffer()
    core.warning(
      `The job summary could not be written (${redact(messageOf(error))}): the outputs and this log say what the step did.`
    )
  }
}

/** What went wrong, redacted, each problem one item (its lines kept). */
export function addFailures(summary: typeof core.summary, problems: readonly string[]): void {
  if (problems.length === 0) return
  summary.addHeading('Failed', 3).addList(
    problems.map(p =>
      redact(p)
        .split('\n')
        .map(line => escapeHtml(line))
        .join('<br>')
    )
  )
}

/**
 * One paragraph of the summary (`html` already escaped). Bare text after a heading or a table would
 * fall inside GitHub's HTML block, which runs to the next blank line: its lines would run together
 * into one ("No invalidation was created. Warning: … Paths per distribution:").
 */
export function addParagraph(summary: typeof core.summary, html: string): typeof core.summary {
  return summary.addRaw(`<p>${html}</p>`, true)
}

/** Text for the summary: control characters shown, HTML escaped (report/shown.ts). */
export function escapeHtml(text: string): string {
  return summaryText(text)
}

/**
 * What the summary says after what was created: the paths' headline (per distribution when each got
 * its own), what looks like a mistake, the paths themselves, then where they came from: the
 * distributions found by name, each distribution's configuration, the details (each sync-log, each
 * wildcard chosen).
 */
export function addPaths(
  summary: typeof core.summary,
  description: PlanDescription,
  sending: Sending,
  requests: readonly TargetRequests[]
): void {
  if (description.perTarget.length > 0) {
    // Each distribution got its own paths: the step's plan before the mapping would count none of them.
    const lines = description.perTarget.map(({ label, plan }) => `${label}: ${pathsSummaryLine(plan, sending)}`)
    addParagraph(summary, 'Paths per distribution:').addList(lines.map(escapeHtml))
  } else {
    addParagraph(summary, escapeHtml(description.headline(sending)))
  }
  for (const warning of description.warnings) addParagraph(summary, `Warning: ${escapeHtml(warning)}`)
  addPathLists(summary, sending, requests)
  if (description.found.length > 0) {
    addParagraph(summary, 'Distributions found:').addList(description.found.map(escapeHtml))
  }
  if (description.routing.length > 0) {
    addParagraph(summary, "Each distribution's configuration:").addList(description.routing.map(escapeHtml))
  }
  if (description.details.length > 0) {
    addParagraph(summary, 'Details:').addList(description.details.map(escapeHtml))
  }
}

const LISTED = 50
const LIST_TITLES: Record<Sending, string> = {
  'to send': 'Paths to send',
  'would be sent': 'Paths that would be sent',
  sent: 'Paths sent',
  planned: 'Paths planned',
  'none sent': 'Paths planned'
}

/**
 * The paths in a collapsible block, the first 50 then how many more, so that a reader of the run page
 * sees whether /pricing/ was in it: one block when every target got the same paths, else one each.
 */
function addPathLists(summary: typeof core.summary, sending: Sending, requests: readonly TargetRequests[]): void {
  const lists = requests.map(({ target, requests }) => ({ target, items: requests.flatMap(r => r.batch.items) }))
  const first = lists[0]
  if (!first) return
  const allSame = lists.every(({ items }) => sameItems(items, first.items))
  for (const { target, items } of allSame ? [first] : lists) {
    const shown = items.slice(0, LISTED).map(escapeHtml)
    if (items.length > LISTED) shown.push(`… and ${count(items.length - LISTED)} more`)
    const title = `${LIST_TITLES[sending]}${allSame ? '' : ` to ${escapeHtml(targetLabel(target))}`}`
    // HTML drops a newline right after <pre>: it only keeps the list off the title in plain text.
    summary.addDetails(`${title} (${count(items.length)})`, `<pre>\n${shown.join('\n')}</pre>`)
  }
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}
