// The benchmark: this action (dist/index.js under Node 24) against the AWS CLI v2 and the SDK's stock
// waiter, all on loopback against the project's CloudFront emulator, pairs interleaved so machine
// noise hits both sides. Prints a table of medians and ratios and writes it as JSON; a full run also
// writes the table into bench/results/RESULTS.md.
//   npm run bench              full run (about 15 minutes: it waits for invalidations of up to 120 s)
//   npm run bench -- --short   a quick pass that only checks the benchmark still runs
//   npm run bench -- --matrix  only the twelve-job matrix (bench/matrix.ts), at 3 s and 10 s completions
//   npm run bench -- --bounds  only a step held in each stage with wait-timeout 6 (promised: 11 s at most)
import { execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { format, resolveConfig } from 'prettier'
import { CloudFrontEmulator, type Fault } from '../emulator/server.js'
import { matchesPathPattern } from '../src/routing/path-pattern.js'
import { writeSyncLog } from './sync-log-fixture.js'
import { verifyCost, type VerifyCost } from './verify-cost.js'
import { matrixRound, type MatrixResult } from './matrix.js'
import { DIST, FAKE_CREDENTIALS, ROOT, distChunks, inputEnv, node24, parseOutputFile } from '../__fixtures__/runner.js'

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    matrix: { type: 'boolean', default: false },
    bounds: { type: 'boolean', default: false }
  }
})
const SHORT = values.short
// The short pass runs the matrix with 1 s completions (about 5 s), only to check that it runs.
const MATRIX_COMPLETIONS_S = SHORT ? [1] : [3, 10]
const AWS = process.env.AWS_CLI ?? '/usr/bin/aws'
const STARTUP_ROUNDS = SHORT ? 2 : 10
const WAIT_ROUNDS = SHORT ? 1 : 3
const PATHS_ROUNDS = SHORT ? 1 : 5
const DELAYS_S = SHORT ? [2] : [2, 10, 30, 120]
const VERIFY_ROUNDS = SHORT ? 1 : 5
const work = mkdtempSync(join(tmpdir(), 'cf-bench-'))

const emulator = new CloudFrontEmulator()
const endpoint = await emulator.start()
let nextId = 0
/**
 * A distribution of its own for each run, so runs in parallel never share limits or requests; with a
 * bucket, its one origin serves that bucket (what a sync-log step reads through GetDistribution).
 */
function freshDistribution(bucket?: string): string {
  const id = `EBENCH${String(nextId++).padStart(8, '0')}`
  emulator.addDistribution(
    bucket === undefined ? id : { id, origins: [{ id: 'site', domainName: `${bucket}.s3.us-east-1.amazonaws.com` }] }
  )
  return id
}

const baseEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: work,
  ...FAKE_CREDENTIALS,
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: join(work, 'aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(work, 'aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: ''
}

interface Exit {
  startedAt: number
  endedAt: number
  code: number | null
  output: string
}

