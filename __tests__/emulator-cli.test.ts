/**
 * `npm run emulator` (emulator/cli.ts) as CONTRIBUTING tells a contributor to drive it: the example
 * config with a real sync log runs `npm run action` to a verified deploy, with the commands taken
 * from CONTRIBUTING itself (on free ports instead of 4566 and 8080); `--help` lists every option; a
 * mistaken config or flag is refused, naming the field and the value.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { CONFIG_FIELDS } from '../emulator/config.js'
import { ROOT } from '../__fixtures__/runner.js'
import { SECOND_SYNC_URLS } from '../__fixtures__/aws-s3-sync.js'

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const CLI = join(ROOT, 'emulator', 'cli.ts')
const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'))
const running: ChildProcess[] = []

afterAll(() => {
  for (const child of running) child.kill()
  rmSync(dir, { recursive: true, force: true })
})

/** Starts the CLI and resolves with its standard output once `ready` matches it. */
function startEmulator(args: string[], ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, [TSX, CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(child)
  return new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (ready.test(out)) resolve(out)
    })
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', code => reject(new Error(`the emulator CLI exited (${code}): ${out}`)))
  })
}

function urlAfter(out: string, label: string): string {
  const url = new RegExp(`${label}[^\\n]*?(http://127\\.0\\.0\\.1:\\d+)`).exec(out)?.[1]
  if (!url) throw new Error(`no URL after "${label}" in: ${out}`)
  return url
}

/** The commands of CONTRIBUTING's "Running the bundle locally", as a shell would split them. */
function contributingCommands(): { emulator: string[]; env: Record<string, string>; action: string[] } {
  const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8')
  const section = text.slice(text.indexOf('## Running the bundle locally'))
  const lines = (/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '').split('\n')
  const after = (prefix: string): string[] => {
    const line = lines.find(l => l.startsWith(prefix)) ?? ''
    expect(line).not.toBe('')
    return line.slice(prefix.length).replace(/#.*$/, '').trim().split(/\s+/)
  }
  const env = Object.fromEntries(after('export ').map(pair => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]))
  return { emulator: after('npm run emulator -- '), env, action: after('npm run action -- ') }
}

/** `npm run action` with these arguments and variables, asynchronously, with no AWS setting of the machine's. */
async function runAction(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [TSX, join(ROOT, 'scripts', 'run-action.ts'), ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '',
          ...(process.env.NODE24_BIN ? { NODE24_BIN: process.env.NODE24_BIN } : {}),
          HOME: dir,
          AWS_CONFIG_FILE: join(dir, 'aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          ...env
        }
      }
    )
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` }
  }
}

interface StateInvalidation {
  id: string
  targetId: string
  paths: string[]
  status: string
}

describe("CONTRIBUTING's local run: the example config, a fixture sync log, npm run action", () => {
  it('ends in a verified deploy with one Completed invalidation of the deployed URLs', async () => {
    const commands = contributingCommands()
    expect(commands.emulator).toEqual(['--config', 'emulator/example-config.json'])
    // The flags after --config win over the file: free ports, as a test on a shared machine needs.
    const out = await startEmulator(
      [...commands.emulator, '--port', '0', '--edge-port', '0'],
      /^Bucket my-site-bucket:/m
    )
    const endpoint = urlAfter(out, 'listening on')
    const edge = urlAfter(out, 'Edge of E2QWRUHAPOMQZL:')
    expect(out).toContain('(distributions: E2QWRUHAPOMQZL, EDOCSEXAMPLE01)')
    expect(out).toContain('www.example.com')
    expect(out).toContain('(origin path /docs)')

    const env = { ...commands.env }
    expect(env.AWS_ENDPOINT_URL_CLOUDFRONT).toBe('http://127.0.0.1:4566')
    env.AWS_ENDPOINT_URL_CLOUDFRONT = endpoint
    expect(commands.action).toContain('site-url=http://127.0.0.1:8080')
    const args = commands.action.map(arg => (arg === 'site-url=http://127.0.0.1:8080' ? `site-url=${edge}` : arg))
    const run = await runAction(args, env)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^ {2}verified: true$/m)
    expect(run.stdout).toMatch(/^ {2}status: Completed$/m)
    expect(run.stdout).toContain('Asked 8 URLs (E2QWRUHAPOMQZL at')

    const state = (await (await fetch(`${endpoint}/__emulator/state`)).json()) as { invalidations: StateInvalidation[] }
    expect(state.invalidations).toHaveLength(1)
    const [created] = state.invalidations as [StateInvalidation]
    expect(created).toMatchObject({ targetId: 'E2QWRUHAPOMQZL', status: 'Completed' })
    expect([...created.paths].sort()).toEqual(SECOND_SYNC_URLS)
    expect(run.stdout).toMatch(new RegExp(`^ {2}invalidation-id: ${created.id}$`, 'm'))

    // The third command: no distribution-id, a dry run; both distributions of the bucket are found.
    const third = ['sync-log=__fixtures__/aws-s3-sync/second-sync.log', 'dry-run=true']
    const contributing = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8').replace(/\s+/g, ' ')
    expect(contributing).toContain(`npm run action -- ${third.join(' ')}`)
    const dryRun = await runAction(third, env)
    expect(dryRun.code).toBe(0)
    expect(dryRun.stdout).toContain('bucket my-site-bucket → E2QWRUHAPOMQZL, EDOCSEXAMPLE01')
    expect(dryRun.stdout).toContain('"/getting%20started/faq.html"')
    expect(dryRun.stdout).toContain('Dry run: 2 requests would be sent; none was.')
  }, 120_000)

  it('with --edge alone, serves the example site as the fixtures’ bucket on the default distribution', async () => {
    const out = await startEmulator(['--edge'], /^Bucket my-site-bucket:/m)
    expect(out).toContain('(distributions: E2QWRUHAPOMQZL)')
    expect(out).toContain('my-site-bucket.s3-website-us-east-1.amazonaws.com')
    const answer = await fetch(`${urlAfter(out, 'Edge of E2QWRUHAPOMQZL:')}/blog/`)
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe(readFileSync(join(ROOT, 'emulator', 'example-site', 'blog', 'index.html'), 'utf8'))
  }, 60_000)
})

describe('npm run emulator -- --bucket NAME=DIR --distribution ID', () => {
  it('serves the folder as that bucket, through the distribution named by ID', async () => {
    const folder = join(dir, 'public')
    mkdirSync(join(folder, 'blog'), { recursive: true })
    writeFileSync(join(folder, 'blog', 'index.html'), '<h1>www-prod</h1>')
    const out = await startEmulator(
      ['--bucket', `www-prod=${folder}`, '--distribution', 'EWWWPROD000001'],
      /^Bucket www-prod:/m
    )
    expect(out).toContain('(distributions: EWWWPROD000001)')
    expect(out).toContain('www-prod.s3-website-us-east-1.amazonaws.com')
    const edge = urlAfter(out, 'Edge of EWWWPROD000001:')
    const page = await fetch(`${edge}/blog/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toBe('<h1>www-prod</h1>')
    // A folder without its slash: the website endpoint's redirect, through the edge.
    const bare = await fetch(`${edge}/blog`, { redirect: 'manual' })
    expect(bare.status).toBe(302)
  }, 60_000)
})

