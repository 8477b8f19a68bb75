/**
 * The sync recipes the docs give cannot hide a failed sync: each step that runs `aws s3 sync` is run
 * as GitHub's runner runs it (its `shell:`, or the default `bash -e`), with the real AWS CLI v2 and
 * a bucket endpoint that refuses every connection. The step must fail, and its sync log must hold
 * the CLI's `fatal error:` line, which the CLI writes to standard error.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../__fixtures__/runner.js'

// The Debian AWS CLI v2, as in aws-cli.test.ts; `npm test` installs it when missing.
const AWS = process.env.AWS_CLI ?? '/usr/bin/aws'
const DOCS = ['README.md', 'CONTRIBUTING.md']

interface Step {
  run: string
  shell?: string
}

/** Every step in the docs' YAML blocks whose script runs `aws s3 sync`. */
function syncSteps(): { doc: string; step: Step }[] {
  const found: { doc: string; step: Step }[] = []
  const visit = (doc: string, node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(doc, item)
    else if (node && typeof node === 'object') {
      const step = node as Partial<Step>
      if (typeof step.run === 'string' && step.run.includes('aws s3 sync')) found.push({ doc, step: step as Step })
      else for (const value of Object.values(node)) visit(doc, value)
    }
  }
  for (const doc of DOCS) {
    const text = readFileSync(join(ROOT, doc), 'utf8')
    for (const [, block] of text.matchAll(/```yaml\n([\s\S]*?)```/g)) visit(doc, parse(block ?? ''))
  }
  return found
}

/** The command line GitHub's runner uses for a step's script on Linux (docs: "jobs.<job_id>.steps[*].shell"). */
function runnerShell(shell: string | undefined): string[] {
  if (shell === undefined) return ['bash', '-e']
  if (shell === 'bash') return ['bash', '--noprofile', '--norc', '-eo', 'pipefail']
  if (shell === 'sh') return ['sh', '-e']
  throw new Error(`no runner shell known for shell: ${shell}`)
}

/** A loopback port with nothing listening: every connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** Runs a step's script as the runner would, in a folder with the files the script names. */
async function runStep(step: Step): Promise<{ status: number | null; logs: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-recipe-'))
  mkdirSync(join(dir, 'public'))
  writeFileSync(join(dir, 'public', 'index.html'), '<h1>hello</h1>\n')
  const script = join(dir, 'step.sh')
  writeFileSync(script, `${step.run}\n`)
  const [shell, ...flags] = runnerShell(step.shell)
  const result = spawnSync(shell ?? 'bash', [...flags, script], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: `${dirname(AWS)}:${process.env.PATH ?? ''}`,
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      // The bucket's endpoint: nothing listens there, so the sync fails at its first request.
      AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}`
    }
  })
  const log = /tee (\S+)/.exec(step.run)?.[1]
  const logs = log && existsSync(join(dir, log)) ? readFileSync(join(dir, log), 'utf8') : ''
  return { status: result.status, logs }
}

describe('the docs’ aws s3 sync recipes', () => {
  const steps = syncSteps()

  it('are found in the README', () => {
    expect(steps.filter(s => s.doc === 'README.md').length).toBeGreaterThanOrEqual(2)
  })

  it.each(steps.map(({ doc, step }) => [doc, step.run, step] as const))(
    '%s: `%s` fails its step, and a log it keeps holds the error, when the sync fails',
    async (_doc, _run, step) => {
      expect(existsSync(AWS)).toBe(true)
      const { status, logs } = await runStep(step)
      expect(status).not.toBe(0)
      if (step.run.includes('tee ')) expect(logs).toContain('fatal error:')
    }
  )

  it('action.yml describes the same recipe', () => {
    const description = readFileSync(join(ROOT, 'action.yml'), 'utf8')
    expect(description).toContain('2>&1 | tee sync.log` in a step with `shell: bash`')
  })
})
