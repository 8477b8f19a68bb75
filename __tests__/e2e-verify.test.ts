/**
 * verify, end to end: dist/index.js against the emulator's API and its edge, with the edge's cache
 * warmed with the previous version of the site an hour before the deploy, as a live site's would be.
 * The bucket is a local folder (what S3 holds); site-dir is the folder the deploy uploaded from.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEdge } from '../emulator/edge.js'
import { CloudFrontEmulator, type DistributionSpec } from '../emulator/server.js'
import { SECOND_SYNC_SITE, writeTree } from '../__fixtures__/aws-s3-sync.js'
import { ROOT, errorsOf, runAction } from '../__fixtures__/runner.js'
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
// The bucket of the captured `aws s3 sync` output (__fixtures__/aws-s3-sync/), for the steps with a sync-log.
const BUCKET = 'my-site-bucket'
// Both distributions serve the same bucket through its website endpoint, with index.html for `/`.
const spec = (id: string, domainName: string): DistributionSpec => ({
  id,
  domainName,
  origins: [{ id: 'site', domainName: `${BUCKET}.s3-website-us-east-1.amazonaws.com` }],
  defaultRootObject: 'index.html'
})
const LIVE_DOMAIN = 'd1livesite0001.cloudfront.net'
const STAGING_DOMAIN = 'd2staging00002.cloudfront.net'

const root = mkdtempSync(join(tmpdir(), 'e2e-verify-'))
const bucket = join(root, 'bucket')
const workspace = join(root, 'workspace')
const publicDir = join(workspace, 'public')

const PREVIOUS: Record<string, string> = {
  'index.html': '<h1>Home, version 1</h1>',
  'about.html': '<h1>About, version 1</h1>',
  'blog/index.html': '<h1>Blog, version 1</h1>',
  'old.html': '<h1>A page the deploy deletes</h1>'
}
const DEPLOYED = SECOND_SYNC_SITE
// What the step invalidates; index-document (index.html) adds / and /blog/.
const PATHS = '/index.html /about.html /blog/index.html /old.html'
const URLS = ['/index.html', '/', '/about.html', '/blog/index.html', '/blog/', '/old.html']

let emulator: CloudFrontEmulator
let edge: CloudFrontEdge
let endpoint: string
// The live distribution's edge once more, over TLS with a certificate for its domain name.
let tlsEdge: CloudFrontEdge
let tlsUrl: string
let tlsStagingUrl: string
let ca: string
const edges: Record<string, string> = {}

let certificates: { ca: string; key: string; cert: string }
beforeAll(() => {
  certificates = testCertificates([LIVE_DOMAIN, STAGING_DOMAIN])
  ca = certificates.ca
})

/**
 * Each test its own endpoint and edges, so that no invalidation of another test drops a copy: the site
 * as it was, cached an hour ago by both distributions' edges; then the deploy, to the bucket and site-dir.
 */
beforeEach(async () => {
  emulator = new CloudFrontEmulator({
    distributions: [spec(LIVE, LIVE_DOMAIN), spec(STAGING, STAGING_DOMAIN)],
    completionDelayMs: 1500
  })
  endpoint = await emulator.start()
  edge = new CloudFrontEdge(emulator, { buckets: { [BUCKET]: bucket } })
  edges[LIVE] = await edge.serve(LIVE)
  edges[STAGING] = await edge.serve(STAGING)
  tlsEdge = new CloudFrontEdge(emulator, { buckets: { [BUCKET]: bucket }, tls: certificates })
  tlsUrl = await tlsEdge.serve(LIVE)
  tlsStagingUrl = await tlsEdge.serve(STAGING)
  writeTree(bucket, PREVIOUS)
  for (const target of [edge, tlsEdge]) for (const id of [LIVE, STAGING]) target.warm(id, URLS, 3600)
  writeTree(bucket, DEPLOYED)
  writeTree(publicDir, DEPLOYED)
  copyFileSync(join(ROOT, '__fixtures__', 'aws-s3-sync', 'second-sync.log'), join(workspace, 'second-sync.log'))
})
afterEach(async () => {
  await tlsEdge.stop()
  await edge.stop()
  await emulator.stop()
})

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({
    endpoint,
    cwd: workspace,
    inputs: { 'distribution-id': LIVE, paths: PATHS, verify: 'true', 'wait-timeout': '60', ...inputs },
    env: { ...noProxyEnv, ...env },
    timeoutMs: 90_000
  })

