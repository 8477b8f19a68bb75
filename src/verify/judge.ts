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
}

/** One request's outcome: an answer, or why there was none (refused connection, timeout, TLS, proxy). */
export type Asked = { answer: EdgeAnswer } | { unreachable: string }

/** What a URL should serve after the deploy. */
export type Expectation =
  /** An uploaded or copied object: exactly the bytes of this file of site-dir. */
  | { kind: 'bytes'; file: string; digest: string }
  /** A deleted object (site-dir holds no file for it): any answer, as long as it is not an old copy. */
  | { kind: 'absent'; file: string }
  /** No site-dir: a fresh answer, that is not a copy cached before the invalidation. */
  | { kind: 'fresh' }

export type Verdict =
  | { outcome: 'served'; how: string }
  /** Positive evidence that the edge does not serve the deploy at this URL. */
  | { outcome: 'stale'; why: string }
  /** No evidence either way: refused, unreachable, an origin error. Never a failure. */
  | { outcome: 'unverifiable'; why: string }

const HIT = 'hit from cloudfront'

/**
 * Whether an answer is certainly a copy cached before the invalidation: CloudFront says it is a Hit
 * (or says nothing, as a cache in front of it may not) and its Age is more than the seconds since the
 * invalidation was created. Age is whole seconds, rounded down, so Age > elapsed means the copy is
 * older than the invalidation even when measured late. A Miss, a RefreshHit (revalidated with the
 * origin) or an Error (not from the cache) is fresh; so is a Hit without Age, for lack of evidence.
 */
export function isOldCopy(answer: EdgeAnswer, secondsSinceInvalidation: number): boolean {
  const xCache = answer.xCache?.trim().toLowerCase()
  if (xCache !== undefined && xCache !== HIT) return false
  return answer.age !== undefined && answer.age > secondsSinceInvalidation
}

/**
 * Judges one answer. Only positive evidence is `stale`: other bytes than the deployed file, an old
 * copy (when no bytes decide), or an error status for a file the deploy uploaded. With site-dir the
 * bytes of a 2xx answer decide alone: the deployed bytes pass whatever X-Cache and Age say. A refusal (401/403) of an object that should
 * be there, an unreachable edge, a timeout or a 5xx says nothing about the cache: `unverifiable`. A
 * redirect is judged by its own freshness (it is what the edge serves at that URL; the target is
 * another URL). A deleted object passes on any status, a 403 or 404 or a custom error page, if fresh.
 */
export function judge(asked: Asked, expected: Expectation, secondsSinceInvalidation: number): Verdict {
  if ('unreachable' in asked) return { outcome: 'unverifiable', why: asked.unreachable }
  const { answer } = asked
  const stale = (why: string): Verdict => ({ outcome: 'stale', why })
  if ((answer.status === 401 || answer.status === 403) && expected.kind !== 'absent') {
    return { outcome: 'unverifiable', why: `refused (${answer.status})` }
  }
  if (answer.status >= 500) {
    return { outcome: 'unverifiable', why: `an error from the edge or the origin (${answer.status})` }
  }
  const old = isOldCopy(answer, secondsSinceInvalidation)
  const oldCopy = `a copy cached before the invalidation (Age ${answer.age} s, the invalidation is ${Math.floor(secondsSinceInvalidation)} s old)`
  // With site-dir the bytes decide: the deployed bytes pass even from a copy cached a moment too early.
  if (expected.kind === 'bytes' && answer.status >= 200 && answer.status < 300) {
    if (answer.digest === expected.digest) return { outcome: 'served', how: `the bytes of ${expected.file}` }
    return stale(`other bytes than ${expected.file}${old ? `, ${oldCopy}` : ''}`)
  }
  if (old) return stale(oldCopy)
  if (answer.status >= 300 && answer.status < 400) return { outcome: 'served', how: 'a fresh redirect' }
  if (expected.kind === 'absent') return { outcome: 'served', how: `fresh (${answer.status}) for a deleted object` }
  if (expected.kind === 'fresh') return { outcome: 'served', how: 'fresh' }
  return stale(`${answer.status} for ${expected.file}, which the deploy holds`)
}

/** The answer in one line, for the log, the summary and the failure message. */
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
  if (expected.kind === 'bytes' && answer.digest !== expected.digest) {
    parts.push(
      `${answer.length} bytes, SHA-256 ${answer.digest.slice(0, 12)}… (expected ${expected.digest.slice(0, 12)}…)`
    )
    parts.push(`begins ${JSON.stringify(printable(answer.head))}`)
  }
  return parts.join(', ')
}

/** The first bytes as text, with anything unprintable shown as "." so that a binary body cannot garble the log. */
function printable(head: Buffer): string {
  return head.toString('latin1').replace(/[^\x20-\x7e]/g, '.')
}
