/** The judge of one answer from the edge: bytes, freshness headers, deleted objects, redirects, refusals. */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { describeAnswer, isOldCopy, judge, type EdgeAnswer, type Expectation } from '../src/verify/judge.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const NEW = '<h1>new</h1>'
const OLD = '<h1>old</h1>'

function answer(overrides: Partial<EdgeAnswer> & { body?: string } = {}): { answer: EdgeAnswer } {
  const body = overrides.body ?? NEW
  return {
    answer: {
      status: 200,
      xCache: 'Miss from cloudfront',
      age: undefined,
      location: undefined,
      digest: sha(body),
      head: Buffer.from(body).subarray(0, 64),
      length: Buffer.byteLength(body),
      ...overrides
    }
  }
}
const uploaded: Expectation = { kind: 'bytes', file: 'index.html', digest: sha(NEW) }
const deleted: Expectation = { kind: 'absent', file: 'old.html' }
const fresh: Expectation = { kind: 'fresh' }

describe('with site-dir: the bytes of the deployed file', () => {
  it('the same bytes pass, whatever the cache says', () => {
    expect(judge(answer(), uploaded, 30)).toEqual({ outcome: 'served', how: 'the bytes of index.html' })
    expect(judge(answer({ xCache: 'Hit from cloudfront', age: 5 }), uploaded, 30).outcome).toBe('served')
    // Even a copy older than the invalidation: the bytes are the deploy's (cached a moment after the upload).
    expect(judge(answer({ xCache: 'Hit from cloudfront', age: 3600 }), uploaded, 30).outcome).toBe('served')
  })
  it('other bytes fail, even from the origin (a wrong origin path, a rewriting function)', () => {
    const verdict = judge(answer({ body: OLD }), uploaded, 30)
    expect(verdict).toEqual({ outcome: 'stale', why: 'other bytes than index.html' })
  })
  it('an old copy fails on its headers', () => {
    const verdict = judge(answer({ body: OLD, xCache: 'Hit from cloudfront', age: 3600 }), uploaded, 30)
    expect(verdict).toEqual({
      outcome: 'stale',
      why: 'other bytes than index.html, a copy cached before the invalidation (Age 3600 s, the invalidation is 30 s old)'
    })
  })
  it('a 404 for an uploaded file fails; a 403 or 401 cannot be checked; a 5xx neither', () => {
    expect(judge(answer({ status: 404 }), uploaded, 30)).toEqual({
      outcome: 'stale',
      why: '404 for index.html, which the deploy holds'
    })
    expect(judge(answer({ status: 403 }), uploaded, 30)).toEqual({ outcome: 'unverifiable', why: 'refused (403)' })
    expect(judge(answer({ status: 401 }), uploaded, 30).outcome).toBe('unverifiable')
    expect(judge(answer({ status: 502 }), uploaded, 30).outcome).toBe('unverifiable')
  })
  it('a refusal is never a failure, even from an old copy', () => {
    expect(judge(answer({ status: 403, xCache: 'Hit from cloudfront', age: 9999 }), uploaded, 30).outcome).toBe(
      'unverifiable'
    )
  })
})

describe('freshness from X-Cache and Age', () => {
  it('Miss, RefreshHit and Error are fresh whatever their Age', () => {
    for (const xCache of ['Miss from cloudfront', 'RefreshHit from cloudfront', 'Error from cloudfront']) {
      expect(isOldCopy(answer({ xCache, age: 9999 }).answer, 10)).toBe(false)
    }
  })
  it('a Hit is old only when its Age is more than the seconds since the invalidation was created', () => {
    const hit = (age: number) => answer({ xCache: 'Hit from cloudfront', age }).answer
    expect(isOldCopy(hit(10), 10.5)).toBe(false)
    expect(isOldCopy(hit(10), 10)).toBe(false)
    expect(isOldCopy(hit(11), 10.5)).toBe(true)
    expect(isOldCopy(answer({ xCache: 'hit from CloudFront', age: 60 }).answer, 10)).toBe(true)
  })
  it('without X-Cache (another cache in front) the Age alone decides; without Age nothing is old', () => {
    expect(isOldCopy(answer({ xCache: undefined, age: 60 }).answer, 10)).toBe(true)
    expect(isOldCopy(answer({ xCache: undefined, age: undefined }).answer, 10)).toBe(false)
    expect(isOldCopy(answer({ xCache: 'Hit from cloudfront', age: undefined }).answer, 10)).toBe(false)
  })
  it('without site-dir a fresh answer passes and an old copy fails', () => {
    expect(judge(answer({ body: OLD }), fresh, 10)).toEqual({ outcome: 'served', how: 'fresh' })
    expect(judge(answer({ xCache: 'Hit from cloudfront', age: 60 }), fresh, 10).outcome).toBe('stale')
    expect(judge(answer({ status: 403 }), fresh, 10).outcome).toBe('unverifiable')
  })
})

describe('deleted objects', () => {
  it('pass on any status when fresh: a 403 (S3 REST), a 404, a custom error page', () => {
    for (const status of [403, 404, 200]) {
      expect(judge(answer({ status }), deleted, 10).outcome).toBe('served')
    }
  })
  it('fail when the old object is still a cached copy', () => {
    expect(judge(answer({ xCache: 'Hit from cloudfront', age: 100 }), deleted, 10).outcome).toBe('stale')
  })
})

describe('redirects', () => {
  it('are judged by their own freshness, not by the bytes of the file', () => {
    const redirect = { status: 301, location: '/blog/', body: '' }
    expect(judge(answer(redirect), uploaded, 10)).toEqual({ outcome: 'served', how: 'a fresh redirect' })
    expect(judge(answer({ ...redirect, xCache: 'Hit from cloudfront', age: 100 }), uploaded, 10).outcome).toBe('stale')
  })
})

describe('no answer', () => {
  it('an unreachable edge cannot be checked, and says why', () => {
    expect(judge({ unreachable: 'no answer within 10 s' }, uploaded, 10)).toEqual({
      outcome: 'unverifiable',
      why: 'no answer within 10 s'
    })
  })
})

describe('describeAnswer', () => {
  it('shows status, X-Cache, Age, and for other bytes their digest against the expected one and the first bytes', () => {
    const text = describeAnswer(answer({ body: `${OLD}\u0000`, xCache: 'Hit from cloudfront', age: 120 }), uploaded)
    expect(text).toContain('200, X-Cache: Hit from cloudfront, Age: 120')
    expect(text).toContain(`SHA-256 ${sha(`${OLD}\u0000`).slice(0, 12)}… (expected ${sha(NEW).slice(0, 12)}…)`)
    expect(text).toContain('begins "<h1>old</h1>."')
  })
  it('shows a redirect target, and nothing about bytes that match', () => {
    expect(describeAnswer(answer({ status: 301, location: '/a/' }), fresh)).toBe(
      '301, X-Cache: Miss from cloudfront, Age: (none), Location: /a/'
    )
  })
})
