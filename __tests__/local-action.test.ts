/**
 * `npm run local-action` as the README tells a contributor to run it: GitHub's @github/local-action
 * (tools/local-action, under Node 24) runs src/main.ts (not dist/) with the inputs of a copy of .env.example, against the local CloudFront
 * endpoint. Only the endpoint's port differs from the committed file: the emulator takes a free one.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { CloudFrontEmulator } from '../emulator/server.js'

const root = process.cwd()
const dir = mkdtempSync(join(tmpdir(), 'local-action-'))
let emulator: CloudFrontEmulator

beforeAll(async () => {
  const distribution = /^INPUT_DISTRIBUTION-ID=(\S+)$/m.exec(readFileSync(join(root, '.env.example'), 'utf8'))
  emulator = new CloudFrontEmulator({ distributions: [distribution?.[1] ?? 'none in .env.example'] })
  await emulator.start()
})
afterAll(async () => {
  await emulator.stop()
  rmSync(dir, { recursive: true, force: true })
})

it('runs src/main.ts with the inputs of .env.example, and the invalidation completes', async () => {
  const example = readFileSync(join(root, '.env.example'), 'utf8')
  const endpointLine = /^AWS_ENDPOINT_URL_CLOUDFRONT=.*$/m
  expect(example).toMatch(endpointLine)
  const envFile = join(dir, '.env')
  writeFileSync(envFile, example.replace(endpointLine, `AWS_ENDPOINT_URL_CLOUDFRONT=${emulator.url}`))

  // The npm script's command, with the copy in place of .env; async, so the emulator here can answer.
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const { stdout } = await promisify(execFile)(process.execPath, [tsx, 'scripts/local-action.ts', envFile], {
    cwd: root,
    // The developer's own AWS settings must not reach the run.
    env: {
      PATH: process.env['PATH'],
      ...(process.env['NODE24_BIN'] ? { NODE24_BIN: process.env['NODE24_BIN'] } : {}),
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials')
    },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024
  })

  expect(emulator.invalidations).toHaveLength(1)
  const created = emulator.invalidations[0]!
  expect([...created.paths].sort()).toEqual(['/', '/assets/*', '/index.html'])
  expect(emulator.statusOf(created)).toBe('Completed')
  expect(stdout).toContain(`::set-output name=invalidation-id::${created.id}`)
  expect(stdout).toContain('::set-output name=status::Completed')
  // The run, not local-action's table of every description in action.yml.
  expect(stdout).toContain(`Created ${created.id} on`)
  expect(stdout).toContain('Running Action')
  const described = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string }>
  }
  const description = described.inputs['distribution-id']?.description ?? ''
  expect(description.length).toBeGreaterThan(40)
  expect(stdout).not.toContain(description.slice(0, 40))
  expect(stdout).not.toContain('Action Metadata')
}, 120_000)
