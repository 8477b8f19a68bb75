/**
 * The emulator is checked against a CloudFront client nobody on this project wrote: the AWS CLI v2
 * (Debian's awscli; `npm test` installs it when missing, see scripts/ensure-aws-cli.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator } from '../emulator/server.js'

// Another `aws` (a v1 from pip) may stand earlier on PATH; the Debian one is v2.
const AWS = process.env.AWS_CLI ?? '/usr/bin/aws'
const DIST = 'EDFDVBD632BHDS5'
const dir = mkdtempSync(join(tmpdir(), 'aws-cli-'))

let emulator: CloudFrontEmulator
let endpoint: string

beforeAll(async () => {
  if (!existsSync(AWS))
    throw new Error(`The AWS CLI is not at ${AWS}: install it (apt-get install awscli) or set AWS_CLI.`)
  emulator = new CloudFrontEmulator({ distributions: [DIST] })
  endpoint = await emulator.start()
})
afterAll(() => emulator.stop())

interface CliResult {
  code: number
  stdout: string
  stderr: string
  json: Record<string, unknown>
}

function aws(...args: string[]): Promise<CliResult> {
  return awsAt(endpoint, ...args)
}

/** The CLI against the emulator at `url`. */
function awsAt(url: string, ...args: string[]): Promise<CliResult> {
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1'
  }
  return new Promise(resolve => {
    execFile(
      AWS,
      ['--endpoint-url', url, '--output', 'json', 'cloudfront', ...args],
      { env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        let json: Record<string, unknown> = {}
        try {
          json = stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {}
        } catch {
          // Not JSON (an error): left empty.
        }
        resolve({ code, stdout, stderr, json })
      }
    )
  })
}

type Invalidation = {
  Id: string
  Status: string
  InvalidationBatch: { Paths: { Quantity: number; Items: string[] }; CallerReference: string }
}

