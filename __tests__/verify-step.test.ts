/**
 * The verify stage in process (src/main.ts run() with a fake CloudFront), against a local edge whose
 * answers each test scripts: asking stale URLs again, failing after the outputs, warning on refusals.
 * The end-to-end tests (e2e-verify.test.ts) run the same against the emulator's caching edge.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInProcess } from '../__fixtures__/action-harness.js'
import { FakeCloudFront } from '../__fixtures__/fake-cloudfront.js'
import { verifyDeploy } from '../src/verify/verify.js'

const DIST = 'EDFDVBD632BHDS5'

interface Scripted {
  status: number
  xCache?: string
  age?: number
  body?: string
  /** No answer at all, until the request is aborted. */
  hang?: true
  /** The connection is reset before any answer. */
  reset?: true
  /** No X-Cache: an answer from a server that is not CloudFront (the origin itself). */
  plain?: true
  location?: string
}
/** Per path, the answers in turn (the last one repeats). */
let script: Record<string, Scripted[]> = {}
/** Runs as the edge answers each request (a test's clock can move with it). */
let onRequest = (): void => {}
const asked: string[] = []
let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    asked.push(path)
    onRequest()
    const answers = script[path] ?? [{ status: 404 }]
    const answer = (answers.length > 1 ? answers.shift() : answers[0]) as Scripted
    if (answer.hang) return
    if (answer.reset) {
      req.socket.resetAndDestroy()
      return
    }
    res.writeHead(answer.status, {
      ...(answer.plain ? {} : { 'x-cache': answer.xCache ?? 'Miss from cloudfront' }),
      ...(answer.location === undefined ? {} : { location: answer.location }),
      ...(answer.age === undefined ? {} : { age: String(answer.age) })
    })
    res.end(answer.body ?? '')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/site`
})
afterAll(
  () =>
    new Promise(resolve => {
      server.closeAllConnections()
      server.close(resolve)
    })
)
beforeEach(() => {
  asked.length = 0
  script = {}
  onRequest = () => {}
})

/** A clock that the step's sleeps advance, so 20 s of asking again take no time. */
function fakeTime() {
  let clock = 1_000_000
  const sleeps: number[] = []
  return {
    sleeps,
    advance: (ms: number) => {
      clock += ms
    },
    now: () => clock,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      clock += ms
    }
  }
}

const OLD = { status: 200, xCache: 'Hit from cloudfront', age: 3600, body: 'old' }
const warningsIn = (stdout: string) => stdout.split('\n').filter(line => line.startsWith('::warning::'))
/** A site-dir holding these files. */
function siteWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'verify-site-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text)
  return folder
}
const NEW = { status: 200, body: 'new' }

const run = (inputs: Record<string, string>, time = fakeTime()) =>
  runInProcess(
    { 'distribution-id': DIST, paths: '/a.html /b.html', verify: 'true', 'site-url': base, ...inputs },
    new FakeCloudFront(),
    { now: time.now, sleep: time.sleep }
  )

describe('verify in the step', () => {
  it('asks at the site-url with its path prefix, and a URL stale at first is asked again until fresh', async () => {
    script['/site/a.html'] = [OLD, OLD, NEW]
    script['/site/b.html'] = [NEW]
    const time = fakeTime()
    const result = await run({}, time)
    expect(result.errors).toEqual([])
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'true' })
    expect(asked.filter(p => p === '/site/a.html')).toHaveLength(3)
    expect(time.sleeps.slice(-2)).toEqual([1000, 2000])
    expect(result.stdout).toContain('1 URL stale; asking again in 1 s')
    expect(result.summary).toContain('2 served the deploy')
  })

  it('a URL stale for 20 s fails the step after the outputs, naming it and what the edge answered', async () => {
    script['/site/a.html'] = [OLD]
    script['/site/b.html'] = [NEW]
    const time = fakeTime()
    const result = await run({}, time)
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({
      status: 'Completed',
      verified: 'false',
      'invalidation-id': 'I0000000000001'
    })
    expect(time.sleeps.slice(-5)).toEqual([1000, 2000, 4000, 8000, 5000])
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('1 URL does not serve the deploy')
    expect(result.errors[0]).toContain(
      `${base}/a.html (${DIST}): a copy cached before the invalidation (200, Age 3600 s, the invalidation is 20 s old); the edge answered 200, X-Cache: Hit from cloudfront, Age: 3600 (asked 6 times, stale 6: 1-6: 200, X-Cache: Hit from cloudfront, Age: 3600)`
    )
    expect(result.summary).toContain('<h3>Verified</h3>')
    expect(result.summary).toContain(`${base}/a.html`)
  })

  it('evidence stands: a URL seen stale stays stale when wait-timeout runs out before the re-asks end', async () => {
    script['/site/a.html'] = [OLD]
    script['/site/b.html'] = [NEW]
    const time = fakeTime()
    const result = await run({ 'wait-timeout': '10' }, time)
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'false' })
    // 1, 2 and 4 s, then what is left of the 10 s: never past wait-timeout.
    const verifySleeps = time.sleeps.slice(-4)
    expect(verifySleeps.slice(0, 3)).toEqual([1000, 2000, 4000])
    expect(verifySleeps[3]).toBeLessThanOrEqual(3000)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('1 URL does not serve the deploy')
    expect(result.errors[0]).toMatch(/\(asked \d times, stale \d:/)
    expect(result.stdout).not.toContain('ran out while verifying')
  })

  it('evidence stands: a stale URL whose re-asks fail (a reset, a 503, a 429) stays stale, each answer listed', async () => {
    script['/site/a.html'] = [OLD, { status: 0, reset: true }, { status: 503 }, { status: 429 }]
    script['/site/b.html'] = [NEW]
    const time = fakeTime()
    const result = await run({}, time)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verified).toBe('false')
    expect(result.errors[0]).toContain(`${base}/a.html (${DIST}): a copy cached before the invalidation`)
    expect(result.errors[0]).toContain('; 2: could not be reached (ECONNRESET')
    expect(result.errors[0]).toContain('; 3: 503, X-Cache: Miss from cloudfront')
    expect(result.errors[0]).toContain('; 4-6: 429, X-Cache: Miss from cloudfront')
    expect(result.stdout).not.toContain('Nothing could be verified')
  })

  it('wait-timeout running out while asking: the URLs not asked by then are not checked', async () => {
    const paths = Array.from({ length: 20 }, (_, i) => `/p${i}.html`)
    for (const path of paths) script[`/site${path}`] = [OLD]
    const time = fakeTime()
    // Each answer takes 20 s of the step's clock: past wait-timeout once the first 8 (asked at once) are in.
    onRequest = () => time.advance(20_000)
    const result = await run({ paths: paths.join(' '), 'wait-timeout': '10' }, time)
    // The 8 answered are old copies: evidence, which stands; the 12 never asked are not checked.
    expect(result.exitCode).toBe(1)
    expect(asked).toHaveLength(8)
    expect(result.stdout).toContain('wait-timeout (10 s) ran out while verifying: 12 URLs not checked')
    expect(result.stdout).toContain('no answer before wait-timeout ran out')
    expect(result.stdout).not.toContain('stale; asking again')
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('8 URLs do not serve the deploy')
    expect(result.outputs.verified).toBe('false')
  })

  it('with site-dir: other bytes fail; a deleted file passes on a fresh 403', async () => {
    const site = mkdtempSync(join(tmpdir(), 'verify-step-'))
    mkdirSync(join(site, 'public'))
    writeFileSync(join(site, 'public', 'a.html'), 'new')
    script['/site/a.html'] = [{ status: 200, body: 'not what was deployed' }]
    script['/site/b.html'] = [{ status: 403 }]
    const result = await run({ 'site-dir': join(site, 'public') })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('other bytes than a.html')
    expect(result.errors[0]).toContain('begins "not what was deployed"')
    expect(result.errors[0]).not.toContain('b.html')
  })

  it('an edge that refuses everything: one warning, success, verified empty', async () => {
    script['/site/a.html'] = [{ status: 403, xCache: 'Error from cloudfront' }]
    script['/site/b.html'] = [{ status: 401, xCache: 'Error from cloudfront' }]
    const result = await run({})
    expect(result.errors).toEqual([])
    expect(result.outputs.verified).toBe('')
    const warnings = result.stdout.split('\n').filter(line => line.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('Nothing could be verified')
  })

  it('an http:// site-url that redirects to https verifies nothing: not checked, a warning, verified empty', async () => {
    script['/site/a.html'] = [{ status: 301, location: 'https://www.example.com/a.html' }]
    script['/site/b.html'] = [{ status: 301, location: 'https://www.example.com/b.html' }]
    const result = await run({ 'site-dir': siteWith({ 'a.html': 'new', 'b.html': 'new' }) })
    expect(result.errors).toEqual([])
    expect(result.outputs.verified).toBe('')
    expect(result.stdout).toContain('not checked: a redirect to https://www.example.com/a.html')
    expect(warningsIn(result.stdout)).toHaveLength(1)
  })

  it('some URLs rate limited, none stale: one warning that says how many, verified empty', async () => {
    script['/site/a.html'] = [NEW]
    script['/site/b.html'] = [{ status: 429 }]
    const result = await run({})
    expect(result.errors).toEqual([])
    expect(result.outputs.verified).toBe('')
    const warnings = warningsIn(result.stdout)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('1 URL of 2 could not be checked (such as')
    expect(warnings[0]).toContain('rate limited (429)')
  })

  it('a stale URL later answered by a redirect or a 404 stays stale: only the page itself overturns it', async () => {
    script['/site/a.html'] = [OLD, { status: 302, location: '/elsewhere' }, { status: 404 }]
    script['/site/b.html'] = [NEW]
    const result = await run({})
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verified).toBe('false')
  })

  it('every URL a fresh 404 (a site-url with a wrong path), nothing known to exist: a warning, verified empty', async () => {
    script['/site/a.html'] = [{ status: 404 }]
    script['/site/b.html'] = [{ status: 404 }]
    const result = await run({})
    expect(result.exitCode).toBeUndefined()
    expect(result.outputs.verified).toBe('')
    expect(warningsIn(result.stdout)[0]).toContain('Every URL asked passed only by a refusal, a redirect or a 404')
  })

  it('answers that do not come from CloudFront (site-url names the origin): a warning, verified empty', async () => {
    script['/site/a.html'] = [{ status: 200, body: 'new', plain: true }]
    script['/site/b.html'] = [{ status: 200, body: 'new', plain: true }]
    const result = await run({ 'site-dir': siteWith({ 'a.html': 'new', 'b.html': 'new' }) })
    expect(result.outputs.verified).toBe('')
    expect(warningsIn(result.stdout)[0]).toContain('No answer came from CloudFront')
  })

  it('a site-url ending in a bare ? or # still asks each URL at its own path', async () => {
    script['/site/a.html'] = [NEW]
    script['/site/b.html'] = [NEW]
    for (const end of ['?', '#']) {
      asked.length = 0
      const result = await run({ 'site-url': `${base}${end}` })
      expect(result.outputs.verified).toBe('true')
      expect([...asked].sort()).toEqual(['/site/a.html', '/site/b.html'])
    }
  })

  it('past 100 URLs: a sample of 100, said in the log, / and directory URLs included', async () => {
    const paths = Array.from({ length: 150 }, (_, i) => `/p${i}.html`).join(' ')
    const result = await run({ paths: `${paths} /docs/index.html` })
    expect(result.stdout).toContain('152 file and directory URLs invalidated; asking a fixed sample of 100')
    expect(asked).toHaveLength(100)
    expect(asked).toContain('/site/docs/')
  })

  it('without site-url: the domain name from GetDistribution; unreadable, or a tenant, a warning and success', async () => {
    const api = new FakeCloudFront()
    const time = fakeTime()
    const withoutSiteUrl = (inputs: Record<string, string>) =>
      runInProcess({ paths: '/a.html', verify: 'true', ...inputs }, api, { now: time.now, sleep: time.sleep })
    // The fake has no configuration for DIST: GetDistribution answers NoSuchDistribution.
    const unreadable = await withoutSiteUrl({ 'distribution-id': DIST })
    expect(unreadable.errors).toEqual([])
    expect(unreadable.outputs.verified).toBe('')
    expect(api.calls.filter(c => c.operation === 'routing').map(c => c.target)).toEqual([DIST])
    expect(unreadable.stdout).toContain('::warning::Nothing could be verified')
    expect(unreadable.stdout).toContain('its domain name could not be read (NoSuchDistribution')
    const tenant = await withoutSiteUrl({ 'distribution-tenant-id': 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB' })
    expect(tenant.errors).toEqual([])
    expect(tenant.stdout).toContain(
      "the tenant's domain could not be read (EntityNotFound: The entity was not found.): give site-url (accepted when the step names this one tenant and no other distribution)"
    )
    expect(asked).toEqual([])
  })

  it('a tenant is asked at its first domain (GetDistributionTenant); with site-url, at site-url and not read', async () => {
    const api = new FakeCloudFront()
    const tenantId = 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
    // The domain resolves nowhere here: the point is where verify asks, which the row says.
    api.tenantDomains.set(tenantId, ['shop.example.invalid', 'www.shop.example.invalid'])
    const time = fakeTime()
    const byDomain = await runInProcess({ 'distribution-tenant-id': tenantId, paths: '/a.html', verify: 'true' }, api, {
      now: time.now,
      sleep: time.sleep
    })
    expect(byDomain.errors).toEqual([])
    expect(byDomain.stdout).toContain(`(tenant ${tenantId} at https://shop.example.invalid)`)
    expect(api.calls.filter(c => c.operation === 'tenant').map(c => c.target)).toEqual([tenantId])
    script['/site/a.html'] = [NEW]
    const given = await runInProcess(
      { 'distribution-tenant-id': tenantId, paths: '/a.html', verify: 'true', 'site-url': base },
      api,
      { now: time.now, sleep: time.sleep }
    )
    expect(given.errors).toEqual([])
    expect(given.outputs.verified).toBe('true')
    expect(api.calls.filter(c => c.operation === 'tenant')).toHaveLength(1)
  })

  it('a step without verify asks nothing and sets no verified output', async () => {
    const result = await runInProcess({ 'distribution-id': DIST, paths: '/a.html', wait: 'true' })
    expect(result.outputs.status).toBe('Completed')
    expect(result.outputs).not.toHaveProperty('verified')
    expect(result.summary).not.toContain('Verified')
    expect(asked).toEqual([])
  })

  it('a dry run says what it would ask and asks nothing', async () => {
    const result = await run({ 'dry-run': 'true' })
    expect(result.stdout).toContain(`Dry run: verify would ask 2 URLs at ${base} once complete: /a.html, /b.html.`)
    expect(asked).toEqual([])
  })
})