describe('a deploy verified', () => {
  it('with site-dir: every changed URL serves the bytes of its file, the deleted one a fresh 404', async () => {
    const result = await run({ 'site-url': edges[LIVE] as string, 'site-dir': 'public' })
    expect(errorsOf(result)).toEqual([])
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'true' })
    expect(result.stdout).toContain('Asked 6 URLs')
    expect(result.stdout).toContain('6 served the deploy')
    const asked = edge.requests
    expect(asked.map(r => r.path).sort()).toEqual([...URLS].sort())
    expect(asked.every(r => r.method === 'GET' && r.headers['accept-encoding'] === 'gzip, deflate, br')).toBe(true)
    expect(asked.find(r => r.path === '/old.html')).toMatchObject({ status: 404, xCache: 'Error from cloudfront' })
    expect(result.summary).toContain('<h3>Verified</h3>')
    expect(result.summary).toContain('6 served the deploy')
  })

  it('without site-dir: every answer is fresh', async () => {
    const result = await run({ 'site-url': edges[LIVE] as string })
    expect(result.code).toBe(0)
    expect(result.outputs.verified).toBe('true')
    expect(result.stdout).toContain('6 served the deploy')
  })

  it('verify without wait waits anyway, as verifying needs completion', async () => {
    const result = await run({ 'site-url': edges[LIVE] as string, wait: 'false' })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'true' })
    expect(result.stdout).toContain('Waiting for 1 invalidation to complete')
  })
})

describe('a page left stale', () => {
  it('the site is served by another distribution than the one invalidated: the step fails naming each URL, outputs intact', async () => {
    const result = await run({ 'distribution-id': STAGING, 'site-url': edges[LIVE] as string, 'site-dir': 'public' })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: 'false' })
    expect(result.outputs['invalidation-id']).toMatch(/^I[A-Z0-9]+$/)
    const [error, ...more] = errorsOf(result)
    expect(more).toEqual([])
    expect(error).toContain('6 URLs do not serve the deploy')
    for (const url of URLS) expect(error).toContain(`${edges[LIVE]}${url} (${STAGING})`)
    expect(error).toContain('X-Cache: Hit from cloudfront, Age: 36')
    expect(error).toContain('Likely causes: the site is served by another distribution than the one invalidated')
    expect(result.summary).toContain('<h3>Verified</h3>')
    expect(result.summary).toContain('stale: a copy cached before the invalidation')
  })
})

describe('cannot check is not failure', () => {
  it('an edge that answers 403 to everything: one warning, success, verified empty', async () => {
    edge.refuse(LIVE, 403)
    try {
      const result = await run({ 'site-url': edges[LIVE] as string, 'site-dir': 'public' })
      expect(result.code).toBe(0)
      expect(result.outputs).toMatchObject({ status: 'Completed', verified: '' })
      const warnings = result.stdout.split('\n').filter(line => line.startsWith('::warning::'))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('Nothing could be verified')
      expect(warnings[0]).toContain('403, X-Cache: Error from cloudfront')
    } finally {
      edge.refuse(LIVE, undefined)
    }
  })

  it('an edge that cannot be reached: one warning that says so (not a refusal), success, verified empty', async () => {
    // A port that nothing listens on: every request is refused at connect, as an address that is not
    // reachable from the runner would be.
    const result = await run({ 'site-url': 'http://127.0.0.1:1', 'site-dir': 'public' })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ status: 'Completed', verified: '' })
    const warnings = result.stdout.split('\n').filter(line => line.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('the edge could not be reached from this runner')
    expect(warnings[0]).not.toContain('private distribution')
    expect(result.stdout).toMatch(/not checked: could not be reached \(ECONNREFUSED[^|]*\| no answer/)
  })
})

