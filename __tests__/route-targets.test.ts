import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeCloudFront, apiError, routingFor } from '../__fixtures__/fake-cloudfront.js'
import { CloudFrontEmulator } from '../emulator/server.js'
import { cloudFrontApi } from '../src/cloudfront/client.js'
import { findByBucket } from '../src/cloudfront/lookup.js'
import type { PathSource } from '../src/paths/source.js'
import { readSyncLogs } from '../src/paths/sync-log.js'
import { routeTargets, type RoutingInput } from '../src/routing/route-targets.js'
import type { Target } from '../src/targets.js'

const DIST = 'EDFDVBD632BHDS5'
const OTHER = 'E2QWRUHAPOMQZL'
const dir = mkdtempSync(join(tmpdir(), 'route-targets-'))
const log = (name: string, lines: string[]) => {
  writeFileSync(join(dir, name), lines.join('\n'))
  return readSyncLogs([join(dir, name)], '')
}
const deploy = log('deploy.log', [
  'upload: public/index.html to s3://my-site/prod/index.html',
  'upload: public/media/a.png to s3://my-site/prod/media/a.png',
  'delete: s3://my-site/staging/old.html'
])
const distribution = (id: string): Target => ({ kind: 'distribution', id, given: [id] })
const pathsOf = (sources: PathSource[] | undefined) => {
  const paths: string[] = []
  for (const source of sources ?? []) source.forEach(path => paths.push(path))
  return paths
}

function route(api: FakeCloudFront, overrides: Partial<RoutingInput> = {}) {
  const warnings: string[] = []
  const input: RoutingInput = {
    targets: [distribution(DIST)],
    syncLogs: deploy,
    originPath: '',
    listed: undefined,
    warn: message => warnings.push(message),
    signal: new AbortController().signal,
    ...overrides
  }
  return { result: routeTargets(api, input), warnings }
}

