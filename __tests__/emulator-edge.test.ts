/**
 * The emulator's edge: a folder per bucket served through a distribution's origins and behaviors, and
 * a cache per URL that only a Completed invalidation created after the copy drops, as on CloudFront.
 * Invalidations are created through the real SDK against the emulator's API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { CloudFrontEdge, pathPatternMatches } from '../emulator/edge.js'
import { CloudFrontEmulator, type DistributionSpec } from '../emulator/server.js'
import { cloudFrontApi } from '../src/cloudfront/client.js'
import { FAKE_CREDENTIALS } from '../__fixtures__/runner.js'

const DIST = 'E1EDGETEST0001'
const root = mkdtempSync(join(tmpdir(), 'edge-test-'))
const site = join(root, 'site-bucket')
const media = join(root, 'media-bucket')

function put(folder: string, key: string, text: string): void {
  mkdirSync(dirname(join(folder, key)), { recursive: true })
  writeFileSync(join(folder, key), text)
}

const distribution: DistributionSpec = {
  id: DIST,
  domainName: 'd1edgetest.cloudfront.net',
  origins: [
    { id: 'site', domainName: 'site-bucket.s3.us-east-1.amazonaws.com', originPath: '/prod' },
    { id: 'website', domainName: 'site-bucket.s3-website-us-east-1.amazonaws.com', originPath: '/prod' },
    { id: 'media', domainName: 'media-bucket.s3.amazonaws.com' },
    { id: 'gone', domainName: 'no-such-bucket.s3.amazonaws.com' }
  ],
  originGroups: [{ id: 'failover', members: ['gone', 'media'] }],
  defaultTargetOriginId: 'site',
  behaviors: [
    { pathPattern: '/media/*', targetOriginId: 'media' },
    { pathPattern: 'docs/*', targetOriginId: 'website' },
    { pathPattern: '/backup/*', targetOriginId: 'failover' }
  ],
  defaultRootObject: 'home.html'
}

const buckets = { buckets: { 'site-bucket': site, 'media-bucket': media } }

let emulator: CloudFrontEmulator
let edge: CloudFrontEdge
let base: string
const api = () => cloudFrontApi('us-east-1')

beforeAll(async () => {
  Object.assign(process.env, FAKE_CREDENTIALS)
  emulator = new CloudFrontEmulator({ distributions: [distribution] })
  process.env.AWS_ENDPOINT_URL_CLOUDFRONT = await emulator.start()
  edge = new CloudFrontEdge(emulator, buckets)
  base = await edge.serve(DIST)
})
afterAll(async () => {
  await edge.stop()
  await emulator.stop()
  delete process.env.AWS_ENDPOINT_URL_CLOUDFRONT
})
beforeEach(() => {
  rmSync(root, { recursive: true, force: true })
  put(site, 'prod/home.html', 'home v1')
  put(site, 'prod/about.html', 'about v1')
  put(site, 'prod/docs/index.html', 'docs v1')
  put(media, 'media/logo.svg', '<svg/>')
})

const get = async (path: string) => {
  const response = await fetch(`${base}${path}`, { redirect: 'manual' })
  return {
    status: response.status,
    xCache: response.headers.get('x-cache'),
    age: response.headers.get('age'),
    location: response.headers.get('location'),
    body: await response.text()
  }
}
const invalidate = async (paths: string[]) =>
  api().create({ kind: 'distribution', id: DIST }, paths, `edge-test-${Math.random()}`, new AbortController().signal)

describe('the cache', () => {
  it('a Miss first, then Hits with Age; the copy outlives a deploy until an invalidation completes', async () => {
    expect(await get('/about.html')).toMatchObject({
      status: 200,
      xCache: 'Miss from cloudfront',
      age: null,
      body: 'about v1'
    })
    expect(await get('/about.html')).toMatchObject({ xCache: 'Hit from cloudfront', age: '0', body: 'about v1' })
    put(site, 'prod/about.html', 'about v2')
    expect((await get('/about.html')).body).toBe('about v1')
    emulator.setCompletionDelay(60_000)
    const pending = await invalidate(['/about.html'])
    expect((await get('/about.html')).body).toBe('about v1') // InProgress: not yet
    emulator.complete(pending.invalidationId)
    emulator.setCompletionDelay(0)
    expect(await get('/about.html')).toMatchObject({ xCache: 'Miss from cloudfront', body: 'about v2' })
    expect(await get('/about.html')).toMatchObject({ xCache: 'Hit from cloudfront', body: 'about v2' })
  })

  it('a copy cached after the invalidation was created stays; a wildcard covers; the query string is not in the key', async () => {
    await invalidate(['/docs/*'])
    await get('/docs/')
    put(site, 'prod/docs/index.html', 'docs v2')
    expect((await get('/docs/?page=2')).body).toBe('docs v1')
    await invalidate(['/docs/*'])
    expect((await get('/docs/')).body).toBe('docs v2')
  })

  it('warm() holds copies as if cached that long ago', async () => {
    // A URL no invalidation of this emulator has covered yet: an hour ago predates them all.
    put(site, 'prod/team.html', 'team v1')
    edge.warm(DIST, ['/team.html'], 3600)
    put(site, 'prod/team.html', 'team v2')
    expect(await get('/team.html')).toMatchObject({ xCache: 'Hit from cloudfront', age: '3600', body: 'team v1' })
  })
})

describe('past the TTL', () => {
  it('a copy is revalidated: a RefreshHit when the origin still has it, a Miss when it changed', async () => {
    const revalidating = new CloudFrontEdge(emulator, { ...buckets, ttlSeconds: 0 })
    const url = await revalidating.serve(DIST)
    try {
      const xCache = async () => (await fetch(`${url}/about.html`)).headers.get('x-cache')
      expect(await xCache()).toBe('Miss from cloudfront')
      expect(await xCache()).toBe('RefreshHit from cloudfront')
      put(site, 'prod/about.html', 'about v3')
      expect(await xCache()).toBe('Miss from cloudfront')
    } finally {
      await revalidating.stop()
    }
  })
})

describe('the origins', () => {
  it('the default root object for /, the origin path before every key, the REST 403 for a missing key', async () => {
    await invalidate(['/*'])
    expect((await get('/')).body).toBe('home v1')
    const missing = await get('/nothing.html')
    expect(missing.status).toBe(403)
    expect(missing.body).toContain('<Code>AccessDenied</Code>')
  })

  it('a website endpoint serves index documents, redirects a folder without its slash, and 404s', async () => {
    await invalidate(['/*'])
    expect(await get('/docs/')).toMatchObject({ status: 200, body: 'docs v1' })
    expect(await get('/docs/missing.html')).toMatchObject({ status: 404 })
    put(site, 'prod/docs/guide/index.html', 'guide')
    expect(await get('/docs/guide')).toMatchObject({ status: 302, location: '/docs/guide/' })
  })

  it('behaviors route to other buckets in order; an origin group fails over', async () => {
    await invalidate(['/*'])
    expect(await get('/media/logo.svg')).toMatchObject({ status: 200, body: '<svg/>' })
    put(media, 'backup/a.txt', 'from media')
    expect(await get('/backup/a.txt')).toMatchObject({ status: 200, body: 'from media' })
  })

  it('refuse() answers everything with an error, as WAF or signed URLs do', async () => {
    edge.refuse(DIST, 403)
    try {
      expect(await get('/about.html')).toMatchObject({ status: 403, xCache: 'Error from cloudfront' })
    } finally {
      edge.refuse(DIST, undefined)
    }
  })
})

describe('pathPatternMatches', () => {
  it.each([
    ['*.jpg', '/a/b.jpg', true],
    ['/images/*', '/images/a/b.png', true],
    ['images/*.jpg', '/images/x.jpg', true],
    ['/images/*', '/Images/a.png', false],
    ['/a?c.html', '/abc.html', true],
    ['/a?c.html', '/abbc.html', false],
    ['/media/*', '/media', false]
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(pathPatternMatches(pattern, path)).toBe(expected)
  })
})
