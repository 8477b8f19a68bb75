/**
 * End-to-end: the deploy mapped through each distribution's own configuration. The committed
 * dist/index.js, under Node 24, reads real `aws s3 sync` output (__fixtures__/aws-s3-sync/, bucket
 * my-site-bucket), reads each distribution's origins, origin path, behaviors and default root object
 * from the local CloudFront endpoint (GetDistribution, ListDistributions), and invalidates exactly the
 * URLs that serve what changed.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator, type DistributionSpec } from '../emulator/server.js'
import { errorsOf, runAction } from '../__fixtures__/runner.js'
import { CAPTURED, SECOND_SYNC_URLS } from '../__fixtures__/aws-s3-sync.js'

const BUCKET = 'my-site-bucket'
const REST = `${BUCKET}.s3.us-east-1.amazonaws.com`
const WEBSITE = `${BUCKET}.s3-website-us-east-1.amazonaws.com`

// first-sync.log: 16 uploads, of which these 6 are under assets/.
const FIRST_ASSETS = [
  '/100%25.txt',
  '/a+b.txt',
  '/app.3f2a.css',
  '/app.9c1d.js',
  '/hash%231.txt',
  '/img/logo%20small.png',
  '/tilde%7Efile.txt',
  '/%5Bdraft%5D.html'
].sort()

let emulator: CloudFrontEmulator
let endpoint: string
let workspace: string

async function start(distributions: (string | DistributionSpec)[]): Promise<void> {
  emulator = new CloudFrontEmulator({ distributions })
  endpoint = await emulator.start()
}
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'cf-routing-'))
  for (const name of ['first-sync.log', 'second-sync.log', 'noprogress.log']) {
    copyFileSync(join(CAPTURED, name), join(workspace, name))
  }
})
afterEach(() => emulator.stop())

const run = (inputs: Record<string, string>) => runAction({ endpoint, inputs, cwd: workspace })
const calls = (operation: string) => emulator.requests.filter(r => r.operation === operation)
const sentTo = (id: string) =>
  emulator.invalidations
    .filter(i => i.targetId === id)
    .flatMap(i => i.paths)
    .sort()
const warningsOf = (stdout: string) => stdout.split('\n').filter(line => line.startsWith('::warning::'))

describe("the distribution's own origin path", () => {
  it('read from the distribution: keys under it lose it, the others are skipped and counted', async () => {
    await start([{ id: 'EPRODASSETS001', origins: [{ id: 'site', domainName: REST, originPath: '/assets' }] }])
    const result = await run({ 'distribution-id': 'EPRODASSETS001', 'sync-log': 'first-sync.log' })
    expect(result.code).toBe(0)
    expect(sentTo('EPRODASSETS001')).toEqual(FIRST_ASSETS)
    expect(calls('GetDistribution')).toHaveLength(1)
    expect(result.stdout).toContain(
      `EPRODASSETS001: ${BUCKET} is served through origin site (${REST}), origin path /assets; 16 objects changed: 8 → 8 URLs; 8 outside the origin path (not served by it).`
    )
    expect(result.summary).toContain('origin path /assets')
    expect(result.stdout).toContain(
      'EPRODASSETS001: 8 paths given, 8 to send.\n::group::Paths for EPRODASSETS001, through its configuration\n  /100%25.txt'
    )
    // One story: the plan before the configuration carries no headline of what is sent.
    expect(result.stdout).toContain(
      "::group::Paths as the step is configured, before each distribution's configuration is read"
    )
    expect(result.stdout).not.toMatch(/^16 paths given/m)
  })

  it('origin-path contradicting the distribution fails before any invalidation, naming both', async () => {
    await start([{ id: 'EPRODASSETS001', origins: [{ id: 'site', domainName: REST, originPath: '/assets' }] }])
    const result = await run({
      'distribution-id': 'EPRODASSETS001',
      'sync-log': 'first-sync.log',
      'origin-path': '/blog'
    })
    expect(result.code).toBe(1)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain(
      `EPRODASSETS001: origin-path is /blog, and the distribution's origin path for ${REST} is /assets`
    )
  })

  it('origin-path agreeing with the distribution changes nothing', async () => {
    await start([{ id: 'EPRODASSETS001', origins: [{ id: 'site', domainName: REST, originPath: '/assets' }] }])
    const result = await run({
      'distribution-id': 'EPRODASSETS001',
      'sync-log': 'first-sync.log',
      'origin-path': 'assets/'
    })
    expect(result.code).toBe(0)
    expect(sentTo('EPRODASSETS001')).toEqual(FIRST_ASSETS)
  })
})

describe('the wrong bucket', () => {
  it('fails before any invalidation, naming the bucket, the distribution and the buckets it serves', async () => {
    await start([
      {
        id: 'ESTAGING000001',
        origins: [
          { id: 'staging', domainName: 'staging-site-bucket.s3.us-east-1.amazonaws.com' },
          { id: 'media', domainName: 'media-bucket.s3.amazonaws.com' }
        ],
        behaviors: [{ pathPattern: '/media/*', targetOriginId: 'media' }]
      }
    ])
    const result = await run({ 'distribution-id': 'ESTAGING000001', 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(1)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain(
      `ESTAGING000001 does not serve the bucket ${BUCKET} that the sync-log names: its origins serve the buckets staging-site-bucket, media-bucket. Wrong distribution, or wrong bucket?`
    )
    // The run page says so too, and the group the failure came in is closed before the error.
    expect(result.outputs.invalidations).toBe('[]')
    expect(result.summary).toContain('No invalidation was created.')
    expect(result.summary).toContain('Wrong distribution, or wrong bucket?')
    const lines = result.stdout.split('\n')
    const error = lines.findIndex(line => line.startsWith('::error::'))
    expect(lines.slice(0, error).filter(l => l === '::endgroup::')).toHaveLength(
      lines.slice(0, error).filter(l => l.startsWith('::group::')).length
    )
  })

  it('with an origin that is not S3, the mapping goes on as configured and the log says why', async () => {
    await start([
      { id: 'EALBONLY000001', origins: [{ id: 'app', domainName: 'app-1234.us-east-1.elb.amazonaws.com' }] }
    ])
    const result = await run({ 'distribution-id': 'EALBONLY000001', 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(0)
    expect(sentTo('EALBONLY000001')).toHaveLength(8)
    expect(result.stdout).toContain(
      `EALBONLY000001: no origin is an S3 endpoint of ${BUCKET}, and app (app-1234.us-east-1.elb.amazonaws.com) is not an S3 bucket endpoint, so whether it serves ${BUCKET} could not be checked; keys mapped as the step is configured (origin-path none).`
    )
  })
})

describe('distributions found by the synced bucket', () => {
  it('no distribution named: each serving distribution gets the URLs its own origin path maps', async () => {
    await start([
      { id: 'EOTHERSITE0001', origins: [{ id: 'o', domainName: 'other-bucket.s3.amazonaws.com' }] },
      { id: 'EWHOLESITE0001', origins: [{ id: 'site', domainName: REST }] },
      {
        id: 'EASSETS0000001',
        origins: [{ id: 'cdn', domainName: `${BUCKET}.s3.amazonaws.com`, originPath: '/assets' }]
      },
      { id: 'EDOCSONLY00001', origins: [{ id: 'docs', domainName: REST, originPath: '/docs' }] },
      { id: 'EFEEDONLY00001', origins: [{ id: 'feed', domainName: REST, originPath: '/feeds' }] }
    ])
    const result = await run({ 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(0)
    expect(calls('ListDistributions')).toHaveLength(1)
    expect(calls('GetDistribution')).toHaveLength(4)
    expect(sentTo('EOTHERSITE0001')).toEqual([])
    expect(sentTo('EWHOLESITE0001')).toEqual(SECOND_SYNC_URLS)
    expect(sentTo('EASSETS0000001')).toEqual(['/%5Bdraft%5D.html', '/app.3f2a.css', '/app.77aa.css'])
    expect(sentTo('EDOCSONLY00001')).toEqual(['/getting%20started/faq.html'])
    // Its origin path excludes every changed key: nothing for it.
    expect(sentTo('EFEEDONLY00001')).toEqual([])
    expect(result.stdout).toContain(`bucket ${BUCKET} → EWHOLESITE0001, EASSETS0000001, EDOCSONLY00001, EFEEDONLY00001`)
    expect(result.stdout).toContain(
      `EFEEDONLY00001 (bucket ${BUCKET}): no changed object is served by it: no invalidation.`
    )
    // The summary counts what each distribution got, not the step's plan before the mapping.
    expect(result.summary).toContain('Paths per distribution:')
    expect(result.summary).toContain(`EDOCSONLY00001 (bucket ${BUCKET}): 1 path given, 1 sent.`)
    expect(result.summary).not.toMatch(/^6 paths given/m)
  })

  it('none found: fails naming the bucket and how many distributions were searched', async () => {
    await start([
      { id: 'EOTHERSITE0001', origins: [{ id: 'o', domainName: 'other-bucket.s3.amazonaws.com' }] },
      'EPLAIN00000001'
    ])
    const result = await run({ 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(1)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain(
      `no distribution serves the bucket ${BUCKET} that the sync-log names: none of the account's 2 distributions`
    )
  })

  it('ListDistributions denied while finding by bucket fails, naming the permission', async () => {
    await start([{ id: 'EWHOLESITE0001', origins: [{ id: 'site', domainName: REST }] }])
    emulator.deny('ListDistributions')
    const result = await run({ 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)[0]).toMatch(
      /Finding the distributions by the bucket the sync-log names was denied: the credentials lack cloudfront:ListDistributions/
    )
  })
})

describe('cache behaviors, origin groups and the default root object', () => {
  it('a behavior routing a folder to another bucket skips its keys, counted', async () => {
    await start([
      {
        id: 'EWITHMEDIA0001',
        origins: [
          { id: 'site', domainName: REST },
          { id: 'static', domainName: 'static-assets.s3.amazonaws.com' }
        ],
        behaviors: [{ pathPattern: '/assets/*', targetOriginId: 'static' }]
      }
    ])
    const result = await run({ 'distribution-id': 'EWITHMEDIA0001', 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(0)
    // Everything but /assets/, which the behavior routes to the other origin.
    expect(sentTo('EWITHMEDIA0001')).toEqual(SECOND_SYNC_URLS.filter(url => !url.startsWith('/assets/')))
    expect(result.stdout).toContain('6 objects changed: 3 → 3 URLs; 3 served by another origin (not invalidated here).')
  })

  it('an origin group with a website-endpoint member serves the bucket', async () => {
    await start([
      {
        id: 'EFAILOVER00001',
        origins: [
          { id: 'primary', domainName: 'primary-bucket.s3.eu-west-1.amazonaws.com' },
          { id: 'secondary', domainName: WEBSITE }
        ],
        originGroups: [{ id: 'group', members: ['primary', 'secondary'] }],
        defaultTargetOriginId: 'group'
      }
    ])
    const result = await run({ 'distribution-id': 'EFAILOVER00001', 'sync-log': 'noprogress.log' })
    expect(result.code).toBe(0)
    expect(sentTo('EFAILOVER00001')).toEqual(['/zz.html'])
    expect(result.stdout).toContain(`served through origin secondary (${WEBSITE}), origin path none`)
  })

  it('the default root object: when its key changed, / is invalidated too', async () => {
    await start([{ id: 'EROOTOBJECT001', origins: [{ id: 'site', domainName: REST }], defaultRootObject: 'zz.html' }])
    const result = await run({ 'distribution-id': 'EROOTOBJECT001', 'sync-log': 'noprogress.log' })
    expect(result.code).toBe(0)
    expect(sentTo('EROOTOBJECT001')).toEqual(['/', '/zz.html'])
    expect(result.stdout).toContain('(/ too: the default root object zz.html changed)')
  })
})

describe('permissions and dry run', () => {
  it('GetDistribution denied: a warning naming the permission and the ARN, and the step goes on as configured', async () => {
    await start([{ id: 'EPRODASSETS001', origins: [{ id: 'site', domainName: REST, originPath: '/assets' }] }])
    emulator.deny('GetDistribution')
    const result = await run({ 'distribution-id': 'EPRODASSETS001', 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(0)
    // As configured: no origin-path, so every key at its own path (as before this feature).
    expect(sentTo('EPRODASSETS001')).toHaveLength(8)
    expect(warningsOf(result.stdout).join('\n')).toContain(
      'Reading the configuration of EPRODASSETS001 was denied: the credentials lack cloudfront:GetDistribution on arn:aws:cloudfront::123456789012:distribution/EPRODASSETS001'
    )
  })

  it('dry run: the read-only calls are made and the mapping is shown; no invalidation', async () => {
    await start([{ id: 'EPRODASSETS001', origins: [{ id: 'site', domainName: REST, originPath: '/assets' }] }])
    const result = await run({ 'distribution-id': 'EPRODASSETS001', 'sync-log': 'second-sync.log', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    expect(calls('GetDistribution')).toHaveLength(1)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(result.stdout).toContain(
      "Reading each distribution's configuration (read-only calls, made in a dry run too)"
    )
    expect(result.stdout).toContain('6 objects changed: 3 → 3 URLs; 3 outside the origin path (not served by it).')
    expect(result.stdout).toMatch(/"Items": \[\s+"\/%5Bdraft%5D.html",\s+"\/app.3f2a.css",\s+"\/app.77aa.css"\s+\]/)
  })

  it('a step with paths only makes no configuration call', async () => {
    await start([{ id: 'EPRODASSETS001', origins: [{ id: 'site', domainName: REST, originPath: '/assets' }] }])
    const result = await run({ 'distribution-id': 'EPRODASSETS001', paths: '/index.html' })
    expect(result.code).toBe(0)
    expect(emulator.requests.map(r => r.operation)).toEqual(['CreateInvalidation'])
  })
})
