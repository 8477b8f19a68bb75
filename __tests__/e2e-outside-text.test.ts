/**
 * Whatever comes in, nothing silent and nothing injected, against dist/index.js and the emulator: special
 * files as file inputs, pasted paths, site-dir: /, answers whose invalidation ID or status is hostile,
 * and object keys with control characters.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator, defaultBucketOf } from '../emulator/server.js'
import { errorsOf, runAction, type RunResult } from '../__fixtures__/runner.js'

const DIST = 'EDFDVBD632BHDS5'
const BUCKET = defaultBucketOf(DIST)
const dir = mkdtempSync(join(tmpdir(), 'outside-text-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let emulator: CloudFrontEmulator
let endpoint: string
beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: [DIST] })
  endpoint = await emulator.start()
})
afterEach(() => emulator.stop())

const run = (inputs: Record<string, string>) => runAction({ endpoint, inputs: { 'distribution-id': DIST, ...inputs } })

/** The workflow commands a run printed: what the runner would obey. */
const commands = (result: RunResult) =>
  result.stdout
    .split('\n')
    .filter(line => /^\s*::/.test(line))
    .map(line => /^\s*::([a-z-]+)/.exec(line)?.[1])

describe('a named pipe as a file input', () => {
  // Nobody ever writes to it: a read would block until the job's own timeout. The step must end by
  // itself, with the input error; this test's timeout is the only bound (no timing is asserted).
  it.each(['sync-log', 'paths-file'])(
    'as %s: refused before anything is read or asked',
    async input => {
      const fifo = join(dir, `${input}.fifo`)
      execFileSync('mkfifo', [fifo])
      const result = await run({ [input]: fifo })
      expect(result.signal).toBeNull()
      expect(result.code).toBe(1)
      expect(errorsOf(result)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Input "${input}": ".*\\.fifo" is a named pipe \\(FIFO\\), not a regular file: give the path of a text file`
          )
        )
      ])
      expect(emulator.requests).toEqual([])
      expect(result.outputs.invalidations).toBe('[]')
    },
    60_000
  )
})

describe('pasted paths and folders, as the runner runs the step', () => {
  it('a JSON array in paths is the list, said in one line', async () => {
    const result = await run({ paths: '["/index.html", "/about.html"]', 'index-document': '' })
    expect(errorsOf(result)).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('paths: read as a JSON array of 2 paths ("/index.html", "/about.html").')
    expect(emulator.invalidations.flatMap(i => i.paths)).toEqual(['/index.html', '/about.html'])
  }, 60_000)

  it('./ in a paths-file: refused with the fix, nothing asked', async () => {
    const file = join(dir, 'dot-paths.txt')
    writeFileSync(file, '/about.html\n./index.html\n')
    const result = await run({ 'paths-file': file })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toEqual([
      `Input "paths-file": "./index.html" (paths-file ${file} line 2) is relative to a folder; paths are URL paths from the site's root: give /index.html.`
    ])
    expect(emulator.requests).toEqual([])
  }, 60_000)

  it('site-dir: / is refused before it is walked, nothing asked', async () => {
    const result = await run({ paths: '/a.html /b.html', 'max-paths': '1', 'site-dir': '/' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toMatch(/^Input "site-dir": "\/" is the root of the filesystem \(\/\)/)
    expect(emulator.requests).toEqual([])
  }, 60_000)
})

describe('a hostile answer from the endpoint', () => {
  const HOSTILE = 'I1\n::warning::injected <img src=x onerror=alert(1)>\u001b[31m'

  it("an invalidation ID not of CloudFront's shape: a malformed answer, never a command, an output or HTML", async () => {
    emulator.injectFault({ operation: 'CreateInvalidation', kind: 'hostile', invalidationId: HOSTILE })
    const result = await run({ paths: '/index.html' })
    expect(result.code).toBe(1)
    // No line the runner would read as a command other than the action's own.
    expect(commands(result).every(name => name === 'group' || name === 'endgroup' || name === 'error')).toBe(true)
    expect(result.stdout).not.toMatch(/^\s*::warning::injected/m)
    expect(result.stdout).not.toContain('\u001b')
    const [error] = errorsOf(result)
    expect(error).toContain('CreateInvalidation for EDFDVBD632BHDS5 got a response that is not a CloudFront answer')
    expect(error).toContain("an invalidation ID that is not CloudFront's (capital letters and digits)")
    // Nothing of it in the outputs: no ID at all, and every value one line.
    expect(result.outputs['invalidation-id']).toBeUndefined()
    expect(result.outputs.invalidations).toBe('[]')
    for (const value of Object.values(result.outputs)) expect(value).not.toContain('\n')
    // In the summary: escaped text, no raw HTML, no link.
    expect(result.summary).not.toContain('<img')
    expect(result.summary).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(result.summary).not.toContain('invalidations/details/')
  }, 60_000)

  it("a status not of CloudFront's shape: polled again as a malformed answer, never shown as a status", async () => {
    emulator.injectFault({
      operation: 'GetInvalidation',
      kind: 'hostile',
      invalidationStatus: 'Completed\n::error::injected',
      count: 1000
    })
    const result = await run({ paths: '/index.html', wait: 'true', 'wait-timeout': '8' })
    expect(result.code).toBe(1)
    expect(result.stdout).not.toMatch(/^\s*::error::injected/m)
    expect(result.stdout).toMatch(/GetInvalidation for I[A-Z0-9]+ failed \(MalformedResponseError\); polling again/)
    expect(errorsOf(result)[0]).toMatch(/^I[A-Z0-9]+ \(EDFDVBD632BHDS5\) did not complete within wait-timeout \(8 s\)/)
    // What was created is kept, with the status this step saw from CloudFront's own shape.
    expect(result.outputs['invalidation-id']).toBe(emulator.invalidations[0]?.id)
    expect(result.outputs.status).toBe('InProgress')
    expect(result.summary).not.toContain('injected')
  }, 60_000)
})

describe('object keys with control characters', () => {
  it('a sync log with ESC and NUL in keys: shown escaped, and every key invalidated', async () => {
    const log = join(dir, 'control.log')
    writeFileSync(
      log,
      [
        `upload: site/red\u001b[31m.html to s3://${BUCKET}/red\u001b[31m.html`,
        `upload: site/nul\u0000.html to s3://${BUCKET}/nul\u0000.html`,
        `upload: site/index.html to s3://${BUCKET}/index.html`,
        ''
      ].join('\n')
    )
    const result = await run({ 'sync-log': log, 'index-document': '' })
    expect(errorsOf(result)).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/[\u0000\u001b]/)
    expect(result.stdout).toContain(`  s3://${BUCKET}/red\\x1b[31m.html`)
    expect(result.stdout).toContain(`  s3://${BUCKET}/nul\\0.html`)
    expect(emulator.invalidations.flatMap(i => i.paths).sort()).toEqual([
      '/index.html',
      '/nul%00.html',
      '/red%1B%5B31m.html'
    ])
    expect(result.summary).not.toMatch(/[\u0000\u001b]/)
  }, 60_000)
})
