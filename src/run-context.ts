import { localRunContext, type RunContext } from './requests/caller-reference.js'

/**
 * The workflow run, from the variables the runner sets. @actions/github's `context` reads the same
 * variables, but importing it bundles Octokit (about 30 ms of every start, see the README's
 * performance section), and its runAttempt is NaN and its job undefined when a variable is missing.
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
