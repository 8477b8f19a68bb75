import { randomUUID } from 'node:crypto'

/** The workflow-run facts a CallerReference is made of. */
export interface RunContext {
  sha: string
  runId: string
  runAttempt: string
  job: string
  action: string
}

/**
 * The workflow run, from the variables the runner sets. @actions/github's `context` reads the same
 * variables, but importing it bundles Octokit (about 30 ms of every start, see the benchmark's
 * results), and its runAttempt is NaN and its job undefined when a variable is missing.
 */
export function githubRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const sha = env.GITHUB_SHA ?? ''
  if (sha === '') return localRunContext()
  return {
    sha,
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    job: env.GITHUB_JOB ?? '',
    action: env.GITHUB_ACTION ?? ''
  }
}

/**
 * Outside GitHub Actions there is no SHA or run to tie a reference to, so a random one stands in:
 * unique per process, and still the same for the SDK's retries of one request.
 */
export function localRunContext(): RunContext {
  return { sha: 'local00', runId: `${Date.now()}`, runAttempt: randomUUID().slice(0, 8), job: '', action: '' }
}
