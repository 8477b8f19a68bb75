import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import type { Agent as HttpAgent } from 'node:http'
import type { Target } from '../targets.js'
import { expectedFile, fileUnder, type UrlMapping } from './expected.js'
import { askEdge, CONCURRENCY, eachLimited } from './fetch.js'
import { judge, type Asked, type Expectation, type Verdict } from './judge.js'
import { selectUrls, type Selection } from './select.js'

/** One distribution to verify: where to ask, and the paths its invalidations named. */
export interface VerifyTarget {
  target: Target
  /** The base URL visitors use (https://d111111abcdef8.cloudfront.net, or site-url), or why it is unknown. */
  base: string | { unknown: string }
  mapping: UrlMapping
  items: readonly string[]
}

export interface VerifyDeps {
  /** The deployed folder (site-dir), resolved; undefined: freshness only. */
  siteDir: string | undefined
  /** When the step began creating invalidations (epoch ms): a copy older than this is certainly stale. */
  invalidatedAt: number
  /**
   * The step's wait-timeout (epoch ms, on `now`): no URL is asked, or asked again, past it; `signal`
   * (wait-timeout and a grace) aborts the requests still in flight. What it leaves is not checked.
   */
  deadline: number
  agent: HttpAgent | undefined
  signal: AbortSignal
  now: () => number
  sleep: (ms: number, signal: AbortSignal) => Promise<unknown>
  log: (line: string) => void
}

/** One URL asked, and the verdict on its last answer. */
export interface UrlCheck {
  target: Target
  path: string
  url: string
  expected: Expectation
  asked: Asked
  verdict: Verdict
}

export interface Verification {
  checks: UrlCheck[]
  /** Per distribution (in the order given): which of its paths were asked. */
  selections: { target: Target; base: string | { unknown: string }; selection: Selection }[]
  /** How long stale URLs were asked again, in ms (about 0 when none was stale at first). */
  retriedForMs: number
  /** The URLs wait-timeout left not checked: never asked, or stale and not asked again for long enough. */
  outOfTime: UrlCheck[]
}

/** How long a stale URL is asked again: an edge location can lag the Completed status by a moment. */
const STALE_RETRY_MS = 20_000
const FIRST_RETRY_MS = 1_000

/**
 * Asks each distribution's edge for the URLs its invalidations named, as a visitor would, and judges
 * every answer. A stale answer is asked again, after 1, 2, 4, 8 s… for up to 20 s: an edge location
 * can lag the Completed status by a moment, and only a page still stale after that is reported.
 */
export async function verifyDeploy(targets: readonly VerifyTarget[], deps: VerifyDeps): Promise<Verification> {
  const digests = new Map<string, string>()
  const checks: UrlCheck[] = []
  const askable: UrlCheck[] = []
  const selections: Verification['selections'] = []
  for (const { target, base, mapping, items } of targets) {
    const selection = selectUrls(items)
    selections.push({ target, base, selection })
    for (const path of selection.urls) {
      const expected = expectationFor(path, mapping, deps.siteDir, digests)
      if (typeof base === 'string') {
        const check: UrlCheck = {
          target,
          path,
          url: joinUrl(base, path),
          expected,
          asked: NOT_ASKED,
          verdict: NOT_JUDGED
        }
        checks.push(check)
        askable.push(check)
      } else {
        // No address to ask at (the domain name could not be read): nothing to judge, said once per URL.
        const asked = { unreachable: base.unknown }
        checks.push({ target, path, url: path, expected, asked, verdict: judge(asked, expected, 0) })
      }
    }
  }
  await askAll(askable, deps)

  const started = deps.now()
  const until = Math.min(started + STALE_RETRY_MS, deps.deadline)
  let delay = FIRST_RETRY_MS
  let stale = staleOf(askable)
  for (; stale.length > 0 && deps.now() < until && !outOfTime(deps); stale = staleOf(stale)) {
    deps.log(`${stale.length} URL${stale.length === 1 ? '' : 's'} stale; asking again in ${delay / 1000} s`)
    await sleepUnlessOutOfTime(Math.min(delay, until - deps.now()), deps)
    await askAll(stale, deps)
    delay *= 2
  }
  const retriedForMs = deps.now() - started
  // Only a page still stale after 20 s of asking again is reported stale: an edge location can lag.
  const unconfirmed = retriedForMs < STALE_RETRY_MS ? stale : []
  for (const check of unconfirmed) {
    check.verdict = {
      outcome: 'unverifiable',
      why: `stale, and wait-timeout ran out after ${Math.round(retriedForMs / 1000)} s of the ${STALE_RETRY_MS / 1000} s of asking again that an edge may need`
    }
  }
  const unasked = askable.filter(check => check.asked === NOT_ASKED)
  for (const check of unasked) check.verdict = { outcome: 'unverifiable', why: 'no answer before wait-timeout ran out' }
  return { checks, selections, retriedForMs, outOfTime: [...unconfirmed, ...unasked] }
}

