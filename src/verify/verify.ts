import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Agent as HttpAgent } from 'node:http'
import type { Target } from '../targets.js'
import { expectedFile, fileUnder, type UrlMapping } from './expected.js'
import { askEdge, CONCURRENCY, eachLimited } from './fetch.js'
import { judge, type Asked, type Expectation, type Verdict } from './judge.js'
import type { Selection } from './select.js'
import { messageOf } from '../errors.js'

/** One distribution to verify: where to ask, and which URLs. */
export interface VerifyTarget {
  target: Target
  /** The base URL visitors use (https://d111111abcdef8.cloudfront.net, or site-url), or why it is unknown. */
  base: string | { unknown: string }
  mapping: UrlMapping
  /** The URLs to ask (verify/urls.ts). */
  selection: Selection
  /** What the sync-log says of the URLs (undefined without one): uploaded ones must not answer 404. */
  changes?: { uploaded: ReadonlySet<string>; deleted: ReadonlySet<string> } | undefined
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

/** One URL asked, and the verdict: the last answer's, or the stale one that evidence keeps. */
export interface UrlCheck {
  target: Target
  path: string
  url: string
  expected: Expectation
  asked: Asked
  verdict: Verdict
  /** Every answer, in order, with its verdict: a stale one stands whatever the later asks say, unless the page is then served. */
  history: { asked: Asked; verdict: Verdict }[]
}

export interface Verification {
  checks: UrlCheck[]
  /** Per distribution (in the order given): which of its paths were asked. */
  selections: { target: Target; base: string | { unknown: string }; selection: Selection }[]
  /** How long stale URLs were asked again, in ms (about 0 when none was stale at first). */
  retriedForMs: number
  /** The URLs wait-timeout left never asked (a URL seen stale stays stale: it is not among them). */
  outOfTime: UrlCheck[]
}

/** How long a stale URL is asked again: an edge location can lag the Completed status by a moment. */
const STALE_RETRY_MS = 20_000
const FIRST_RETRY_MS = 1_000

/**
 * Asks each distribution's edge for the URLs its invalidations were meant to refresh, as a visitor
 * would, and judges every answer. A stale answer is asked again, after 1, 2, 4, 8 s… for up to 20 s
 * (within wait-timeout): an edge location can lag the Completed status by a moment, and a page that is
 * then served the deploy passes. A page that never is stays stale, whether the later asks showed it
 * stale again, failed, or never happened for lack of time.
 */
export async function verifyDeploy(targets: readonly VerifyTarget[], deps: VerifyDeps): Promise<Verification> {
  const digests = new Map<string, Promise<string>>()
  const checks: UrlCheck[] = []
  const askable: UrlCheck[] = []
  const selections: Verification['selections'] = []
  for (const { target, base, mapping, selection, changes } of targets) {
    selections.push({ target, base, selection })
    const expectations = await Promise.all(
      selection.urls.map(path => expectationFor(path, mapping, changes, deps.siteDir, digests, deps.signal))
    )
    for (const [index, path] of selection.urls.entries()) {
      const expected = expectations[index] as Expectation
      if (typeof base === 'string') {
        const check: UrlCheck = {
          target,
          path,
          url: joinUrl(base, path),
          expected,
          asked: NOT_ASKED,
          verdict: NOT_JUDGED,
          history: []
        }
        checks.push(check)
        askable.push(check)
      } else {
        // No address to ask at (the domain name could not be read): nothing to judge, said once per URL.
        const asked = { unreachable: base.unknown }
        const verdict = judge(asked, expected, 0)
        checks.push({ target, path, url: path, expected, asked, verdict, history: [] })
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
  // Evidence stands: a URL seen stale stays stale unless a later answer shows the deploy (an edge
  // location lagging the Completed status); a failed re-ask or the deadline does not erase it.
  const unasked = askable.filter(check => check.asked === NOT_ASKED)
  for (const check of unasked) check.verdict = { outcome: 'unverifiable', why: 'no answer before wait-timeout ran out' }
  return { checks, selections, retriedForMs, outOfTime: unasked }
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
    const verdict = judge(asked, check.expected, (deps.now() - deps.invalidatedAt) / 1000)
    check.history.push({ asked, verdict })
    // A stale verdict is evidence: only an answer that serves the deploy replaces it (the page itself,
    // fresh), never a failure to answer, a refusal, a redirect or a 404.
    if (check.verdict.outcome === 'stale' && !(verdict.outcome === 'served' && verdict.weak !== true)) {
      if (verdict.outcome === 'stale') Object.assign(check, { asked, verdict })
      return
    }
    check.asked = asked
    check.verdict = verdict
  })
}

function staleOf(checks: readonly UrlCheck[]): UrlCheck[] {
  return checks.filter(check => check.verdict.outcome === 'stale')
}

/**
 * The base URL and the path, keeping the base's own path prefix (https://example.com/docs + /a.html)
 * and dropping a query string or fragment it ends with (even a bare `?` or `#`, which URL parsing
 * leaves empty): appended after one, every path would ask for the same page.
 */
export function joinUrl(base: string, path: string): string {
  const url = new URL(base)
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`
}

/**
 * What the URL should serve: with site-dir, the bytes of its file there (hashed as a stream, so memory
 * does not grow with the file), or, when the folder holds no such file, any fresh answer for an object
 * the deploy deleted, and a fresh answer other than 404 for one its sync-log says it uploaded. A file
 * that cannot be read, or a folder where the URL names a file, is judged by freshness alone and
 * otherwise "not checked". Without site-dir: the sync-log's uploaded objects must not be missing; the
 * rest must be fresh.
 */
async function expectationFor(
  path: string,
  mapping: UrlMapping,
  changes: VerifyTarget['changes'],
  siteDir: string | undefined,
  digests: Map<string, Promise<string>>,
  signal: AbortSignal
): Promise<Expectation> {
  const named = expectedFile(path, mapping)
  const changed = (): Expectation => {
    const file = named ?? path
    if (changes?.deleted.has(path)) return { kind: 'absent', file }
    if (changes?.uploaded.has(path)) return { kind: 'present', file }
    return siteDir === undefined ? { kind: 'fresh' } : { kind: 'absent', file }
  }
  if (siteDir === undefined) return changes === undefined ? { kind: 'fresh' } : changed()
  const fullName = named === undefined ? undefined : fileUnder(siteDir, named)
  if (named === undefined || fullName === undefined) return { kind: 'fresh' }
  let kind: 'file' | 'none' | 'folder' | 'special'
  try {
    const stats = await stat(fullName)
    kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'special'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return unreadable(named, messageOf(error))
    kind = 'none'
  }
  if (kind === 'folder') return unreadable(named, 'site-dir holds a folder of that name, not a file')
  // A named pipe or a device is never read: reading one could block the step.
  if (kind === 'special') return unreadable(named, 'it is not a regular file')
  if (kind === 'none') return changed()
  let digest = digests.get(fullName)
  if (digest === undefined) digests.set(fullName, (digest = hashFile(fullName, signal)))
  try {
    return { kind: 'bytes', file: named, digest: await digest }
  } catch (error) {
    if (signal.aborted)
      return unreadable(named, 'the step stopped hashing it: wait-timeout ran out or the run was cancelled')
    return unreadable(named, messageOf(error))
  }
}

function unreadable(file: string, why: string): Expectation {
  return { kind: 'unreadable', file, why: `${file} in site-dir could not be read (${why})` }
}

/** The file's SHA-256, read as a stream; the step's signal stops it (a file of many GiB takes a minute). */
async function hashFile(name: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(name, { signal })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