describe('the AWS CLI v2 against the emulator', () => {
  it('create-invalidation --paths', async () => {
    const result = await aws('create-invalidation', '--distribution-id', DIST, '--paths', '/index.html', '/assets/*')
    expect(result.code).toBe(0)
    const inv = result.json.Invalidation as Invalidation
    expect(inv.Status).toBe('InProgress')
    expect(inv.InvalidationBatch.Paths).toEqual({ Quantity: 2, Items: ['/index.html', '/assets/*'] })
    expect(result.json.Location).toBe(`${endpoint}/2020-05-31/distribution/${DIST}/invalidation/${inv.Id}`)
  })

  it('create-invalidation --invalidation-batch, get-invalidation, and the same CallerReference again', async () => {
    const batch = JSON.stringify({ Paths: { Quantity: 1, Items: ['/caf%C3%A9.html'] }, CallerReference: 'cli-batch-1' })
    const created = await aws('create-invalidation', '--distribution-id', DIST, '--invalidation-batch', batch)
    expect(created.code).toBe(0)
    const id = (created.json.Invalidation as Invalidation).Id
    const got = await aws('get-invalidation', '--distribution-id', DIST, '--id', id)
    expect(got.code).toBe(0)
    expect((got.json.Invalidation as Invalidation).InvalidationBatch.CallerReference).toBe('cli-batch-1')
    expect((got.json.Invalidation as Invalidation).Status).toBe('Completed')
    const again = await aws('create-invalidation', '--distribution-id', DIST, '--invalidation-batch', batch)
    expect((again.json.Invalidation as Invalidation).Id).toBe(id)
  })

  it('list-invalidations pages with MaxItems and Marker', async () => {
    const all = await aws('list-invalidations', '--distribution-id', DIST)
    const total = ((all.json.InvalidationList as { Items: unknown[] }).Items ?? []).length
    expect(total).toBeGreaterThanOrEqual(2)
    const before = emulator.requests.length
    const paged = await aws('list-invalidations', '--distribution-id', DIST, '--page-size', '1')
    expect(paged.code).toBe(0)
    expect((paged.json.InvalidationList as { Items: unknown[] }).Items).toHaveLength(total)
    const pages = emulator.requests.slice(before)
    expect(pages).toHaveLength(total)
    expect(pages[1]?.url).toMatch(/Marker=I[0-9A-F]+/)
  })

  it('wait invalidation-completed', async () => {
    const created = await aws('create-invalidation', '--distribution-id', DIST, '--paths', '/wait.html')
    const result = await aws(
      'wait',
      'invalidation-completed',
      '--distribution-id',
      DIST,
      '--id',
      (created.json.Invalidation as Invalidation).Id
    )
    expect(result.code).toBe(0)
  })

  const rejected: [string, string[], string][] = [
    [
      'an unknown distribution',
      ['create-invalidation', '--distribution-id', 'E0NOSUCHDIST00', '--paths', '/a'],
      'NoSuchDistribution'
    ],
    [
      'an unknown invalidation',
      ['get-invalidation', '--distribution-id', DIST, '--id', 'I0NOSUCHINVAL'],
      'NoSuchInvalidation'
    ],
    ['a raw space', ['create-invalidation', '--distribution-id', DIST, '--paths', '/a b.html'], 'InvalidArgument'],
    [
      'raw non-ASCII',
      ['create-invalidation', '--distribution-id', DIST, '--paths', '/caf\u00e9.html'],
      'InvalidArgument'
    ],
    ['* before the end', ['create-invalidation', '--distribution-id', DIST, '--paths', '/a*b'], 'InvalidArgument'],
    ['no leading /', ['create-invalidation', '--distribution-id', DIST, '--paths', 'index.html'], 'InvalidArgument'],
    [
      'a path over 4,000 characters',
      ['create-invalidation', '--distribution-id', DIST, '--paths', `/${'a'.repeat(4000)}`],
      'InvalidArgument'
    ],
    [
      'Quantity unlike Items',
      [
        'create-invalidation',
        '--distribution-id',
        DIST,
        '--invalidation-batch',
        JSON.stringify({ Paths: { Quantity: 3, Items: ['/a'] }, CallerReference: 'q' })
      ],
      'InconsistentQuantities'
    ],
    [
      'an unsigned request',
      ['--no-sign-request', 'create-invalidation', '--distribution-id', DIST, '--paths', '/a'],
      'AccessDenied'
    ]
  ]
  it.each(rejected)('reports the error for %s', async (_what, args, code) => {
    const result = await aws(...args)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(`An error occurred (${code})`)
  })

  it('reports BatchTooLarge for 3,001 paths', async () => {
    const file = join(dir, 'batch.json')
    const items = Array.from({ length: 3001 }, (_, i) => `/p${i}`)
    writeFileSync(
      file,
      JSON.stringify({ Paths: { Quantity: items.length, Items: items }, CallerReference: 'too-large' })
    )
    const result = await aws('create-invalidation', '--distribution-id', DIST, '--invalidation-batch', `file://${file}`)
    expect(result.stderr).toContain('An error occurred (BatchTooLarge)')
  })

  it('reports InvalidationBatchAlreadyExists for a reused CallerReference with other paths', async () => {
    const batch = (path: string) => JSON.stringify({ Paths: { Quantity: 1, Items: [path] }, CallerReference: 'reused' })
    expect(
      (await aws('create-invalidation', '--distribution-id', DIST, '--invalidation-batch', batch('/one'))).code
    ).toBe(0)
    const result = await aws('create-invalidation', '--distribution-id', DIST, '--invalidation-batch', batch('/two'))
    expect(result.stderr).toContain('An error occurred (InvalidationBatchAlreadyExists)')
  })

  it('reports TooManyInvalidationsInProgress past 15 wildcards in progress', async () => {
    emulator.setCompletionDelay(60_000)
    const wildcards = Array.from({ length: 15 }, (_, i) => `/w${i}/*`)
    expect((await aws('create-invalidation', '--distribution-id', DIST, '--paths', ...wildcards)).code).toBe(0)
    const result = await aws('create-invalidation', '--distribution-id', DIST, '--paths', '/one-more/*')
    expect(result.stderr).toContain('An error occurred (TooManyInvalidationsInProgress)')
    emulator.setCompletionDelay(0)
  })

  it('reports AccessDenied for an operation the emulator is told to deny', async () => {
    emulator.deny('ListInvalidations')
    const result = await aws('list-invalidations', '--distribution-id', DIST)
    expect(result.stderr).toMatch(
      /An error occurred \(AccessDenied\).*not authorized to perform: cloudfront:ListInvalidations/
    )
  })
})