describe("at the distribution's own domain name, through the proxy", () => {
  let proxy: RunningProxy
  let undoResolve: () => void
  beforeAll(() => {
    undoResolve = resolveOnlyInProxy([LIVE_DOMAIN, STAGING_DOMAIN])
  })
  afterAll(() => undoResolve())
  afterEach(() => stopProxy(proxy))
  // Each edge's name resolves inside the proxy only, to its TLS edge's local port.
  const edgePorts = () => ({
    [`${LIVE_DOMAIN}:443`]: Number(new URL(tlsUrl).port),
    [`${STAGING_DOMAIN}:443`]: Number(new URL(tlsStagingUrl).port)
  })

  it('reads the domain name with GetDistribution and asks https://<it> through HTTPS_PROXY', async () => {
    proxy = await startProxy(undefined, edgePorts())
    // The API endpoint is loopback, so it goes direct; the edge only through the proxy.
    const result = await run({ 'site-dir': 'public' }, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca })
    expect(errorsOf(result)).toEqual([])
    expect(result.outputs.verified).toBe('true')
    expect(result.stdout).toContain(`at https://${LIVE_DOMAIN}`)
    expect(emulator.requests.some(r => r.operation === 'GetDistribution')).toBe(true)
    expect(new Set(proxy.connects)).toEqual(new Set([`${LIVE_DOMAIN}:443`]))
    expect(tlsEdge.requests.length).toBe(URLS.length)
  })

  it('with a sync-log: one GetDistribution per distribution, read for the mapping and reused by verify', async () => {
    proxy = await startProxy(undefined, edgePorts())
    const result = await run(
      { 'distribution-id': `${LIVE} ${STAGING}`, paths: '', 'sync-log': 'second-sync.log' },
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca }
    )
    expect(errorsOf(result)).toEqual([])
    expect(result.outputs.verified).toBe('true')
    const reads = emulator.requests.filter(r => r.operation === 'GetDistribution')
    expect(reads.map(r => r.url).sort()).toEqual([
      `/2020-05-31/distribution/${LIVE}`,
      `/2020-05-31/distribution/${STAGING}`
    ])
    // second-sync.log: 6 objects, at their own URLs and 2 directory URLs, in both distributions.
    expect(result.stdout).toContain(
      `Asked 16 URLs (${LIVE} at https://${LIVE_DOMAIN}, ${STAGING} at https://${STAGING_DOMAIN})`
    )
    expect(tlsEdge.requests.map(r => r.path)).toContain('/blog/index.html')
  })

  it('found by the synced bucket, GetDistribution denied: verify asks at the domain names ListDistributions listed', async () => {
    emulator.deny('GetDistribution')
    proxy = await startProxy(undefined, edgePorts())
    const result = await run(
      { 'distribution-id': '', paths: '', 'sync-log': 'second-sync.log' },
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca }
    )
    expect(errorsOf(result)).toEqual([])
    expect(emulator.requests.filter(r => r.operation === 'GetDistribution')).toHaveLength(2)
    for (const [id, domain] of [
      [LIVE, LIVE_DOMAIN],
      [STAGING, STAGING_DOMAIN]
    ]) {
      expect(result.stdout).toContain(
        `${id} (bucket ${BUCKET}): cloudfront:GetDistribution was denied when its configuration was read, so verify does not call it again: it asks at https://${domain} (the domain name ListDistributions listed).`
      )
    }
    expect(result.outputs.verified).toBe('true')
    expect(new Set(proxy.connects)).toEqual(new Set([`${LIVE_DOMAIN}:443`, `${STAGING_DOMAIN}:443`]))
  })

  it('with several distributions, each is asked at its own domain name', async () => {
    proxy = await startProxy(undefined, edgePorts())
    const result = await run(
      { 'distribution-id': `${LIVE} ${STAGING}`, 'site-dir': 'public' },
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca }
    )
    expect(errorsOf(result)).toEqual([])
    expect(result.outputs.verified).toBe('true')
    expect(result.stdout).toContain(
      `Asked 12 URLs (${LIVE} at https://${LIVE_DOMAIN}, ${STAGING} at https://${STAGING_DOMAIN})`
    )
    expect(new Set(proxy.connects)).toEqual(new Set([`${LIVE_DOMAIN}:443`, `${STAGING_DOMAIN}:443`]))
    for (const id of [LIVE, STAGING]) {
      expect(
        tlsEdge.requests
          .filter(r => r.distributionId === id)
          .map(r => r.path)
          .sort()
      ).toEqual([...URLS].sort())
    }
  })
})