describe('npm run emulator -- --help', () => {
  it('lists the endpoint, the edge, the buckets and the config file, and where its shape is documented', () => {
    const help = spawnSync(process.execPath, [TSX, CLI, '--help'], { cwd: ROOT, encoding: 'utf8' })
    expect(help.status).toBe(0)
    for (const option of [
      '--config FILE',
      '--port N',
      '--distribution ID',
      '--distributions-file FILE',
      '--tenant ID',
      '--completion-delay-ms N',
      '--edge ',
      '--edge-port N',
      '--bucket NAME=DIR',
      '--verbose',
      '--help'
    ]) {
      expect(help.stdout).toContain(option)
    }
    for (const field of CONFIG_FIELDS) expect(help.stdout).toContain(field)
    expect(help.stdout).toContain('emulator/example-config.json')
    expect(help.stdout).toContain('my-site-bucket')
  })

  it("CONTRIBUTING's emulator section documents every field of the config file", () => {
    const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8')
    const section = text.slice(text.indexOf('## The local CloudFront endpoint'))
    for (const field of [
      ...CONFIG_FIELDS,
      'aliases',
      'tags',
      'origins',
      'originPath',
      'behaviors',
      'defaultRootObject'
    ]) {
      expect(section).toContain(`\`${field}\``)
    }
  })
})

describe('mistakes in the flags or the config', () => {
  function refused(args: string[]): { status: number | null; stderr: string } {
    const result = spawnSync(process.execPath, [TSX, CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    return { status: result.status, stderr: result.stderr }
  }

  it.each([
    ['a misspelt field', { distribtions: [] }, '--config FILE: unknown field "distribtions"'],
    [
      'an origin path with a slash at its end',
      {
        distributions: [{ id: 'EBAD', origins: [{ id: 'o', domainName: 'b.s3.amazonaws.com', originPath: '/docs/' }] }]
      },
      'origin o has OriginPath "/docs/"'
    ],
    [
      'a port that is not a number',
      { port: '4566' },
      '--config FILE: port must be a whole number of 0 or more, not "4566"'
    ],
    [
      'a bucket folder that does not exist',
      { buckets: { 'my-site-bucket': 'no-such-folder' } },
      'the folder of bucket my-site-bucket, "no-such-folder"'
    ]
  ])('%s', (_what, config, message) => {
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify(config))
    const result = refused(['--config', file])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain(message.replace('FILE', file))
  })

  it('a distribution described twice', () => {
    const file = join(dir, 'twice.json')
    writeFileSync(file, '\uFEFF' + JSON.stringify({ distributions: ['E2QWRUHAPOMQZL'] }))
    const result = refused(['--config', file, '--distribution', 'E2QWRUHAPOMQZL'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('The distribution E2QWRUHAPOMQZL is described twice')
  })

  it('a --bucket that is not NAME=DIR', () => {
    const result = refused(['--bucket', 'my-site-bucket'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--bucket "my-site-bucket" is not NAME=DIR')
  })
})