describe('the AWS CLI v2 finding distributions', () => {
  let lookups: CloudFrontEmulator
  let lookupEndpoint: string
  const ids = Array.from({ length: 7 }, (_, i) => `ELOOKUP${String(i).padStart(7, '0')}`)

  beforeAll(async () => {
    lookups = new CloudFrontEmulator({
      distributions: ids.map((id, i) => ({
        id,
        aliases: i === 0 ? ['www.example.com', '*.shop.example.com'] : [],
        tags: { Environment: i % 2 === 0 ? 'staging' : 'production', Index: String(i) }
      }))
    })
    lookupEndpoint = await lookups.start()
  })
  afterAll(() => lookups.stop())

  const awsLookup = (...args: string[]) => awsAt(lookupEndpoint, ...args)

  it('list-distributions: every distribution with its ARN, domain name and aliases', async () => {
    const result = await awsLookup('list-distributions')
    expect(result.code).toBe(0)
    const list = result.json.DistributionList as {
      Items: Record<string, unknown>[]
      IsTruncated: boolean
      Quantity: number
    }
    expect(list.Items.map(d => d.Id)).toEqual(ids)
    expect(list.Items[0]).toMatchObject({
      Id: ids[0],
      ARN: `arn:aws:cloudfront::123456789012:distribution/${ids[0]}`,
      DomainName: lookups.domainNameOf(ids[0]!),
      Aliases: { Quantity: 2, Items: ['www.example.com', '*.shop.example.com'] },
      Enabled: true
    })
    expect(list.Items[1]).toMatchObject({ Aliases: { Quantity: 0 } })
    expect(lookups.domainNameOf(ids[0]!)).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/)
  })

  it('list-distributions pages with MaxItems and Marker', async () => {
    const before = lookups.requests.length
    const paged = await awsLookup('list-distributions', '--page-size', '3')
    expect(paged.code).toBe(0)
    expect((paged.json.DistributionList as { Items: { Id: string }[] }).Items.map(d => d.Id)).toEqual(ids)
    const pages = lookups.requests.slice(before).map(r => new URL(r.url, lookupEndpoint).searchParams)
    expect(pages.map(p => [p.get('MaxItems'), p.get('Marker')])).toEqual([
      ['3', null],
      ['3', ids[2]],
      ['3', ids[5]]
    ])
  })

  it('list-tags-for-resource', async () => {
    const result = await awsLookup(
      'list-tags-for-resource',
      '--resource',
      `arn:aws:cloudfront::123456789012:distribution/${ids[3]}`
    )
    expect(result.code).toBe(0)
    expect(result.json).toEqual({
      Tags: {
        Items: [
          { Key: 'Environment', Value: 'production' },
          { Key: 'Index', Value: '3' }
        ]
      }
    })
  })

  it('reports NoSuchResource for an unknown distribution and InvalidArgument for a bad ARN', async () => {
    const unknown = await awsLookup(
      'list-tags-for-resource',
      '--resource',
      'arn:aws:cloudfront::123456789012:distribution/ENOTHERE00001'
    )
    expect(unknown.stderr).toContain('An error occurred (NoSuchResource)')
    const bad = await awsLookup('list-tags-for-resource', '--resource', 'not-an-arn')
    expect(bad.stderr).toContain('An error occurred (InvalidArgument)')
  })

  it('reports InvalidArgument for MaxItems over 100', async () => {
    const result = await awsLookup('list-distributions', '--page-size', '101')
    expect(result.stderr).toContain('An error occurred (InvalidArgument)')
  })

  it('reports AccessDenied for ListDistributions and ListTagsForResource when denied', async () => {
    lookups.deny('ListDistributions')
    lookups.deny('ListTagsForResource')
    const list = await awsLookup('list-distributions')
    expect(list.stderr).toMatch(
      /An error occurred \(AccessDenied\).*cloudfront:ListDistributions on resource: arn:aws:cloudfront::123456789012:distribution\/\*/
    )
    const tags = await awsLookup(
      'list-tags-for-resource',
      '--resource',
      `arn:aws:cloudfront::123456789012:distribution/${ids[0]}`
    )
    expect(tags.stderr).toMatch(/An error occurred \(AccessDenied\).*cloudfront:ListTagsForResource/)
  })
})

