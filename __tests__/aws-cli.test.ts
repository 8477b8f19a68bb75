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
      ['--endpoint-url', endpoint, '--output', 'json', 'cloudfront', ...args],
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

  const awsLookup = async (...args: string[]) => {
    const saved = endpoint
    endpoint = lookupEndpoint
    try {
      return await aws(...args)
    } finally {
      endpoint = saved
    }
  }

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
