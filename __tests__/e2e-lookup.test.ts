/**
 * End-to-end: distributions named by domain or by tags. The committed dist/index.js under Node 24 finds
 * them through ListDistributions and ListTagsForResource on the local CloudFront endpoint, then
 * invalidates them as it does IDs.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CloudFrontEmulator } from '../emulator/server.js'
import { errorsOf, runAction } from '../__fixtures__/runner.js'

const WWW = 'EWWWEXAMPLE001'
const SHOP = 'ESHOPWILDCARD2'
const STAGING_A = 'ESTAGINGAAAAA3'
const STAGING_B = 'ESTAGINGBBBBB4'

let emulator: CloudFrontEmulator
let endpoint: string

beforeEach(async () => {
  emulator = new CloudFrontEmulator({
    distributions: [
      { id: WWW, aliases: ['www.example.com', 'example.com'], tags: { Environment: 'production' } },
      { id: SHOP, aliases: ['*.shop.example.com'], tags: { Environment: 'production' } },
      { id: STAGING_A, aliases: ['staging.example.com'], tags: { Environment: 'staging', Site: 'docs' } },
      { id: STAGING_B, tags: { Environment: 'staging', Site: 'blog' } }
    ]
  })
  endpoint = await emulator.start()
})
afterEach(() => emulator.stop())

const run = (inputs: Record<string, string>) => runAction({ endpoint, inputs: { paths: '/index.html', ...inputs } })
const invalidated = () => emulator.invalidations.map(i => i.targetId).sort()
const calls = (operation: string) => emulator.requests.filter(r => r.operation === operation)
const output = (outputs: Record<string, string>) =>
  JSON.parse(outputs.invalidations ?? '[]') as { distributionId: string; given: string }[]

describe('distribution-id by domain name', () => {
  it('an alternate domain name', async () => {
    const result = await run({ 'distribution-id': 'www.example.com' })
    expect(result.code).toBe(0)
    expect(invalidated()).toEqual([WWW])
    expect(calls('ListDistributions')).toHaveLength(1)
    expect(calls('ListTagsForResource')).toHaveLength(0)
    expect(result.stdout).toContain(`www.example.com → ${WWW} (alternate domain name)`)
    expect(result.summary).toContain(`www.example.com → ${WWW}`)
    expect(output(result.outputs)).toEqual([expect.objectContaining({ distributionId: WWW, given: 'www.example.com' })])
  })

  it('a wildcard alternate domain name, case-insensitively', async () => {
    const result = await run({ 'distribution-id': 'Cart.Shop.Example.com' })
    expect(result.code).toBe(0)
    expect(invalidated()).toEqual([SHOP])
    expect(result.stdout).toContain('(wildcard alternate domain name *.shop.example.com)')
  })

  it("the distribution's own cloudfront.net domain name", async () => {
    const result = await run({ 'distribution-id': emulator.domainNameOf(STAGING_B) })
    expect(result.code).toBe(0)
    expect(invalidated()).toEqual([STAGING_B])
  })

  it('a mix of IDs and names; two names of one distribution invalidate it once', async () => {
    const result = await run({ 'distribution-id': `${SHOP}, www.example.com\nexample.com` })
    expect(result.code).toBe(0)
    expect(invalidated()).toEqual([SHOP, WWW].sort())
    expect(calls('CreateInvalidation')).toHaveLength(2)
    expect(output(result.outputs).find(o => o.distributionId === WWW)?.given).toBe('www.example.com, example.com')
    expect(output(result.outputs).find(o => o.distributionId === SHOP)?.given).toBe(SHOP)
  })

  it('a name no distribution serves fails before any invalidation, saying how many were searched', async () => {
    const result = await run({ 'distribution-id': `${WWW} www.example.org` })
    expect(result.code).toBe(1)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain(
      `no distribution serves "www.example.org": none of the account's 4 distributions has it`
    )
    // Nothing was sent, and neither the log nor the summary says otherwise.
    expect(result.stdout + result.summary).not.toMatch(/\d sent\b/)
  })

  it('AccessDenied on ListDistributions names the IAM action and suggests the ID', async () => {
    emulator.deny('ListDistributions')
    const result = await run({ 'distribution-id': 'www.example.com' })
    expect(result.code).toBe(1)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(errorsOf(result)[0]).toMatch(
      /lack cloudfront:ListDistributions \(on Resource "\*".*give the distribution ID in distribution-id instead/
    )
  })

  it('an account of 1,000 distributions: every page listed once, for several names', async () => {
    for (let i = 0; i < 996; i++) {
      emulator.addDistribution({ id: `EBULK${String(i).padStart(9, '0')}`, aliases: [`site-${i}.example.net`] })
    }
    const result = await run({ 'distribution-id': 'site-0.example.net site-995.example.net www.example.com' })
    expect(result.code).toBe(0)
    expect(invalidated()).toEqual(['EBULK000000000', 'EBULK000000995', WWW].sort())
    // 1,000 distributions, 100 a page: 10 calls, each after the one before, for all three names.
    const pages = calls('ListDistributions')
    expect(pages).toHaveLength(10)
    expect(pages.map(p => new URL(p.url, endpoint).searchParams.get('Marker') ?? '')).toEqual([
      '',
      ...Array.from({ length: 9 }, (_, i) => `EBULK${String(i * 100 + 95).padStart(9, '0')}`)
    ])
    expect(result.stdout).toContain('Searched 1,000 distributions')
  })
})

describe('distribution-tags', () => {
  it('every distribution that carries all the tags', async () => {
    const result = await run({ 'distribution-tags': 'Environment=staging' })
    expect(result.code).toBe(0)
    expect(invalidated()).toEqual([STAGING_A, STAGING_B].sort())
    expect(calls('ListTagsForResource')).toHaveLength(4)
    expect(result.stdout).toContain(`Environment=staging → ${STAGING_A}, ${STAGING_B} (tags)`)
    expect(output(result.outputs).map(o => o.given)).toEqual(['Environment=staging', 'Environment=staging'])
  })

  it('several tags narrow it; combined with distribution-id', async () => {
    const result = await run({ 'distribution-tags': 'Environment=staging\nSite=docs', 'distribution-id': WWW })
    expect(result.code).toBe(0)
    expect(invalidated()).toEqual([STAGING_A, WWW].sort())
  })

  it('tags nothing carries fail before any invalidation, naming them', async () => {
    const result = await run({ 'distribution-tags': 'Environment=qa' })
    expect(result.code).toBe(1)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain('no distribution carries Environment=qa: 4 distributions were searched')
  })

  it('a dry run makes the read-only lookups, says so, and creates nothing', async () => {
    const result = await run({ 'distribution-tags': 'Environment=staging', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    expect(calls('CreateInvalidation')).toHaveLength(0)
    expect(calls('ListDistributions')).toHaveLength(1)
    expect(result.stdout).toContain('Finding distributions (read-only lookups, made in a dry run too)')
    expect(result.stdout).toContain(`"DistributionId": "${STAGING_B}"`)
  })
})

describe('a step that names only IDs', () => {
  it('makes no lookup call', async () => {
    const result = await run({ 'distribution-id': WWW })
    expect(result.code).toBe(0)
    expect(emulator.requests.map(r => r.operation)).toEqual(['CreateInvalidation'])
  })
})
