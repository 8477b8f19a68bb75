import { redact } from '../report/redact.js'
import { shown } from '../report/shown.js'

/** What the edge answered to one GET, as much as judging and reporting it needs. */
export interface EdgeAnswer {
  status: number
  /** CloudFront's X-Cache header ("Hit from cloudfront", "Miss from cloudfront", …), if sent. */
  xCache: string | undefined
  /** The Age header in seconds, if sent and a number. */
  age: number | undefined
  location: string | undefined
  /** SHA-256 of the whole body, hex. */
  digest: string
  /** The body's first bytes, to show in a message. */
  head: Buffer
  length: number
  /** Whether CloudFront answered (X-Cache, Via or X-Amz-Cf-Id name it), not the origin or another server. */
  fromCloudFront?: boolean
}

/** One request's outcome: an answer, or why there was none (refused connection, timeout, TLS, proxy). */
export type Asked = { answer: EdgeAnswer } | { unreachable: string }

/** What a URL should serve after the deploy. */
export type Expectation =
  /** An uploaded or copied object: exactly the bytes of this file of site-dir. */
  | { kind: 'bytes'; file: string; digest: string }
  /** An object the deploy uploaded (its sync-log says so) whose bytes are not known: a fresh answer that is not 404 or 410. */
  | { kind: 'present'; file: string }
  /** A deleted object (site-dir holds no file for it): any answer, as long as it is not an old copy. */
  | { kind: 'absent'; file: string }
  /** site-dir names a file that cannot be read (permissions, a folder): only an old copy decides. */
  | { kind: 'unreadable'; file: string; why: string }
  /** No site-dir: a fresh answer, that is not a copy cached before the invalidation. */
  | { kind: 'fresh' }

export type Verdict =
  /**
   * The URL serves the deploy. `weak`: only as far as a refusal, a redirect or a 404 can show it (a
   * deleted object's 403 or 404, a redirect, a 404 where nothing says a file should be): an edge that
   * refuses every request, or a site-url with a wrong path, answers the same, so weak answers alone
   * verify nothing.
   */
  | { outcome: 'served'; how: string; weak?: true }
  /** Positive evidence that the edge does not serve the deploy at this URL. */
  | { outcome: 'stale'; why: string }
  /** No evidence either way: refused, unreachable, rate limited, an origin error. Never a failure. */
  | { outcome: 'unverifiable'; why: string }

/**
 * Whether an answer is certainly a copy cached before the invalidation: its Age is more than the
 * seconds since the step began creating, and nothing says it was just revalidated or generated. A
 * `Hit`, a cached error page (`Error from cloudfront`, with an Age), and a `Miss` with an Age (the POP
 * had no copy, but a regional edge cache or Origin Shield in front of the origin gave it an old one)
 * are all old copies then; so is an answer without X-Cache (a cache in front of CloudFront may drop
 * it). A `RefreshHit` (revalidated with the origin) and a response a function generated are fresh. Age
 * is whole seconds, rounded down, so Age > elapsed means the copy is older than the invalidation even
 * when measured late. Without Age nothing is old, for lack of evidence. X-Cache sent twice (a second
 * CDN's beside CloudFront's) is read part by part.
 */
export function isOldCopy(answer: EdgeAnswer, secondsSinceInvalidation: number): boolean {
  const labels = (answer.xCache ?? '')
    .toLowerCase()
    .split(',')
    .map(part => part.trim())
  if (labels.some(label => FRESH_LABELS.some(fresh => label.startsWith(fresh)))) return false
  return answer.age !== undefined && answer.age > secondsSinceInvalidation
}
const FRESH_LABELS = ['refreshhit from', 'functiongeneratedresponse from', 'lambdageneratedresponse from']

/**
 * Judges one answer. Age first: an old copy is stale whatever its status or bytes (a cached 403, 404 or
 * 5xx error page too, and a copy that happens to hold the deployed bytes: the invalidation did not reach
 * that URL). Then the status of a fresh answer: 2xx with site-dir must be the deployed bytes; a 3xx is
 * served as a redirect; a 404 or 410 for a file the deploy uploaded is stale (the site does not serve
 * it), and the expected answer for a deleted one (so is a 401 or 403: S3 refuses a missing key); any
 * other 4xx (a refusal, a proxy's 407, a timeout, a rate limit) and any 5xx say nothing about the cache:
 * `unverifiable`, never a failure. An unreachable edge is `unverifiable` too.
 */
