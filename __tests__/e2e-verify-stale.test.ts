/**
 * verify never ends green over a stale page, end to end: dist/index.js against the emulator's API and
 * its caching edge, with the previous version of the site cached an hour before the deploy at the URL
 * visitors use. Each way a stale site used to pass: wildcards, cached error pages, evidence lost to a
 * failed re-ask or the deadline, refusals misjudged, a wrong site-dir or origin-path, special files,
 * and the address verify asks at.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEdge } from '../emulator/edge.js'
import { CloudFrontEmulator, type DistributionSpec } from '../emulator/server.js'
import { SECOND_SYNC_SITE, writeTree } from '../__fixtures__/aws-s3-sync.js'
import { ROOT, errorsOf, runAction, warningsOf } from '../__fixtures__/runner.js'
import {
  noProxyEnv,
  resolveOnlyInProxy,
  startProxy,
  stopProxy,
  testCertificates,
  type RunningProxy
} from '../__fixtures__/test-proxy.js'

const LIVE = 'E1LIVESITE0001'
const STAGING = 'E2STAGING00002'
/** The live site once more, through S3's REST endpoint: a missing key is a 403 there, not a 404. */
const REST = 'E3RESTORIGIN03'
const BUCKET = 'my-site-bucket'
const LIVE_DOMAIN = 'd1livesite0001.cloudfront.net'
const ALIAS = 'www.example.com'
const TENANT = 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
const TENANT_DOMAIN = 'shop.example.com'
const website = { id: 'site', domainName: `${BUCKET}.s3-website-us-east-1.amazonaws.com` }
const SPECS: DistributionSpec[] = [
  { id: LIVE, domainName: LIVE_DOMAIN, aliases: [ALIAS], origins: [website], defaultRootObject: 'index.html' },
  { id: STAGING, domainName: 'd2staging00002.cloudfront.net', origins: [website], defaultRootObject: 'index.html' },
  {
    id: REST,
    domainName: 'd3restorigin03.cloudfront.net',
    origins: [{ id: 'rest', domainName: `${BUCKET}.s3.us-east-1.amazonaws.com` }],
    defaultRootObject: 'index.html'
  }
]

const root = mkdtempSync(join(tmpdir(), 'e2e-verify-stale-'))
const bucket = join(root, 'bucket')
const workspace = join(root, 'workspace')
const publicDir = join(workspace, 'public')

const PREVIOUS: Record<string, string> = {
  'index.html': '<h1>Home, version 1</h1>',
  'about.html': '<h1>About, version 1</h1>',
  'blog/index.html': '<h1>Blog, version 1</h1>',
  'assets/app.3f2a.css': 'body { color: #3f2a }'
}
// What second-sync.log uploads (it deletes assets/app.3f2a.css and assets/[draft].html), and two more pages.
const DEPLOYED = SECOND_SYNC_SITE
const WARMED = ['/', '/index.html', '/about.html', '/blog/', '/blog/index.html', '/assets/app.3f2a.css']

let emulator: CloudFrontEmulator
let edge: CloudFrontEdge
let endpoint: string
const edges: Record<string, string> = {}

beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: SPECS, completionDelayMs: 1000 })
  endpoint = await emulator.start()
  edge = new CloudFrontEdge(emulator, { buckets: { [BUCKET]: bucket } })
  for (const id of [LIVE, STAGING, REST]) edges[id] = await edge.serve(id)
  writeTree(bucket, PREVIOUS)
  for (const id of [LIVE, STAGING, REST]) edge.warm(id, WARMED, 3600)
  writeTree(bucket, DEPLOYED)
  writeTree(publicDir, DEPLOYED)
  copyFileSync(join(ROOT, '__fixtures__', 'aws-s3-sync', 'second-sync.log'), join(workspace, 'second-sync.log'))
})
afterEach(async () => {
  await edge.stop()
  await emulator.stop()
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** The wrong distribution invalidated (STAGING), the live one asked: every cached copy stays. */
const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({
    endpoint,
    cwd: workspace,
    inputs: {
      'distribution-id': STAGING,
      verify: 'true',
      'site-url': edges[LIVE] as string,
      'wait-timeout': '60',
      ...inputs
    },
    env: { ...noProxyEnv, ...env },
    timeoutMs: 90_000
  })

const creates = () => emulator.requests.filter(r => r.operation === 'CreateInvalidation')

describe('wildcards: verify asks what they were meant to refresh', () => {
  it('paths: /* with the home page stale fails, naming /', async () => {
    const result = await run({ paths: '/*' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'false' })
    expect(edge.requests.filter(r => r.distributionId === LIVE).map(r => r.path)).toContain('/')
    const [error] = errorsOf(result)
    expect(error).toContain(`${edges[LIVE]}/ (${STAGING}): a copy cached before the invalidation (200, Age 36`)
  })

  it('paths: /* with site-dir asks its files under the wildcard, and / with the default root object', async () => {
    const result = await run({ paths: '/*', 'site-dir': 'public', 'distribution-id': LIVE })
    expect(errorsOf(result)).toEqual([])
    expect(result.outputs.verified).toBe('true')
    const asked = edge.requests.filter(r => r.distributionId === LIVE).map(r => r.path)
    for (const path of ['/', '/index.html', '/about.html', '/blog/', '/assets/app.77aa.css', '/%E6%97%A5%E6%9C%AC/']) {
      expect(asked).toContain(path)
    }
  })

  it('max-paths wildcards over a sync-log: a stale changed file fails, named', async () => {
    const result = await run({ 'sync-log': 'second-sync.log', 'max-paths': '2', 'site-dir': 'public' })
    expect(result.stdout).toMatch(/paths remained, more than max-paths/)
    expect(result.code).toBe(1)
    expect(result.outputs.verified).toBe('false')
    const [error] = errorsOf(result)
    expect(error).toContain(`${edges[LIVE]}/blog/index.html (${STAGING}): a copy cached before the invalidation`)
    // The deleted stylesheet is still cached: an old copy of a deleted object is stale too.
    expect(error).toContain(`${edges[LIVE]}/assets/app.3f2a.css (${STAGING})`)
  })

  it('cache tags alone name no URL: one warning, verified empty, success', async () => {
    const result = await run({ paths: '#product-42' })
    expect(result.code).toBe(0)
    expect(result.outputs.verified).toBe('')
    const warnings = warningsOf(result)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('verify asked nothing')
    expect(edge.requests).toEqual([])
  })
})

describe('age first: a cached error page is an old copy', () => {
  it('a 403 cached before the deploy (S3 REST, a page that did not exist yet) fails, not "refused"', async () => {
    writeTree(bucket, PREVIOUS)
    edge.warm(REST, ['/new.html'], 3600)
    writeTree(bucket, { ...DEPLOYED, 'new.html': '<h1>New</h1>' })
    const result = await run({ paths: '/new.html', 'site-url': edges[REST] as string })
    expect(result.code).toBe(1)
    expect(result.outputs.verified).toBe('false')
    expect(errorsOf(result)[0]).toContain(
      `${edges[REST]}/new.html (${STAGING}): a copy cached before the invalidation (403, Age 36`
    )
    expect(errorsOf(result)[0]).toContain('X-Cache: Error from cloudfront')
  })
})

describe('evidence stands', () => {
  it('stale, then every re-ask reset: the step fails with verified false, each answer listed', async () => {
    edge.faultAt(LIVE, '/about.html', { reset: 'after-first' })
    const result = await run({ paths: '/about.html' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'false' })
    const [error] = errorsOf(result)
    expect(error).toContain(`${edges[LIVE]}/about.html (${STAGING}): a copy cached before the invalidation`)
    expect(error).toMatch(
      /\(asked \d+ times, stale 1: 1: 200, X-Cache: Hit from cloudfront, Age: 36\d\d; 2(-\d+)?: could not be reached \(ECONNRESET/
    )
    expect(warningsOf(result).join('\n')).not.toContain('could not be reached from this runner')
  })

  // wait-timeout 15 runs out inside the 20 s of re-asks; it leaves a busy machine the time to create,
  // complete and ask once (with 2 s, the step sometimes ran out before the first ask).
  it('stale, and wait-timeout runs out while asking again: the step fails, the stale URL named', async () => {
    const result = await run({ paths: '/about.html', 'wait-timeout': '15' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'false' })
    expect(errorsOf(result)[0]).toContain(
      `${edges[LIVE]}/about.html (${STAGING}): a copy cached before the invalidation`
    )
  })
})

describe('refusals say nothing', () => {
  for (const siteDir of [undefined, 'public']) {
    it(`429 everywhere ${siteDir ? 'with' : 'without'} site-dir: one warning, verified empty, success`, async () => {
      edge.refuse(LIVE, 429)
      const result = await run({
        paths: '/about.html /index.html',
        'distribution-id': LIVE,
        ...(siteDir ? { 'site-dir': siteDir } : {})
      })
      expect(errorsOf(result)).toEqual([])
      expect(result.code).toBe(0)
      expect(result.outputs).toMatchObject({ status: 'Completed', verified: '' })
      const warnings = warningsOf(result)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('Nothing could be verified')
      expect(result.stdout).toContain('not checked: rate limited (429)')
    })
  }
})

describe('a wrong site-dir or origin-path fails before any invalidation', () => {
  it('site-dir one level too high: an input error naming site-dir and the folder that holds the files', async () => {
    const result = await run({ paths: '/about.html /blog/index.html', 'site-dir': '.' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toContain('Input "site-dir": "." holds none of the 2 files the deploy uploaded')
    expect(errorsOf(result)[0]).toContain('give site-dir: public')
    expect(emulator.requests).toEqual([])
    expect(result.outputs.invalidations).toBe('[]')
  })

  it('origin-path that excludes every key, on a distribution without one: fails with 0 invalidations', async () => {
    const result = await run({
      'sync-log': 'second-sync.log',
      'origin-path': '/prod',
      'distribution-id': LIVE,
      'site-url': ''
    })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toContain("origin-path is /prod, and the distribution's origin path")
    expect(creates()).toEqual([])
    expect(result.outputs.invalidations).toBe('[]')
  })
})

describe('files verify cannot read are not checked', () => {
  it('a folder and a named pipe where site-dir should hold a file: "not checked" rows, the rest judged', async () => {
    rmSync(join(publicDir, 'about.html'))
    mkdirSync(join(publicDir, 'about.html'))
    rmSync(join(publicDir, 'index.html'))
    execFileSync('mkfifo', [join(publicDir, 'index.html')])
    const result = await run({
      paths: '/about.html /index.html /blog/index.html',
      'site-dir': 'public',
      'distribution-id': LIVE
    })
    expect(errorsOf(result)).toEqual([])
    expect(result.stdout).toContain(
      'not checked: about.html in site-dir could not be read (site-dir holds a folder of that name, not a file)'
    )
    expect(result.stdout).toContain('not checked: index.html in site-dir could not be read (it is not a regular file)')
    // / serves the default root object, index.html: not checked either; /blog/ and its file are judged.
    expect(result.stdout).toContain('2 served the deploy, 3 could not be checked')
  })
})

describe('verify asks where visitors go', () => {
  let proxy: RunningProxy
  let undo: () => void
  let tlsEdge: CloudFrontEdge
  let ca: string
  beforeAll(() => {
    undo = resolveOnlyInProxy([ALIAS, LIVE_DOMAIN, TENANT_DOMAIN])
  })
  afterAll(() => undo())
  afterEach(async () => {
    await stopProxy(proxy)
    await tlsEdge.stop()
  })

  it('a distribution named by its alias is asked at the alias, not at its cloudfront.net name', async () => {
    const certificates = testCertificates([ALIAS, LIVE_DOMAIN])
    ca = certificates.ca
    tlsEdge = new CloudFrontEdge(emulator, { buckets: { [BUCKET]: bucket }, tls: certificates })
    const url = await tlsEdge.serve(LIVE)
    proxy = await startProxy(undefined, {
      [`${ALIAS}:443`]: Number(new URL(url).port),
      [`${LIVE_DOMAIN}:443`]: Number(new URL(url).port)
    })
    const result = await run(
      { 'distribution-id': ALIAS, 'site-url': '', paths: '/about.html' },
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca }
    )
    expect(errorsOf(result)).toEqual([])
    expect(result.outputs.verified).toBe('true')
    expect(result.stdout).toContain(`at https://${ALIAS}`)
    expect(new Set(proxy.connects)).toEqual(new Set([`${ALIAS}:443`]))
  })

  it('a tenant is asked at its first domain, read with GetDistributionTenant', async () => {
    emulator.addTenant(TENANT, [TENANT_DOMAIN, `www.${TENANT_DOMAIN}`])
    const certificates = testCertificates([TENANT_DOMAIN])
    tlsEdge = new CloudFrontEdge(emulator, { buckets: { [BUCKET]: bucket }, tls: certificates })
    // The tenant's site, served as the live distribution's edge serves it (the old copy still cached).
    const url = await tlsEdge.serve(LIVE)
    tlsEdge.warm(LIVE, ['/about.html'], 3600)
    proxy = await startProxy(undefined, { [`${TENANT_DOMAIN}:443`]: Number(new URL(url).port) })
    const result = await run(
      { 'distribution-id': '', 'distribution-tenant-id': TENANT, 'site-url': '', paths: '/about.html' },
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificates.ca }
    )
    expect(emulator.requests.filter(r => r.operation === 'GetDistributionTenant')).toHaveLength(1)
    expect(new Set(proxy.connects)).toEqual(new Set([`${TENANT_DOMAIN}:443`]))
    expect(result.stdout).toContain(`(tenant ${TENANT} at https://${TENANT_DOMAIN})`)
    // The emulator's edge drops no copy for a tenant's invalidation: the old page is caught.
    expect(result.outputs.verified).toBe('false')
  })
})
