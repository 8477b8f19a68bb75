import { plural } from '../plural.js'
import type * as core from '@actions/core'
import type { Target } from '../targets.js'

/** An invalidation this step created. Once here, it is in the outputs and the summary, whatever fails later. */
export interface CreatedRecord {
  target: Target
  invalidationId: string
  status: string
  callerReference: string
  location: string
  paths: number
  files: number
  wildcards: number
  createdAt: number
  completedAt: number | undefined
}

/** A target on which something failed, and the batches that were therefore not created. */
export interface TargetFailure {
  target: Target
  message: string
  notCreated: { batch: number; paths: number }[]
  /**
   * The batch whose CreateInvalidation failed after it may have reached CloudFront (its answer lost,
   * cut off, unreadable, or a 5xx after an earlier try's lost answer): CloudFront may have created it
   * without the step learning its ID, so it is neither "created" nor "not created".
   */
  mayExist?: { batch: number; paths: number; callerReference: string }
}

/** What verify found (src/verify/report.ts makes it; only a step with verify loads that code). */
export interface VerificationReport {
  /** The `verified` output: 'true', 'false' (a stale URL), or '' when nothing could be checked. */
  output: 'true' | 'false' | ''
  /** Adds the "Verified" section to the job summary. */
  addTo(summary: typeof core.summary): void
  /** Every stale URL in one message, or undefined. */
  failure: string | undefined
}

/** What the step did, in the order it happened: the single source for outputs, summary and log. */
export class Ledger {
  readonly created: CreatedRecord[] = []
  readonly failures: TargetFailure[] = []
  /** The deploy before this step failed (its sync-log records failures): the step fails after invalidating. */
  syncFailure: string | undefined
  /** A failure of the step as a whole (the wait ran out, the run was cancelled). */
  stepFailure: string | undefined
  verification: VerificationReport | undefined
  readonly startedAt: number

  constructor(now: number) {
    this.startedAt = now
  }

  add(record: CreatedRecord): void {
    this.created.push(record)
  }

  fail(failure: TargetFailure): void {
    this.failures.push(failure)
  }

  /** The batches that may have been created without the step seeing it (TargetFailure.mayExist). */
  mayExist(): { target: Target; batch: number; paths: number; callerReference: string }[] {
    return this.failures.flatMap(f => (f.mayExist ? [{ target: f.target, ...f.mayExist }] : []))
  }

  /**
   * What the step created, said once for the failure message and the summary alike: never "No
   * invalidation was created" while a batch may have been.
   */
  createdSentence(): string | undefined {
    if (this.created.length > 0) return undefined
    const unsure = this.mayExist().length
    if (unsure === 0) return 'No invalidation was created.'
    return unsure === 1
      ? 'No invalidation was seen created, but one batch may have been (above): its request was sent and its answer never read.'
      : `No invalidation was seen created, but ${unsure} batches may have been (above): their requests were sent and their answers never read.`
  }

  /** Every failure, one line each, with the batches it left uncreated: for the log and the summary alike. */
  problems(): string[] {
    const lines = this.failures.map(
      f => `${sentence(f.message)}${mayExistText(f.mayExist)}${notCreatedText(f.notCreated)}`
    )
    if (this.syncFailure) lines.unshift(this.syncFailure)
    if (this.stepFailure) lines.push(this.stepFailure)
    if (this.verification?.failure) lines.push(this.verification.failure)
    return lines
  }
}

/** A message as a sentence, so that "Not created: …" does not run on from it. */
function sentence(message: string): string {
  return /[.!?)]$/.test(message.trimEnd()) ? message : `${message}.`
}

function mayExistText(batch: TargetFailure['mayExist']): string {
  if (!batch) return ''
  return ` May have been created all the same: batch ${batch.batch} (${plural(batch.paths, 'path')}), CallerReference ${batch.callerReference}; look for it among the distribution's invalidations before re-running (a re-run creates a new one).`
}

function notCreatedText(batches: readonly { batch: number; paths: number }[]): string {
  if (batches.length === 0) return ''
  return ` Not created: ${batches.map(b => `batch ${b.batch} (${plural(b.paths, 'path')})`).join(', ')}.`
}
