import * as core from '@actions/core'
import type { CreatedRecord, Ledger } from './ledger.js'
import type { PlanDescription } from './describe-plan.js'
import { redact } from './redact.js'
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

/** The job summary: one row per invalidation, then what went wrong, if anything. */
export async function writeSummary(ledger: Ledger, description: PlanDescription, now: number): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.debug('GITHUB_STEP_SUMMARY is not set (not on a runner): no job summary written')
    return
  }
  const summary = core.summary.addHeading('CloudFront invalidation', 2)
  addPaths(summary, description)
  if (ledger.created.length > 0) {
    summary.addTable([
      [
        { data: 'Distribution', header: true },
        { data: 'Invalidation', header: true },
        { data: 'Status', header: true },
        { data: 'Paths', header: true },
        { data: 'Elapsed', header: true }
      ],
      ...ledger.created.map(c => [
        targetLabel(c.target),
        `<a href="${consoleUrl(c.target, c.invalidationId)}">${c.invalidationId}</a>`,
        c.status,
        String(c.paths),
        elapsed(c, now)
      ])
    ])
  } else {
    summary.addRaw('No invalidation was created.', true)
  }
  ledger.verification?.addTo(summary)
  const problems = ledger.problems()
  if (problems.length > 0) {
    summary.addHeading('Failed', 3).addList(problems.map(p => escapeHtml(redact(p))))
  }
  await summary.write()
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The distributions found by name, the paths' headline, then its details (each sync-log, each wildcard chosen). */
export function addPaths(summary: typeof core.summary, description: PlanDescription): void {
  if (description.found.length > 0) {
    summary.addRaw('Distributions found:', true).addList(description.found.map(escapeHtml))
  }
  if (description.routing.length > 0) {
    summary.addRaw("Each distribution's configuration:", true).addList(description.routing.map(escapeHtml))
  }
  summary.addRaw(escapeHtml(description.headline), true)
  if (description.details.length > 0) summary.addList(description.details.map(escapeHtml))
}