describe('the AWS CLI v2 reading a distribution configuration', () => {
  let configured: CloudFrontEmulator
  let configuredEndpoint: string
  const SITE = 'ECONFIGSITE0001'
  const PLAIN = 'ECONFIGPLAIN001'

  beforeAll(async () => {
    configured = new CloudFrontEmulator({
      distributions: [
        {
          id: SITE,
          aliases: ['www.example.com'],
          origins: [
            { id: 'site', domainName: 'my.site.s3.eu-west-1.amazonaws.com', originPath: '/prod' },
            { id: 'site-website', domainName: 'my.site.s3-website-eu-west-1.amazonaws.com', originPath: '/prod' },
            { id: 'media', domainName: 'media-bucket.s3.amazonaws.com' },
            { id: 'api', domainName: 'alb-1.eu-west-1.elb.amazonaws.com' }
          ],
          originGroups: [{ id: 'site-failover', members: ['site', 'site-website'] }],
          defaultTargetOriginId: 'site-failover',
          behaviors: [
            { pathPattern: '/media/*', targetOriginId: 'media' },
            { pathPattern: 'api/*', targetOriginId: 'api' }
          ],
          defaultRootObject: 'home.html'
        },
        PLAIN
      ]
    })
    configuredEndpoint = await configured.start()
  })
  afterAll(() => configured.stop())

  const awsConfigured = (...args: string[]) => awsAt(configuredEndpoint, ...args)

  const expectedRouting = {
    Origins: {
      Quantity: 4,
      Items: [
        {
          Id: 'site',
          DomainName: 'my.site.s3.eu-west-1.amazonaws.com',
          OriginPath: '/prod',
          S3OriginConfig: { OriginAccessIdentity: '' }
        },
        {
          Id: 'site-website',
          DomainName: 'my.site.s3-website-eu-west-1.amazonaws.com',
          OriginPath: '/prod',
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' }
        },
        { Id: 'media', DomainName: 'media-bucket.s3.amazonaws.com', OriginPath: '' },
        {
          Id: 'api',
          DomainName: 'alb-1.eu-west-1.elb.amazonaws.com',
          OriginPath: '',
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only' }
        }
      ]
    },
    OriginGroups: {
      Quantity: 1,
      Items: [
        {
          Id: 'site-failover',
          FailoverCriteria: { StatusCodes: { Quantity: 4, Items: [500, 502, 503, 504] } },
          Members: { Quantity: 2, Items: [{ OriginId: 'site' }, { OriginId: 'site-website' }] }
        }
      ]
    },
    DefaultCacheBehavior: { TargetOriginId: 'site-failover', ViewerProtocolPolicy: 'redirect-to-https' },
    CacheBehaviors: {
      Quantity: 2,
      Items: [
        { PathPattern: '/media/*', TargetOriginId: 'media' },
        { PathPattern: 'api/*', TargetOriginId: 'api' }
      ]
    }
  }

  it('get-distribution: the configuration, with its ETag', async () => {
    const result = await awsConfigured('get-distribution', '--id', SITE)
    expect(result.code).toBe(0)
    expect(result.json.ETag).toBe(configured.distribution(SITE).etag)
    expect(result.json.ETag).toMatch(/^E[0-9A-F]{13}$/)
    expect(result.json.Distribution).toMatchObject({
      Id: SITE,
      ARN: `arn:aws:cloudfront::123456789012:distribution/${SITE}`,
      Status: 'Deployed',
      DomainName: configured.domainNameOf(SITE),
      InProgressInvalidationBatches: 0,
      DistributionConfig: {
        Aliases: { Quantity: 1, Items: ['www.example.com'] },
        DefaultRootObject: 'home.html',
        Enabled: true,
        ...expectedRouting
      }
    })
  })

  it('get-distribution-config: the same configuration and ETag', async () => {
    const full = await awsConfigured('get-distribution', '--id', SITE)
    const result = await awsConfigured('get-distribution-config', '--id', SITE)
    expect(result.code).toBe(0)
    expect(result.json.ETag).toBe(full.json.ETag)
    expect(result.json.DistributionConfig).toEqual(
      (full.json.Distribution as { DistributionConfig: unknown }).DistributionConfig
    )
  })

  it("a distribution described by its ID only: one S3 origin for the bucket site-<id>, at the bucket's root", async () => {
    const result = await awsConfigured('get-distribution-config', '--id', PLAIN)
    expect(result.json.DistributionConfig).toMatchObject({
      DefaultRootObject: '',
      Origins: {
        Quantity: 1,
        Items: [
          { Id: 'site-econfigplain001', DomainName: 'site-econfigplain001.s3.us-east-1.amazonaws.com', OriginPath: '' }
        ]
      },
      OriginGroups: { Quantity: 0 },
      DefaultCacheBehavior: { TargetOriginId: 'site-econfigplain001' },
      CacheBehaviors: { Quantity: 0 }
    })
  })

  it('list-distributions: the same origins, origin groups and behaviors, and no DefaultRootObject, as on CloudFront', async () => {
    const result = await awsConfigured('list-distributions')
    expect(result.code).toBe(0)
    const [site] = (result.json.DistributionList as { Items: Record<string, unknown>[] }).Items
    expect(site).toMatchObject({ Id: SITE, ...expectedRouting })
    expect(site).not.toHaveProperty('DefaultRootObject')
  })

  it('reports NoSuchDistribution for an unknown ID', async () => {
    for (const operation of ['get-distribution', 'get-distribution-config']) {
      const result = await awsConfigured(operation, '--id', 'ENOSUCHDIST0001')
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain('An error occurred (NoSuchDistribution)')
    }
  })

  it('reports AccessDenied naming the action and the distribution ARN when denied', async () => {
    configured.deny('GetDistribution')
    configured.deny('GetDistributionConfig')
    for (const [operation, action] of [
      ['get-distribution', 'GetDistribution'],
      ['get-distribution-config', 'GetDistributionConfig']
    ] as const) {
      const result = await awsConfigured(operation, '--id', SITE)
      expect(result.stderr).toContain(`An error occurred (AccessDenied) when calling the ${action} operation`)
      expect(result.stderr).toContain(
        `User: arn:aws:sts::123456789012:assumed-role/deploy/github-actions is not authorized to perform: cloudfront:${action} on resource: arn:aws:cloudfront::123456789012:distribution/${SITE}`
      )
    }
  })
})

describe('the emulator refuses a distribution CloudFront would refuse', () => {
  it.each([
    ['a behavior aimed at no origin', { behaviors: [{ pathPattern: '/a/*', targetOriginId: 'nowhere' }] }, /nowhere/],
    [
      'an origin path ending in /',
      { origins: [{ id: 'o', domainName: 'b.s3.amazonaws.com', originPath: '/prod/' }] },
      /"\/prod\/"/
    ],
    [
      'an origin group naming no origin',
      { originGroups: [{ id: 'g', members: ['site-ebadconfig0001', 'gone'] as [string, string] }] },
      /gone/
    ]
  ])('%s', (_what, spec, message) => {
    expect(() => new CloudFrontEmulator({ distributions: [{ id: 'EBADCONFIG0001', ...spec }] })).toThrow(message)
  })
})
