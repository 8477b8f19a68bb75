import * as core from '@actions/core'
import type { TargetRequests } from '../requests/plan-requests.js'
import { targetLabel } from '../targets.js'
import type { PlanDescription } from './describe-plan.js'
import type { Ledger } from './ledger.js'
import { redact } from './redact.js'
import { invalidationsJson, setOutputs, writeFailureSummary, writeSummary } from './summary.js'
import { shownLines } from './shown.js'

/** What the step planned to send, once it has: the summary then lists the paths and every request. */
export interface PlannedReport {
  ledger: Ledger
  description: PlanDescription
  requests: readonly TargetRequests[]
  waited: boolean
}

/**
 * The step's one report of a run that creates (or failed before it could): made once, whichever comes
 * first of the normal end, a failure, and the forced exit after a cancel. In an order that loses
 * nothing: the outputs first, synchronously (the runner reads GITHUB_OUTPUT however the process ends),
 * then the failure message, then the job summary, which only a warning replaces when it cannot be
 * written (a path that is gone, a full disk): it changes neither the outputs nor the step's outcome.
 */
export class StepReport {
  private planned: PlannedReport | undefined
  private made: Promise<void> | undefined

  constructor(private readonly now: () => number) {}

  /** From here on the report is of this ledger and these requests. */
  plan(planned: PlannedReport): void {
    this.planned = planned
  }

  /**
   * Reports, once: a second call gets the first one's promise (the forced exit awaits the normal
   * end's summary rather than cutting it short). `failure` is why the step stopped, when the ledger
   * does not say it yet: an error before any create, a cancel that forced the exit.
   */
  finish(failure?: string): Promise<void> {
    return (this.made ??= this.write(failure))
  }

  private async write(failure: string | undefined): Promise<void> {
    const planned = this.planned
    if (!planned) {
      // Nothing was created: nothing could be, before the ledger.
      core.setOutput('invalidations', invalidationsJson([]))
      if (failure) core.setFailed(shownLines(redact(failure)))
      if (failure) await writeFailureSummary(failure)
      return
    }
    const { ledger, description, requests, waited } = planned
    ledger.stepFailure ??= failure
    setOutputs(ledger, waited)
    const message = failureMessage(ledger)
    if (message) core.setFailed(shownLines(redact(message)))
    await writeSummary(ledger, description, requests, this.now())
  }
}

/** One message for everything that failed, or undefined when all went well. */
function failureMessage(ledger: Ledger): string | undefined {
  const lines = ledger.problems()
  if (lines.length === 0) return undefined
  const created = ledger.created.map(c => `${c.invalidationId} on ${targetLabel(c.target)} (${c.status})`)
  lines.push(ledger.createdSentence() ?? `Created by this step: ${created.join(', ')}.`)
  return lines.join('\n')
}
