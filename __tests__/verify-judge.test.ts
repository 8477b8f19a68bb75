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

const present: Expectation = { kind: 'present', file: 'about.html' }
const unreadable: Expectation = {
  kind: 'unreadable',
  file: 'big.bin',
  why: 'big.bin in site-dir could not be read (EACCES)'
}
const hit = (age: number, extra: Partial<EdgeAnswer> & { body?: string } = {}) =>
  answer({ xCache: 'Hit from cloudfront', age, ...extra })

describe('with site-dir: the bytes of the deployed file', () => {
  it('the same bytes pass from the origin or from a copy cached since the invalidation', () => {
    expect(judge(answer(), uploaded, 30)).toEqual({ outcome: 'served', how: 'the bytes of index.html' })
    expect(judge(hit(5), uploaded, 30).outcome).toBe('served')
  })
  it('a copy older than the invalidation is stale even with the deployed bytes: the invalidation did not reach it', () => {
    expect(judge(hit(3600), uploaded, 30)).toEqual({
      outcome: 'stale',
      why: 'a copy cached before the invalidation (200, Age 3600 s, the invalidation is 30 s old): it holds the deployed bytes of index.html, but the invalidation did not reach this URL'
    })
  })
  it('other bytes fail, even from the origin (a wrong origin path, a rewriting function)', () => {
    const verdict = judge(answer({ body: OLD }), uploaded, 30)
    expect(verdict).toEqual({ outcome: 'stale', why: 'other bytes than index.html' })
  })
  it('an old copy fails on its headers', () => {
    expect(judge(hit(3600, { body: OLD }), uploaded, 30)).toEqual({
      outcome: 'stale',
      why: 'a copy cached before the invalidation (200, Age 3600 s, the invalidation is 30 s old)'
    })
  })
  it('a fresh 404 or 410 for an uploaded file fails; a fresh 401, 403, 5xx cannot be checked', () => {
    expect(judge(answer({ status: 404 }), uploaded, 30)).toEqual({
      outcome: 'stale',
      why: '404 for index.html, which the deploy uploaded: the site does not serve it'
    })
    expect(judge(answer({ status: 410 }), uploaded, 30).outcome).toBe('stale')
    expect(judge(answer({ status: 403 }), uploaded, 30)).toEqual({ outcome: 'unverifiable', why: 'refused (403)' })
    expect(judge(answer({ status: 401 }), uploaded, 30).outcome).toBe('unverifiable')
    expect(judge(answer({ status: 502 }), uploaded, 30).outcome).toBe('unverifiable')
  })
  it('a file site-dir could not read is not checked when fresh, and stale when an old copy', () => {
    expect(judge(answer(), unreadable, 30)).toEqual({
      outcome: 'unverifiable',
      why: 'big.bin in site-dir could not be read (EACCES)'
    })
    expect(judge(hit(3600), unreadable, 30).outcome).toBe('stale')
  })
})

describe('age before status: an old copy is stale whatever its status, for every expectation', () => {
  const statuses = [200, 204, 301, 302, 304, 400, 401, 403, 404, 407, 408, 410, 418, 429, 500, 502, 503, 504]
  const expectations = { uploaded, present, deleted, fresh, unreadable }
  for (const [name, expected] of Object.entries(expectations)) {
    it(`${name}: a Hit or a cached error page older than the invalidation is stale; the same answer fresh is not`, () => {
      for (const status of statuses) {
        for (const xCache of ['Hit from cloudfront', 'Error from cloudfront', 'Miss from cloudfront', undefined]) {
          const old = judge(answer({ status, xCache, age: 120 }), expected, 30)
          expect({ status, xCache, outcome: old.outcome }).toEqual({ status, xCache, outcome: 'stale' })
          expect(old.outcome === 'stale' && old.why).toContain(
            `a copy cached before the invalidation (${status}, Age 120 s`
          )
        }
        for (const xCache of ['RefreshHit from cloudfront', 'FunctionGeneratedResponse from cloudfront']) {
          const verdict = judge(answer({ status, xCache, age: 120 }), expected, 30)
          const oldCopy = verdict.outcome === 'stale' && verdict.why.startsWith('a copy cached')
          expect({ status, xCache, oldCopy }).toEqual({ status, xCache, oldCopy: false })
        }
      }
    })
  }
  it('a cached 403 error page older than the invalidation is stale, not a refusal', () => {
    expect(judge(answer({ status: 403, xCache: 'Error from cloudfront', age: 5 }), uploaded, 2)).toEqual({
      outcome: 'stale',
      why: 'a copy cached before the invalidation (403, Age 5 s, the invalidation is 2 s old)'
    })
  })
})