describe('GetDistribution denied', () => {
  it('with a sync-log: denied once, for the mapping; verify does not ask again and says what it falls back to', async () => {
    emulator.deny('GetDistribution')
    const result = await run({ paths: '', 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(0)
    expect(emulator.requests.filter(r => r.operation === 'GetDistribution')).toHaveLength(1)
    expect(result.stdout).toContain(
      `${LIVE}: cloudfront:GetDistribution was denied when its configuration was read, so verify does not call it again: it asks at no address: give site-url.`
    )
    expect(result.stdout).toContain('::warning::Nothing could be verified')
    expect(result.outputs.verified).toBe('')
  })

  it('with a sync-log and site-url: asked at site-url, / judged by freshness (the default root object is unknown)', async () => {
    emulator.deny('GetDistribution')
    writeTree(publicDir, { ...DEPLOYED, 'index.html': '<h1>Not what / serves</h1>' })
    const result = await run({
      paths: '/',
      'index-document': 'index.html',
      'sync-log': 'second-sync.log',
      'site-url': edges[LIVE] as string,
      'site-dir': 'public'
    })
    expect(emulator.requests.filter(r => r.operation === 'GetDistribution')).toHaveLength(1)
    expect(result.stdout).toContain(
      `${LIVE}: cloudfront:GetDistribution was denied when its configuration was read, so verify does not call it again: it asks at ${edges[LIVE]}/, and judges / by freshness alone (its default root object is unknown).`
    )
    expect(errorsOf(result)).toEqual([])
    expect(result.outputs.verified).toBe('true')
  })
})

describe('inputs and dry run', () => {
  it('a dry run says what verify would ask, and asks nothing', async () => {
    const result = await run({ 'site-url': edges[LIVE] as string, 'dry-run': 'true' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      `Dry run: verify would ask 6 URLs at ${edges[LIVE]}/ once complete: /index.html, /, /about.html`
    )
    expect(edge.requests).toEqual([])
  })

  it('site-url with several distributions is an input error before any request', async () => {
    const result = await run({ 'distribution-id': `${LIVE} ${STAGING}`, 'site-url': 'https://www.example.com' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toMatch(
      /^Input "site-url": "https:\/\/www.example.com" names one site, and the step invalidates several distributions/
    )
    expect(emulator.requests).toEqual([])
  })

  it('site-url that is not an http(s) URL, or holds a password, is an input error that names it', async () => {
    const ftp = await run({ 'site-url': 'ftp://www.example.com' })
    expect(errorsOf(ftp)[0]).toContain('Input "site-url": "ftp://www.example.com" is not an http or https URL')
    const secret = await run({ 'site-url': 'https://user:hunter2@www.example.com' })
    expect(errorsOf(secret)[0]).toContain('Input "site-url"')
    expect(secret.stdout).not.toContain('hunter2')
  })
})