describe('routeTargets', () => {
  it("maps through the distribution's origin path and behaviors, counting what it skipped", async () => {
    const api = new FakeCloudFront()
    api.routings.set(DIST, {
      ...routingFor(DIST, 'my-site', '/prod'),
      origins: [
        { id: 'site', domainName: 'my-site.s3.us-east-1.amazonaws.com', originPath: '/prod' },
        { id: 'media', domainName: 'media.s3.amazonaws.com', originPath: '' }
      ],
      behaviors: [{ pathPattern: '/media/*', targetOriginId: 'media' }],
      defaultRootObject: 'index.html'
    })
    const [routed] = await route(api).result
    expect(pathsOf(routed?.sources)).toEqual(['/index.html', '/'])
    // What was read goes on to verify, which then reads nothing again.
    expect(routed?.read).toEqual({ how: 'GetDistribution', routing: api.routings.get(DIST) })
    expect(routed?.line).toBe(
      `${DIST}: my-site is served through origin site (my-site.s3.us-east-1.amazonaws.com), origin path /prod; 3 objects changed: 1 → 2 URLs (/ too: the default root object index.html changed); 1 outside the origin path (not served by it); 1 served by another origin (not invalidated here).`
    )
  })

  it('fails for every distribution that serves another bucket, naming them all, before any invalidation', async () => {
    const api = new FakeCloudFront()
    api.routings.set(DIST, routingFor(DIST, 'staging-site'))
    api.routings.set(OTHER, { ...routingFor(OTHER, 'x'), origins: [] })
    const { result } = route(api, { targets: [distribution(DIST), distribution(OTHER)] })
    await expect(result).rejects.toThrow(
      `${DIST} does not serve the bucket my-site that the sync-log names: its origins serve the bucket staging-site. Wrong distribution, or wrong bucket?`
    )
    await expect(result).rejects.toThrow(
      `${OTHER} does not serve the bucket my-site that the sync-log names: its origins serve no S3 bucket.`
    )
    expect(api.created).toHaveLength(0)
  })

  it('origin-path that contradicts the distribution fails, naming both; one that agrees maps', async () => {
    const api = new FakeCloudFront()
    api.routings.set(DIST, routingFor(DIST, 'my-site', '/prod'))
    await expect(route(api, { originPath: 'staging/' }).result).rejects.toThrow(
      "origin-path is /staging, and the distribution's origin path for my-site.s3.us-east-1.amazonaws.com is /prod"
    )
    const [routed] = await route(api, { originPath: 'prod/' }).result
    expect(pathsOf(routed?.sources)).toEqual(['/index.html', '/media/a.png'])
  })

  it('GetDistribution denied: a warning with the permission and ARN, and the step goes on as configured', async () => {
    const api = new FakeCloudFront()
    api.lookupErrors.push(
      apiError(
        'AccessDenied',
        `User: arn:aws:sts::111122223333:assumed-role/deploy/gha is not authorized to perform: cloudfront:GetDistribution`,
        403
      )
    )
    const { result, warnings } = route(api)
    const [routed] = await result
    expect(routed?.sources).toBeUndefined()
    expect(routed?.read).toEqual({ how: 'denied', summary: undefined })
    expect(routed?.line).toContain('keys mapped as the step is configured (origin-path none)')
    expect(warnings).toEqual([
      expect.stringContaining(
        `the credentials lack cloudfront:GetDistribution on arn:aws:cloudfront::111122223333:distribution/${DIST}; the origin path, the bucket, the cache behaviors and the default root object were not checked`
      )
    ])
  })

  it("GetDistribution denied after a ListDistributions pass: its summary maps, and the warning says / can't be added", async () => {
    const api = new FakeCloudFront()
    api.lookupErrors.push(apiError('AccessDenied', 'denied', 403))
    const summary = { ...routingFor(DIST, 'my-site', '/prod'), defaultRootObject: undefined }
    const listed = new Map([
      [DIST, { id: DIST, arn: summary.arn, domainName: 'd.cloudfront.net', aliases: [], routing: summary }]
    ])
    const { result, warnings } = route(api, { listed })
    const [routed] = await result
    expect(pathsOf(routed?.sources)).toEqual(['/index.html', '/media/a.png'])
    expect(routed?.read).toEqual({ how: 'denied', summary })
    expect(warnings[0]).toContain('without the default root object')
  })

  it('other errors of GetDistribution fail the step, explained', async () => {
    const api = new FakeCloudFront()
    await expect(route(api).result).rejects.toThrow(`${DIST} does not exist in this AWS account`)
  })

  it('an origin that is not S3, an access point, a tenant: as configured, saying why', async () => {
    const api = new FakeCloudFront()
    api.routings.set(DIST, {
      ...routingFor(DIST, 'x'),
      origins: [{ id: 'app', domainName: 'app.example.com', originPath: '' }],
      defaultTargetOriginId: 'app'
    })
    const tenant: Target = { kind: 'tenant', id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB', given: [] }
    const [first, second] = await route(api, { targets: [distribution(DIST), tenant] }).result
    expect(first?.sources).toBeUndefined()
    expect(first?.line).toContain(
      'app (app.example.com) is not an S3 bucket endpoint, so whether it serves my-site could not be checked'
    )
    expect(second?.line).toContain("a tenant's configuration is its distribution's and is not read")
    expect(api.calls.map(c => c.target)).toEqual([DIST])

    const viaAccessPoint = log('ap.log', [
      'upload: a to s3://arn:aws:s3:us-east-1:123456789012:accesspoint/site/a.html'
    ])
    const [routed] = await route(new FakeCloudFront(), { syncLogs: viaAccessPoint }).result
    expect(routed?.line).toContain('went through the access point arn:aws:s3:us-east-1:123456789012:accesspoint/site')
  })
})

describe('findByBucket', () => {
  it('finds every distribution with an origin of the bucket, and keeps the listing', async () => {
    const api = new FakeCloudFront()
    for (const [id, bucket] of [
      [DIST, 'my-site'],
      [OTHER, 'other'],
      ['EWEBSITE000001', 'my-site']
    ] as const) {
      api.distributions.push({
        id,
        arn: `arn:aws:cloudfront::123456789012:distribution/${id}`,
        domainName: '',
        aliases: [],
        routing: routingFor(id, bucket)
      })
    }
    const found = await findByBucket(api, 'my-site', 'aws', new AbortController().signal)
    expect(found.targets.map(t => t.id)).toEqual([DIST, 'EWEBSITE000001'])
    expect(found.listed.size).toBe(3)
    await expect(findByBucket(api, 'nobody', 'aws', new AbortController().signal)).rejects.toThrow(
      "no distribution serves the bucket nobody that the sync-log names: none of the account's 3 distributions"
    )
  })
})

describe('the SDK client reads the configuration CloudFront answers (against the emulator)', () => {
  it('GetDistribution and ListDistributions: origins, origin groups, behaviors; the root object only from GetDistribution', async () => {
    const emulator = new CloudFrontEmulator({
      distributions: [
        {
          id: DIST,
          origins: [
            { id: 'site', domainName: 'my-site.s3.us-east-1.amazonaws.com', originPath: '/prod' },
            { id: 'web', domainName: 'my-site.s3-website-us-east-1.amazonaws.com' }
          ],
          originGroups: [{ id: 'group', members: ['site', 'web'] }],
          defaultTargetOriginId: 'group',
          behaviors: [{ pathPattern: '/media/*', targetOriginId: 'web' }],
          defaultRootObject: 'home.html'
        }
      ]
    })
    const saved = { ...process.env }
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_CLOUDFRONT: await emulator.start(),
      AWS_ACCESS_KEY_ID: 'AKIAFAKEKEYID7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'fakeSecretKey/K7MDENG/bPxRfiCYzzSECRETzz'
    })
    try {
      const api = cloudFrontApi('us-east-1')
      const signal = new AbortController().signal
      const expected = {
        id: DIST,
        arn: `arn:aws:cloudfront::123456789012:distribution/${DIST}`,
        origins: [
          { id: 'site', domainName: 'my-site.s3.us-east-1.amazonaws.com', originPath: '/prod' },
          { id: 'web', domainName: 'my-site.s3-website-us-east-1.amazonaws.com', originPath: '' }
        ],
        originGroups: [{ id: 'group', members: ['site', 'web'] }],
        defaultTargetOriginId: 'group',
        behaviors: [{ pathPattern: '/media/*', targetOriginId: 'web' }]
      }
      // Both give the domain name, where verify asks by default (after a denied GetDistribution, the listed one).
      const domainName = emulator.domainNameOf(DIST)
      expect(await api.routingOf(DIST, signal)).toEqual({ ...expected, defaultRootObject: 'home.html', domainName })
      const [listed] = (await api.listDistributions(undefined, signal)).distributions
      expect(listed?.routing).toEqual({ ...expected, defaultRootObject: undefined, domainName })
    } finally {
      process.env = saved
      await emulator.stop()
    }
  })
})