const NOT_ASKED: Asked = { unreachable: 'not asked' }
const NOT_JUDGED: Verdict = { outcome: 'unverifiable', why: 'not asked' }

/**
 * Whether the step's deadline has passed: wait-timeout on the step's clock, or the signal it aborts
 * with. A cancelled run is not out of time: it stops the step, as it stops the wait.
 */
function outOfTime(deps: VerifyDeps): boolean {
  if (deps.signal.aborted && (deps.signal.reason as { name?: unknown } | undefined)?.name !== 'TimeoutError') {
    throw deps.signal.reason
  }
  return deps.signal.aborted || deps.now() >= deps.deadline
}

async function sleepUnlessOutOfTime(ms: number, deps: VerifyDeps): Promise<void> {
  try {
    await deps.sleep(ms, deps.signal)
  } catch (error) {
    if (!outOfTime(deps)) throw error
  }
}

/** Asks each URL once; none is asked past the deadline, and one the deadline cut off stays not asked. */
async function askAll(checks: readonly UrlCheck[], deps: VerifyDeps): Promise<void> {
  await eachLimited(checks, CONCURRENCY, async check => {
    if (outOfTime(deps)) return
    const asked = await askEdge(new URL(check.url), { agent: deps.agent, signal: deps.signal })
    if ('unreachable' in asked && outOfTime(deps)) return
    check.asked = asked
    check.verdict = judge(check.asked, check.expected, (deps.now() - deps.invalidatedAt) / 1000)
  })
}

function staleOf(checks: readonly UrlCheck[]): UrlCheck[] {
  return checks.filter(check => check.verdict.outcome === 'stale')
}

/** The base URL and the path, keeping the base's own path prefix (https://example.com/docs + /a.html). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`
}

/**
 * What the URL should serve: with site-dir, the bytes of its file there, or, when the folder holds no
 * such file (the deploy deleted it), any fresh answer; without site-dir, any fresh answer.
 */
function expectationFor(
  path: string,
  mapping: UrlMapping,
  siteDir: string | undefined,
  digests: Map<string, string>
): Expectation {
  if (siteDir === undefined) return { kind: 'fresh' }
  const file = expectedFile(path, mapping)
  const fullName = file === undefined ? undefined : fileUnder(siteDir, file)
  if (file === undefined || fullName === undefined) return { kind: 'fresh' }
  let digest = digests.get(fullName)
  if (digest === undefined) {
    if (!isFile(fullName)) return { kind: 'absent', file }
    digest = createHash('sha256').update(readFileSync(fullName)).digest('hex')
    digests.set(fullName, digest)
  }
  return { kind: 'bytes', file, digest }
}

function isFile(name: string): boolean {
  try {
    return statSync(name).isFile()
  } catch {
    return false
  }
}