describe("the step's deadline stops requests in flight", () => {
  it('a request the deadline signal aborts is not checked, the answered ones are judged', async () => {
    script['/site/a.html'] = [NEW]
    script['/site/slow.html'] = [{ status: 200, hang: true }]
    const time = fakeTime()
    const lines: string[] = []
    const verification = await verifyDeploy(
      [
        {
          target: { kind: 'distribution', id: DIST, given: [DIST] },
          base,
          mapping: { indexDocument: '', defaultRootObject: '' },
          selection: { urls: ['/a.html', '/slow.html'], candidates: 2, skipped: 0 }
        }
      ],
      {
        siteDir: undefined,
        invalidatedAt: time.now(),
        deadline: time.now() + 60_000,
        agent: undefined,
        // As main.ts makes it: AbortSignal.timeout(wait-timeout + grace), here 3 s: time enough on a
        // busy machine for the loopback answer to /a.html, which must come before it.
        signal: AbortSignal.timeout(3_000),
        now: time.now,
        sleep: time.sleep,
        log: line => lines.push(line)
      }
    )
    const verdicts = Object.fromEntries(verification.checks.map(c => [c.path, c.verdict]))
    expect(verdicts['/a.html']).toEqual({ outcome: 'served', how: 'fresh (200)' })
    expect(verdicts['/slow.html']).toEqual({ outcome: 'unverifiable', why: 'no answer before wait-timeout ran out' })
    expect(verification.outOfTime.map(c => c.path)).toEqual(['/slow.html'])
  })

  it("the step's signal stops the hashing of site-dir's files: a file of many GiB cannot hold the step", async () => {
    const siteDir = siteWith({ 'a.html': 'new' })
    const time = fakeTime()
    // The deadline's signal has fired: the hash must not run on (by hand, an 8 GiB file took 53 s).
    const deadline = new AbortController()
    deadline.abort(new DOMException('wait-timeout ran out', 'TimeoutError'))
    const verification = await verifyDeploy(
      [
        {
          target: { kind: 'distribution', id: DIST, given: [DIST] },
          base,
          mapping: { indexDocument: '', defaultRootObject: '' },
          selection: { urls: ['/a.html'], candidates: 1, skipped: 0 }
        }
      ],
      {
        siteDir,
        invalidatedAt: time.now(),
        deadline: time.now() + 60_000,
        agent: undefined,
        signal: deadline.signal,
        now: time.now,
        sleep: time.sleep,
        log: () => undefined
      }
    )
    expect(verification.checks.map(c => c.expected)).toEqual([
      {
        kind: 'unreadable',
        file: 'a.html',
        why: 'a.html in site-dir could not be read (the step stopped hashing it: wait-timeout ran out or the run was cancelled)'
      }
    ])
    expect(asked).toEqual([])
  })
})