export function judge(asked: Asked, expected: Expectation, secondsSinceInvalidation: number): Verdict {
  if ('unreachable' in asked) return { outcome: 'unverifiable', why: asked.unreachable }
  const { answer } = asked
  const { status } = answer
  if (isOldCopy(answer, secondsSinceInvalidation)) {
    const oldCopy = `a copy cached before the invalidation (${status}, Age ${answer.age} s, the invalidation is ${Math.floor(secondsSinceInvalidation)} s old)`
    const same = expected.kind === 'bytes' && status < 300 && answer.digest === expected.digest
    return stale(
      same
        ? `${oldCopy}: it holds the deployed bytes of ${expected.file}, but the invalidation did not reach this URL`
        : oldCopy
    )
  }
  if (expected.kind === 'unreadable') return { outcome: 'unverifiable', why: expected.why }
  if (status >= 200 && status < 300) {
    if (expected.kind !== 'bytes')
      return served(expected.kind === 'absent' ? `fresh (${status}) for a deleted object` : `fresh (${status})`)
    if (answer.digest === expected.digest) return served(`the bytes of ${expected.file}`)
    return stale(`other bytes than ${expected.file}`)
  }
  if (status === 304) return { outcome: 'unverifiable', why: 'a 304 to a request that asked for no revalidation' }
  if (status >= 300 && status < 400) {
    // A redirect is not the page: an http:// site-url of a distribution that redirects to https, or a
    // bare domain that redirects to www, would otherwise pass every URL without one byte compared.
    if (expected.kind === 'bytes' || expected.kind === 'present') {
      const to = answer.location === undefined ? '' : ` to ${answer.location}`
      return { outcome: 'unverifiable', why: `a redirect${to} (give site-url the address that serves the page itself)` }
    }
    return weak('a fresh redirect')
  }
  const missing = status === 404 || status === 410
  if (expected.kind === 'absent' && missing) return served(`fresh (${status}) for a deleted object`)
  if (expected.kind === 'absent' && (status === 401 || status === 403)) {
    return weak(`fresh (${status}) for a deleted object`)
  }
  if (missing && (expected.kind === 'bytes' || expected.kind === 'present')) {
    return stale(`${status} for ${expected.file}, which the deploy uploaded: the site does not serve it`)
  }
  if (missing) return weak(`fresh (${status})`)
  return { outcome: 'unverifiable', why: refusal(status) }
}

const served = (how: string): Verdict => ({ outcome: 'served', how })
const weak = (how: string): Verdict => ({ outcome: 'served', how, weak: true })
const stale = (why: string): Verdict => ({ outcome: 'stale', why })

/** What a fresh status that says nothing about the cache means, for the row. */
function refusal(status: number): string {
  if (status === 401 || status === 403) return `refused (${status})`
  if (status === 407) return 'the proxy asked for credentials (407)'
  if (status === 408) return 'the request timed out (408)'
  if (status === 429) return 'rate limited (429)'
  if (status >= 500) return `an error from the edge or the origin (${status})`
  return `an answer that says nothing of the cache (${status})`
}

/**
 * The answer in one line, for the log, the summary and the failure message. The body's first bytes
 * are quoted only for a 2xx answer whose bytes differ from the deployed file: an error page (a proxy's
 * 407 can echo the Proxy-Authorization it was sent) is never quoted, and a quote is redacted.
 */
export function describeAnswer(asked: Asked, expected: Expectation): string {
  // The edge's headers and errors are outside text: shown, never obeyed (report/shown.ts).
  if ('unreachable' in asked) return shown(asked.unreachable)
  const { answer } = asked
  const parts = [
    String(answer.status),
    `X-Cache: ${shown(answer.xCache ?? '(none)')}`,
    `Age: ${answer.age ?? '(none)'}`
  ]
  if (answer.location !== undefined) parts.push(`Location: ${shown(answer.location)}`)
  if (expected.kind === 'bytes' && answer.digest !== expected.digest && answer.status >= 200 && answer.status < 300) {
    parts.push(
      `${answer.length} bytes, SHA-256 ${answer.digest.slice(0, 12)}… (expected ${expected.digest.slice(0, 12)}…)`
    )
    parts.push(`begins ${JSON.stringify(redact(printable(answer.head)))}`)
  }
  return parts.join(', ')
}

/** The first bytes as text, with anything unprintable shown as "." so that a binary body cannot garble the log. */
function printable(head: Buffer): string {
  return head.toString('latin1').replace(/[^\x20-\x7e]/g, '.')
}