describe('the status of a fresh answer', () => {
  const classes: [number, Record<string, string>][] = [
    // status: outcome for uploaded (bytes), present (sync-log, no site-dir), deleted, fresh (nothing known)
    [200, { uploaded: 'served', present: 'served', deleted: 'served', fresh: 'served' }],
    // A redirect is not the page: "not checked" where a page is expected (an http:// site-url, say).
    [301, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'served', fresh: 'served' }],
    [304, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'unverifiable', fresh: 'unverifiable' }],
    [400, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'unverifiable', fresh: 'unverifiable' }],
    [401, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'served', fresh: 'unverifiable' }],
    [403, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'served', fresh: 'unverifiable' }],
    [404, { uploaded: 'stale', present: 'stale', deleted: 'served', fresh: 'served' }],
    [407, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'unverifiable', fresh: 'unverifiable' }],
    [408, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'unverifiable', fresh: 'unverifiable' }],
    [410, { uploaded: 'stale', present: 'stale', deleted: 'served', fresh: 'served' }],
    [429, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'unverifiable', fresh: 'unverifiable' }],
    [500, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'unverifiable', fresh: 'unverifiable' }],
    [503, { uploaded: 'unverifiable', present: 'unverifiable', deleted: 'unverifiable', fresh: 'unverifiable' }]
  ]
  const expectations: Record<string, Expectation> = { uploaded, present, deleted, fresh }
  for (const [status, outcomes] of classes) {
    it(`${status}`, () => {
      for (const [name, outcome] of Object.entries(outcomes)) {
        for (const xCache of ['Miss from cloudfront', 'Error from cloudfront', 'Hit from cloudfront']) {
          const verdict = judge(answer({ status, xCache, age: 1 }), expectations[name] as Expectation, 30)
          expect({ name, xCache, outcome: verdict.outcome }).toEqual({ name, xCache, outcome })
        }
      }
    })
  }
  it('429, 407 and 408 say what they are', () => {
    expect(judge(answer({ status: 429 }), uploaded, 30)).toEqual({ outcome: 'unverifiable', why: 'rate limited (429)' })
    expect(judge(answer({ status: 407 }), fresh, 30)).toEqual({
      outcome: 'unverifiable',
      why: 'the proxy asked for credentials (407)'
    })
    expect(judge(answer({ status: 408 }), fresh, 30)).toEqual({
      outcome: 'unverifiable',
      why: 'the request timed out (408)'
    })
  })
})

describe('freshness from X-Cache and Age', () => {
  it('RefreshHit and generated responses are fresh whatever their Age', () => {
    for (const xCache of ['RefreshHit from cloudfront', 'LambdaGeneratedResponse from cloudfront']) {
      expect(isOldCopy(answer({ xCache, age: 9999 }).answer, 10)).toBe(false)
    }
  })
  it('a Miss with an Age older than the invalidation is an old copy from a cache tier in front of the origin', () => {
    expect(isOldCopy(answer({ xCache: 'Miss from cloudfront', age: 68309 }).answer, 10)).toBe(true)
    expect(isOldCopy(answer({ xCache: 'Miss from cloudfront', age: undefined }).answer, 10)).toBe(false)
  })
  it('X-Cache sent twice is read part by part', () => {
    expect(isOldCopy(answer({ xCache: 'MISS, Hit from cloudfront', age: 60 }).answer, 10)).toBe(true)
    expect(isOldCopy(answer({ xCache: 'HIT, RefreshHit from cloudfront', age: 60 }).answer, 10)).toBe(false)
  })
  it('a cached error page (Error from cloudfront, with Age) is old like a Hit', () => {
    expect(isOldCopy(answer({ status: 404, xCache: 'Error from cloudfront', age: 60 }).answer, 10)).toBe(true)
    expect(isOldCopy(answer({ status: 404, xCache: 'Error from cloudfront', age: undefined }).answer, 10)).toBe(false)
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
    expect(judge(answer({ body: OLD }), fresh, 10)).toEqual({ outcome: 'served', how: 'fresh (200)' })
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
  it('where a page is expected, a fresh redirect is not checked; an old one is stale', () => {
    const redirect = { status: 301, location: 'https://www.example.com/about.html', body: '' }
    expect(judge(answer(redirect), uploaded, 10)).toEqual({
      outcome: 'unverifiable',
      why: 'a redirect to https://www.example.com/about.html (give site-url the address that serves the page itself)'
    })
    expect(judge(answer({ ...redirect, xCache: 'Hit from cloudfront', age: 100 }), uploaded, 10).outcome).toBe('stale')
  })
  it('elsewhere a fresh redirect passes, but only weakly: it shows no page', () => {
    expect(judge(answer({ status: 302, location: '/blog/' }), fresh, 10)).toEqual({
      outcome: 'served',
      how: 'a fresh redirect',
      weak: true
    })
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
  it('never quotes the body of an error answer (a 407 can echo Proxy-Authorization), and redacts a quote', () => {
    const echoed = 'Proxy-Authorization: Basic dXNlcjpodW50ZXIy'
    const refused = describeAnswer(answer({ status: 407, body: echoed, xCache: undefined }), uploaded)
    expect(refused).toBe('407, X-Cache: (none), Age: (none)')
    const quoted = describeAnswer(answer({ body: `Authorization: Bearer abcdefghijkl` }), uploaded)
    expect(quoted).toContain('begins "Authorization: Bearer [redacted]"')
  })
  it('shows a redirect target, and nothing about bytes that match', () => {
    expect(describeAnswer(answer({ status: 301, location: '/a/' }), fresh)).toBe(
      '301, X-Cache: Miss from cloudfront, Age: (none), Location: /a/'
    )
  })
})
