// The twelve-job matrix: twelve steps of one workflow invalidate one distribution at the same moment,
// each with 4 wildcards and 300 file paths, and wait. CloudFront lets 3 such batches be in progress
// at a time (15 wildcards), so the least its limits allow is 4 waves, one completion time each.
import type { CloudFrontEmulator } from '../emulator/server.js'

export const MATRIX_JOBS = 12
const WILDCARDS = 4
const FILES = 300
/** 15 wildcards in progress at a time (CloudFront's documented limit) / 4 a job = 3 jobs a wave. */
const WAVES = Math.ceil(MATRIX_JOBS / Math.floor(15 / WILDCARDS))

export interface MatrixRun {
  startedAt: number
  endedAt: number
  code: number | null
  output: string
}

export interface MatrixResult {
  completionS: number
  /** WAVES completion times: the least the in-progress limits allow. */
  limitBoundS: number
  /** From the first CreateInvalidation at the server to the last step's exit. */
  matrixS: number
  ratio: number
  /** From the first step's start to the last step's exit (process start-up included). */
  wallS: number
  callsPerStep: { median: number; max: number }
  createsPerStep: { median: number; max: number }
}

/** Each job's paths: its own app's 4 wildcards and 300 files (no index.html, so no directory URLs are added). */
export function matrixPaths(job: number): string {
  const lines: string[] = []
  for (let w = 0; w < WILDCARDS; w++) lines.push(`/app${job}/part${w}/*`)
  for (let f = 0; f < FILES; f++) lines.push(`/app${job}/files/f${f}.css`)
  return lines.join('\n')
}

/** The access key a job signs with, so that each request at the server names its job. */
export function matrixKey(job: number): string {
  return `AKIAMATRIXJOB${String(job).padStart(7, '0')}`
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2
}

/** Runs the matrix on a fresh distribution whose invalidations take `completionS`; fails if a job fails. */
export async function matrixRound(
  emulator: CloudFrontEmulator,
  distribution: string,
  completionS: number,
  run: (inputs: Record<string, string>, env: Record<string, string>) => Promise<MatrixRun>
): Promise<MatrixResult> {
  emulator.setCompletionDelayFor(distribution, completionS * 1000)
  const exits = await Promise.all(
    Array.from({ length: MATRIX_JOBS }, (_, job) =>
      run(
        { 'distribution-id': distribution, paths: matrixPaths(job), wait: 'true', 'wait-timeout': '600' },
        { AWS_ACCESS_KEY_ID: matrixKey(job) }
      )
    )
  )
  for (const [job, exit] of exits.entries()) {
    if (exit.code !== 0) throw new Error(`matrix job ${job} failed (exit ${exit.code}):\n${exit.output}`)
  }
  const requests = emulator.requests.filter(r => r.url.includes(`/${distribution}/`))
  const creates = requests.filter(r => r.operation === 'CreateInvalidation')
  const created = emulator.invalidations.filter(i => i.targetId === distribution)
  if (created.length !== MATRIX_JOBS)
    throw new Error(`the matrix created ${created.length} invalidations, not ${MATRIX_JOBS}`)
  const calls = (job: number, of = requests) =>
    of.filter(r => String(r.headers.authorization ?? '').includes(`Credential=${matrixKey(job)}/`)).length
  const jobs = Array.from({ length: MATRIX_JOBS }, (_, job) => job)
  const firstCreate = Math.min(...creates.map(r => r.at))
  const lastExit = Math.max(...exits.map(e => e.endedAt))
  const matrixS = (lastExit - firstCreate) / 1000
  const limitBoundS = WAVES * completionS
  return {
    completionS,
    limitBoundS,
    matrixS,
    ratio: matrixS / limitBoundS,
    wallS: (lastExit - Math.min(...exits.map(e => e.startedAt))) / 1000,
    callsPerStep: { median: median(jobs.map(j => calls(j))), max: Math.max(...jobs.map(j => calls(j))) },
    createsPerStep: {
      median: median(jobs.map(j => calls(j, creates))),
      max: Math.max(...jobs.map(j => calls(j, creates)))
    }
  }
}