function spawnTimed(command: string, args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise(resolve => {
    const startedAt = Date.now()
    const child = spawn(command, args, { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    child.on('close', code => resolve({ startedAt, endedAt: Date.now(), code, output }))
  })
}

function runActionProcess(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<Exit> {
  const env = {
    ...baseEnv,
    GITHUB_OUTPUT: join(work, 'out'),
    AWS_ENDPOINT_URL_CLOUDFRONT: endpoint,
    ...inputEnv(inputs),
    ...extraEnv
  }
  writeFileSync(join(work, 'out'), '')
  return spawnTimed(node24(), [DIST], env)
}

function runCli(...args: string[]): Promise<Exit> {
  return spawnTimed(AWS, ['--endpoint-url', endpoint, '--output', 'json', 'cloudfront', ...args], { ...baseEnv })
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? (s[mid] as number)
      : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
function check(exit: Exit, what: string): void {
  if (exit.code !== 0) throw new Error(`${what} failed (exit ${exit.code}):\n${exit.output}`)
}

/**
 * Process start to the first CreateInvalidation reaching the server; and, as a yardstick of how busy
 * the machine is during the run, Node 24 starting and exiting on an empty script.
 */
async function startupRound(): Promise<{ action: number; cli: number; nodeEmpty: number }> {
  const measure = async (start: (dist: string) => Promise<Exit>, what: string) => {
    const dist = freshDistribution()
    const exit = await start(dist)
    check(exit, what)
    const first = emulator.requests.find(r => r.operation === 'CreateInvalidation' && r.url.includes(dist))
    if (!first) throw new Error(`${what}: no CreateInvalidation reached the server`)
    return first.at - exit.startedAt
  }
  // Alternate which goes first, so drift hits both sides.
  const action = () =>
    measure(dist => runActionProcess({ 'distribution-id': dist, paths: '/index.html\n/assets/*' }), 'the action')
  const cli = () =>
    measure(
      dist => runCli('create-invalidation', '--distribution-id', dist, '--paths', '/index.html', '/assets/*'),
      'aws cloudfront create-invalidation'
    )
  const empty = await spawnTimed(node24(), ['-e', '0'], baseEnv)
  check(empty, 'node -e 0')
  const nodeEmpty = empty.endedAt - empty.startedAt
  if (Math.random() < 0.5) {
    const a = await action()
    return { action: a, cli: await cli(), nodeEmpty }
  }
  const c = await cli()
  return { action: await action(), cli: c, nodeEmpty }
}

const SDK_WAITER_SCRIPT = join(work, 'sdk-waiter.mjs')
writeFileSync(
  SDK_WAITER_SCRIPT,
  `import { CloudFrontClient, waitUntilInvalidationCompleted } from ${JSON.stringify(join(ROOT, 'node_modules/@aws-sdk/client-cloudfront/dist-cjs/index.js'))}
const [distributionId, id] = process.argv.slice(2)
const client = new CloudFrontClient({ region: 'us-east-1', endpoint: process.env.AWS_ENDPOINT_URL_CLOUDFRONT })
await waitUntilInvalidationCompleted({ client, maxWaitTime: 900 }, { DistributionId: distributionId, Id: id })
`
)

/** Creates an invalidation in the emulator directly, for the waiters that only wait. */
async function createFor(delayMs: number): Promise<{ dist: string; id: string; completesAt: number }> {
  const dist = freshDistribution()
  emulator.setCompletionDelayFor(dist, delayMs)
  const exit = await runCli('create-invalidation', '--distribution-id', dist, '--paths', '/index.html')
  check(exit, 'create for a waiter')
  const created = emulator.invalidations.find(i => i.targetId === dist)
  if (!created) throw new Error('no invalidation')
  return { dist, id: created.id, completesAt: created.completesAt }
}

interface WaitSample {
  delay: number
  tool: 'action' | 'cli' | 'sdk'
  lagMs: number
  polls: number[]
  createdAt: number
}

/** From the moment the server reports Completed to the waiter's exit. */
async function waitRound(delayS: number): Promise<WaitSample[]> {
  const delayMs = delayS * 1000
  const action = (async (): Promise<WaitSample> => {
    const dist = freshDistribution()
    emulator.setCompletionDelayFor(dist, delayMs)
    const exit = await runActionProcess({
      'distribution-id': dist,
      paths: '/index.html',
      wait: 'true',
      'wait-timeout': '900'
    })
    check(exit, 'the action with wait: true')
    const inv = emulator.invalidations.find(i => i.targetId === dist)
    if (!inv) throw new Error('no invalidation from the action')
    const polls = emulator.requests
      .filter(r => r.operation === 'GetInvalidation' && r.url.includes(dist))
      .map(r => r.at)
    return { delay: delayS, tool: 'action', lagMs: exit.endedAt - inv.completesAt, polls, createdAt: inv.createdAt }
  })()
  const cli = (async (): Promise<WaitSample> => {
    const { dist, id, completesAt } = await createFor(delayMs)
    const exit = await runCli('wait', 'invalidation-completed', '--distribution-id', dist, '--id', id)
    check(exit, 'aws cloudfront wait invalidation-completed')
    const polls = emulator.requests
      .filter(r => r.operation === 'GetInvalidation' && r.url.includes(dist))
      .map(r => r.at)
    return { delay: delayS, tool: 'cli', lagMs: exit.endedAt - completesAt, polls, createdAt: completesAt - delayMs }
  })()
  const sdk = (async (): Promise<WaitSample> => {
    const { dist, id, completesAt } = await createFor(delayMs)
    const exit = await spawnTimed(node24(), [SDK_WAITER_SCRIPT, dist, id], {
      ...baseEnv,
      AWS_ENDPOINT_URL_CLOUDFRONT: endpoint
    })
    check(exit, 'the SDK stock waiter')
    const polls = emulator.requests
      .filter(r => r.operation === 'GetInvalidation' && r.url.includes(dist))
      .map(r => r.at)
    return { delay: delayS, tool: 'sdk', lagMs: exit.endedAt - completesAt, polls, createdAt: completesAt - delayMs }
  })()
  return Promise.all([action, cli, sdk])
}

/** The action's poll budget, from its own polls: most calls in any 1 s of the first 10 s, shortest gap after a minute. */
function pollBudget(samples: WaitSample[]): { maxPerSecondFirst10s: number; minGapAfter60sS: number | undefined } {
  let maxPerSecond = 0
  let minGap: number | undefined
  for (const s of samples.filter(x => x.tool === 'action')) {
    const early = s.polls.filter(t => t - s.createdAt < 10_000)
    for (const t of early) maxPerSecond = Math.max(maxPerSecond, early.filter(u => u >= t && u < t + 1000).length)
    const late = s.polls.filter(t => t - s.createdAt >= 60_000)
    for (let i = 1; i < late.length; i++) {
      const gap = ((late[i] as number) - (late[i - 1] as number)) / 1000
      minGap = minGap === undefined ? gap : Math.min(minGap, gap)
    }
  }
  return { maxPerSecondFirst10s: maxPerSecond, minGapAfter60sS: minGap }
}

/** Several invalidations in one step share the budget: the calls of a 3-distribution wait. */
async function sharedBudget(): Promise<number> {
  const dists = [freshDistribution(), freshDistribution(), freshDistribution()]
  for (const dist of dists) emulator.setCompletionDelayFor(dist, 8000)
  const exit = await runActionProcess({ 'distribution-id': dists.join(' '), paths: '/index.html', wait: 'true' })
  check(exit, 'the action on three distributions')
  const polls = emulator.requests
    .filter(r => r.operation === 'GetInvalidation' && dists.some(d => r.url.includes(d)))
    .map(r => r.at)
  const start = Math.min(...emulator.invalidations.filter(i => dists.includes(i.targetId)).map(i => i.createdAt))
  const early = polls.filter(t => t - start < 10_000)
  let max = 0
  for (const t of early) max = Math.max(max, early.filter(u => u >= t && u < t + 1000).length)
  return max
}

interface ConfigurationSample {
  /** What the action logged: GetDistribution, and every key of the log mapped through the configuration. */
  readMs: number
  startToCreateMs: number
}

/** A sync-log step (bucket my-site-bucket, as the logs are) whose distribution's configuration is read. */
async function configurationRound(log: string): Promise<ConfigurationSample> {
  const dist = freshDistribution('my-site-bucket')
  const exit = await runActionProcess({ 'distribution-id': dist, 'sync-log': log, 'max-paths': '1000' })
  check(exit, 'the action with sync-log')
  const read = /Read and mapped in (\d+) ms/.exec(exit.output)
  const first = emulator.requests.find(r => r.operation === 'CreateInvalidation' && r.url.includes(dist))
  if (!read || !first) throw new Error(`the sync-log step read no configuration or created nothing:\n${exit.output}`)
  return { readMs: Number(read[1]), startToCreateMs: first.at - exit.startedAt }
}

/**
 * How long a step runs when one stage never answers, with wait-timeout 6: every try of that call is
 * held 15 s (longer than the SDK's 10 s per try), so only the step's own clock ends it. Process start
 * to exit, as the runner counts it; the README promises wait-timeout plus 5 s at most.
 */
async function boundRound(stage: 'lookup' | 'configuration' | 'create'): Promise<number> {
  const operation: Fault['operation'] =
    stage === 'lookup' ? 'ListDistributions' : stage === 'configuration' ? 'GetDistribution' : 'CreateInvalidation'
  const dist = freshDistribution('my-site-bucket')
  const log = join(work, 'bound-sync.log')
  writeFileSync(log, readFileSync(join(ROOT, '__fixtures__', 'aws-s3-sync', 'second-sync.log')))
  emulator.injectFault({ operation, kind: 'delay', delayMs: 15_000, count: 20 })
  try {
    const exit = await runActionProcess({
      ...(stage === 'lookup' ? {} : { 'distribution-id': dist }),
      ...(stage === 'create' ? { paths: '/index.html' } : { 'sync-log': log }),
      'wait-timeout': '6'
    })
    if (exit.code !== 1 || !exit.output.includes('wait-timeout (6 s) ran out while')) {
      throw new Error(`a step held in its ${stage} did not end at wait-timeout:\n${exit.output}`)
    }
    return exit.endedAt - exit.startedAt
  } finally {
    emulator.clearFaults()
  }
}

/** The cache-behavior path-pattern walk at its worst: 100 stars that cannot match a 2,000-character path. */
function pathPatternWorstMs(): number {
  const started = performance.now()
  const rounds = 20
  for (let i = 0; i < rounds; i++) matchesPathPattern(`${'*a'.repeat(100)}b`, `/${'a'.repeat(2000)}`)
  return (performance.now() - started) / rounds
}

/** A paths-file as a deploy script writes it from an S3 sync: no leading slash, spaces, non-ASCII, 1% duplicates, 20 wildcards. */
function writeSyncList(count: number): string {
  const names = [
    'index.html',
    'app.3f9a1c.js',
    'caf\u00e9 cr\u00e8me.html',
    '\u65e5\u672c\u8a9e.png',
    'a b [1].css',
    'feed.xml'
  ]
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const n = i % 100 === 99 ? i - 1 : i
    lines.push(`site/section-${n % 97}/page-${n}/${names[n % names.length]}`)
  }
  for (let w = 0; w < 20; w++) lines.push(`/site/section-${w * 3}/*`)
  const file = join(work, `paths-${count}.txt`)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

interface PathsCost {
  count: number
  ms: number
  readMs: number
  planMs: number
  peakRssMb: number
  sent: number
  wildcards: number | undefined
  unchangedRefreshed: number | undefined
}
/** Everything before the first request, under Node 24, in a process of its own. */
function pathsCost(count: number, inputs: Record<string, string>): Promise<PathsCost> {
  return new Promise((resolve, reject) => {
    execFile(
      node24(),
      ['--import', 'tsx', join(ROOT, 'bench', 'paths-cost.ts'), JSON.stringify(inputs), String(count)],
      { cwd: ROOT, maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as PathsCost))
    )
  })
}

/** The run of median total time of PATHS_ROUNDS processes, reported whole. */
async function medianCost(count: number, inputs: Record<string, string>): Promise<PathsCost & { rounds: number }> {
  const runs: PathsCost[] = []
  for (let i = 0; i < PATHS_ROUNDS; i++) runs.push(await pathsCost(count, inputs))
  runs.sort((a, b) => a.ms - b.ms)
  return { ...(runs[Math.floor(runs.length / 2)] as PathsCost), rounds: runs.length }
}

/** The twelve-job matrix at each completion time, alone on the machine (each step is a Node process). */
async function matrix(): Promise<MatrixResult[]> {
  const results: MatrixResult[] = []
  for (const completionS of MATRIX_COMPLETIONS_S) {
    results.push(await matrixRound(emulator, freshDistribution(), completionS, runActionProcess))
  }
  return results
}

function matrixLines(results: readonly MatrixResult[], f: (n: number | undefined, digits?: number) => string) {
  return results.map(
    m =>
      `| twelve jobs at once on one distribution, 4 wildcards + 300 files each, invalidations of ${m.completionS} s: first create to last exit (limits allow ${m.limitBoundS} s) | ${f(m.matrixS)} s = ${f(m.ratio, 2)}x the limit-bound time; API calls per step median ${m.callsPerStep.median}, max ${m.callsPerStep.max} (creates max ${m.createsPerStep.max}) | | | |`
  )
}

if (values.matrix) {
  try {
    const f = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits))
    const results = await matrix()
    console.log(matrixLines(results, f).join('\n'))
    console.log(JSON.stringify(results, null, 2))
  } finally {
    await emulator.stop()
  }
  process.exit(0)
}

// The step held in each stage, three rounds each: cheap (about 30 s a round) and worth seeing on a busy
// machine too, where the promise matters most; prints only, as --matrix does.
if (values.bounds) {
  try {
    for (const stage of ['lookup', 'configuration', 'create'] as const) {
      const rounds: number[] = []
      for (let i = 0; i < 3; i++) rounds.push(await boundRound(stage))
      const shown = rounds.map(ms => (ms / 1000).toFixed(1)).join(' / ')
      console.log(`wait-timeout 6, held in the ${stage}: process start to exit ${shown} s (promised: 11 s at most)`)
    }
  } finally {
    await emulator.stop()
  }
  process.exit(0)
}

try {
  const started = Date.now()
  const startup: { action: number; cli: number; nodeEmpty: number }[] = []
  for (let i = 0; i < STARTUP_ROUNDS; i++) startup.push(await startupRound())

  const waits: WaitSample[] = []
  for (let round = 0; round < WAIT_ROUNDS; round++) {
    // All delays of a round at once: each run has its own distribution, so they do not interfere.
    const rounds = await Promise.all(DELAYS_S.map(delay => waitRound(delay)))
    waits.push(...rounds.flat())
  }
  const shared = SHORT ? undefined : await sharedBudget()
  const matrixResults = await matrix()

  const paths = []
  for (const count of SHORT ? [10_000] : [10_000, 100_000, 1_000_000]) {
    paths.push(await medianCost(count, { 'paths-file': writeSyncList(count) }))
  }
  const syncLogLines = SHORT ? 10_000 : 100_000
  const siteDir = join(work, `site-${syncLogLines}`)
  const syncLogs = [
    await medianCost(syncLogLines, { 'sync-log': writeSyncLog(work, syncLogLines), 'max-paths': '1000' }),
    await medianCost(syncLogLines, {
      'sync-log': writeSyncLog(work, syncLogLines, siteDir),
      'max-paths': '1000',
      'site-dir': siteDir
    })
  ]

  // The real capture (6 objects) and the large generated log, each through a distribution's configuration.
  const realLog = join(work, 'second-sync.log')
  writeFileSync(realLog, readFileSync(join(ROOT, '__fixtures__', 'aws-s3-sync', 'second-sync.log')))
  const bigLog = writeSyncLog(work, syncLogLines)
  const configuration: { lines: string; samples: ConfigurationSample[] }[] = [
    { lines: 'the real 6-object capture', samples: [] },
    { lines: `${syncLogLines.toLocaleString('en-US')}-line`, samples: [] }
  ]
  for (let i = 0; i < STARTUP_ROUNDS; i++) {
    configuration[0]?.samples.push(await configurationRound(realLog))
    configuration[1]?.samples.push(await configurationRound(bigLog))
  }

  // One round each (three in a full run would take half a minute more for the same 10.5 s).
  const bounds = {
    waitTimeoutS: 6,
    lookupMs: SHORT ? undefined : await boundRound('lookup'),
    configurationMs: SHORT ? undefined : await boundRound('configuration'),
    createMs: await boundRound('create')
  }
  const pathPatternMs = pathPatternWorstMs()

  const verify: (VerifyCost & { rounds: number })[] = []
  for (const count of [10, 100]) {
    const runs: VerifyCost[] = []
    for (let i = 0; i < VERIFY_ROUNDS; i++) {
      const id = `EVERIFY${String(nextId++).padStart(8, '0')}`
      const outputs = () => parseOutputFile(readFileSync(join(work, 'out'), 'utf8'))
      runs.push(await verifyCost(emulator, work, id, count, runActionProcess, outputs))
    }
    runs.sort((a, b) => a.completionToVerifiedMs - b.completionToVerifiedMs)
    verify.push({ ...(runs[Math.floor(runs.length / 2)] as VerifyCost), rounds: runs.length })
  }

  const distBytes = statSync(DIST).size
  // Chunks (credential providers other than environment variables, ...) load only when a run needs one.
  const chunks = distChunks()
  const chunkBytes = chunks.reduce((sum, chunk) => sum + statSync(chunk).size, 0)
  const result = {
    date: new Date().toISOString(),
    mode: SHORT ? 'short' : 'full',
    node: (await spawnTimed(node24(), ['--version'], baseEnv)).output.trim(),
    awsCli: (await spawnTimed(AWS, ['--version'], baseEnv)).output.trim().split(' ')[0],
    startup: {
      rounds: STARTUP_ROUNDS,
      actionMedianMs: median(startup.map(s => s.action)),
      cliMedianMs: median(startup.map(s => s.cli)),
      cliOverAction: median(startup.map(s => s.cli)) / median(startup.map(s => s.action)),
      nodeEmptyMedianMs: median(startup.map(s => s.nodeEmpty))
    },
    completionNoticed: DELAYS_S.map(delay => {
      const of = (tool: WaitSample['tool']) =>
        waits.filter(w => w.delay === delay && w.tool === tool).map(w => w.lagMs / 1000)
      return {
        delayS: delay,
        rounds: WAIT_ROUNDS,
        actionMedianS: median(of('action')),
        cliMedianS: median(of('cli')),
        sdkStockMedianS: median(of('sdk'))
      }
    }),
    polls: { ...pollBudget(waits), sharedThreeDistributionsMaxPerSecondFirst10s: shared },
    paths,
    syncLogs,
    configuration: configuration.map(c => ({
      log: c.lines,
      rounds: c.samples.length,
      readMedianMs: median(c.samples.map(x => x.readMs)),
      startToCreateMedianMs: median(c.samples.map(x => x.startToCreateMs))
    })),
    verify,
    bounds,
    pathPatternMs,
    matrix: matrixResults,
    dist: { bytes: distBytes, gzipBytes: gzipSync(readFileSync(DIST)).length, chunks: chunks.length, chunkBytes },
    elapsedS: (Date.now() - started) / 1000
  }

  const f = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits))
  const lines = [
    `Benchmark (${result.mode}), ${result.node}, ${result.awsCli}, ${result.date}`,
    '',
    '| figure | this action | AWS CLI v2 | SDK stock waiter | ratio |',
    '|---|---|---|---|---|',
    `| start to first CreateInvalidation at the server, median of ${STARTUP_ROUNDS} | ${f(result.startup.actionMedianMs, 0)} ms | ${f(result.startup.cliMedianMs, 0)} ms | | CLI / action = ${f(result.startup.cliOverAction, 2)}x |`,
    `| yardstick: Node 24 running an empty script, start to exit, median of ${STARTUP_ROUNDS} (how busy the machine was) | ${f(result.startup.nodeEmptyMedianMs, 0)} ms | | | |`,
    ...result.completionNoticed.map(
      c =>
        `| completion noticed, invalidation of ${c.delayS} s, median of ${c.rounds} | ${f(c.actionMedianS)} s | ${f(c.cliMedianS)} s | ${f(c.sdkStockMedianS)} s | CLI / action = ${f(c.cliMedianS / c.actionMedianS)}x |`
    ),
    `| GetInvalidation calls: most in any second of the first 10 s | ${result.polls.maxPerSecondFirst10s} | | | |`,
    `| GetInvalidation calls: shortest gap after the first minute | ${f(result.polls.minGapAfter60sS)} s | | | |`,
    `| GetInvalidation calls, 3 distributions in one step: most in any second of the first 10 s | ${result.polls.sharedThreeDistributionsMaxPerSecondFirst10s ?? 'n/a'} | | | |`,
    ...matrixLines(result.matrix, f),
    ...result.paths.map(
      p =>
        `| ${p.count.toLocaleString('en-US')} paths from a paths-file: read, normalized, deduplicated, collapsed, batched, CallerReferences derived; median of ${p.rounds} | ${f(p.ms, 0)} ms (read ${f(p.readMs, 0)}, plan ${f(p.planMs, 0)}); peak RSS ${f(p.peakRssMb, 0)} MB | | | |`
    ),
    ...result.syncLogs.map(
      (p, i) =>
        `| ${p.count.toLocaleString('en-US')}-line sync log (real format, progress lines included): read, mapped, directory URLs, reduced to max-paths 1,000${i === 1 ? ' with site-dir (the site folder read too)' : ''}, batched, CallerReferences derived; median of ${p.rounds} | ${f(p.ms, 0)} ms (read ${f(p.readMs, 0)}, plan ${f(p.planMs, 0)}); peak RSS ${f(p.peakRssMb, 0)} MB; ${p.sent} paths sent, ${p.wildcards ?? 0} wildcards${p.unchangedRefreshed === undefined ? '' : `, ${p.unchangedRefreshed.toLocaleString('en-US')} unchanged files refreshed`} | | | |`
    ),
    ...result.configuration.map(
      c =>
        `| sync-log step (${c.log} log): reading the distribution's configuration (GetDistribution) and mapping every key through it, as the action logs it; median of ${c.rounds} | ${f(c.readMedianMs, 0)} ms (start to first CreateInvalidation ${f(c.startToCreateMedianMs, 0)} ms) | | | |`
    ),
    ...result.verify.map(
      v =>
        `| verify: from the poll that saw Completed to the step's exit, ${v.urls} URLs asked at the emulator's edge (site-dir bytes compared, cache warmed an hour before); median of ${v.rounds} | ${f(v.completionToVerifiedMs, 0)} ms (verified: ${v.verified}) | | | |`
    ),
    `| wait-timeout 6, a step held by a call that never answers (every try 15 s): process start to exit; held in the lookup / the configuration read / the create | ${f((result.bounds.lookupMs ?? Number.NaN) / 1000)} s / ${f((result.bounds.configurationMs ?? Number.NaN) / 1000)} s / ${f(result.bounds.createMs / 1000)} s (at most 11 s promised) | | | |`,
    `| a cache behavior's path pattern at its worst (100 stars that cannot match a 2,000-character path), one match | ${f(result.pathPatternMs, 2)} ms | | | |`,
    `| dist/index.js, the main chunk every run parses | ${(result.dist.bytes / 1024).toFixed(0)} KiB (${(result.dist.gzipBytes / 1024).toFixed(0)} KiB gzipped); ${result.dist.chunks} chunks loaded on demand, ${(result.dist.chunkBytes / 1024).toFixed(0)} KiB | | | |`
  ]
  console.log(lines.join('\n'))
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true })
  const file = join(ROOT, 'bench', 'results', SHORT ? 'short.tmp.json' : 'latest.json')
  writeFileSync(file, JSON.stringify({ ...result, table: lines }, null, 2) + '\n')
  console.log(`\nWritten to ${file} (${result.elapsedS.toFixed(0)} s)`)
  if (!SHORT) {
    // The table in the results file is this run's; the text around it (how to read it) is written by hand.
    const results = join(ROOT, 'bench', 'results', 'RESULTS.md')
    const text = readFileSync(results, 'utf8').replace(
      /(<!-- bench:start -->\n)[\s\S]*?(\n<!-- bench:end -->)/,
      (_, start: string, end: string) => `${start}${lines.join('\n')}\n${end}`
    )
    writeFileSync(results, await format(text, { ...(await resolveConfig(results)), filepath: results }))
    console.log(`Table written to ${results}: update the text around it, and the README's headline figures.`)
  }
} finally {
  await emulator.stop()
}
