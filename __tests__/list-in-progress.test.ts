/**
 * The calls that find what holds a distribution's in-progress capacity, through the real SDK against
 * the local CloudFront endpoint: ListInvalidations paged newest first, and GetInvalidation's paths.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator } from '../emulator/server.js'
import { FAKE_CREDENTIALS, setInputs } from '../__fixtures__/runner.js'
import { cloudFrontApi } from '../src/cloudfront/client.js'
import type { Target } from '../src/targets.js'

const DIST: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5' }
const TENANT: Target = { kind: 'tenant', id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB' }
const signal = new AbortController().signal

let emulator: CloudFrontEmulator
let restore: () => void

beforeAll(() => {
  // No shared config or credentials file from the developer's machine.
  const none = join(tmpdir(), 'list-in-progress-no-such-file')
  restore = setInputs(
    {},
    { ...FAKE_CREDENTIALS, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: none, AWS_SHARED_CREDENTIALS_FILE: none }
  )
})
afterAll(() => restore())
beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: [DIST.id], tenants: [TENANT.id], completionDelayMs: 600_000 })
  process.env.AWS_ENDPOINT_URL_CLOUDFRONT = await emulator.start()
})
afterEach(() => emulator.stop())

async function createMany(target: Target, count: number): Promise<string[]> {
  const api = cloudFrontApi('us-east-1')
  const ids: string[] = []
  for (let i = 0; i < count; i++)
    ids.push((await api.create(target, [`/page${i}.html`], `ref-${i}`, signal)).invalidationId)
  return ids
}

const lists = (operation = 'ListInvalidations') => emulator.requests.filter(r => r.operation === operation)

describe('inProgress (ListInvalidations)', () => {
  it('reads on past a full page of invalidations in progress, and leaves out the completed ones', async () => {
    const ids = await createMany(DIST, 130)
    // The 20 oldest have completed: the second page holds the 10 other in progress, then those.
    for (const id of ids.slice(0, 20)) emulator.complete(id)
    const listed = await cloudFrontApi('us-east-1').inProgress(DIST, signal)
    expect(listed.map(l => l.invalidationId)).toEqual(ids.slice(20).reverse())
    expect(listed.every(l => l.createdAt > 0)).toBe(true)
    expect(lists().map(r => new URL(r.url, 'http://x').searchParams.get('MaxItems'))).toEqual(['100', '100'])
  })

  it('stops at a page that ends with a completed invalidation', async () => {
    const ids = await createMany(DIST, 120)
    for (const id of ids.slice(0, 115)) emulator.complete(id)
    const listed = await cloudFrontApi('us-east-1').inProgress(DIST, signal)
    expect(listed.map(l => l.invalidationId)).toEqual(ids.slice(115).reverse())
    expect(lists()).toHaveLength(1)
  })

  it("a tenant's through ListInvalidationsForDistributionTenant, and what each holds through its GetInvalidation", async () => {
    const api = cloudFrontApi('us-east-1')
    const created = await api.create(TENANT, ['/a/*', '/b.html'], 'tenant-ref', signal)
    const listed = await api.inProgress(TENANT, signal)
    expect(listed.map(l => l.invalidationId)).toEqual([created.invalidationId])
    expect(lists('ListInvalidationsForDistributionTenant')).toHaveLength(1)
    expect(await api.contents(TENANT, created.invalidationId, signal)).toEqual({
      status: 'InProgress',
      items: ['/a/*', '/b.html']
    })
    expect(emulator.requests.map(r => r.operation)).toContain('GetInvalidationForDistributionTenant')
  })
})
