/**
 * End-to-end at the scale of real deploys: dist/index.js under Node 24 against the emulator, which
 * enforces CloudFront's per-request and in-progress limits.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator } from '../emulator/server.js'
import { errorsOf, runAction } from '../__fixtures__/runner.js'

const DIST_A = 'EDFDVBD632BHDS5'
const DIST_B = 'E2QWRUHAPOMQZL'
const TENANT = 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
let emulator: CloudFrontEmulator
let endpoint: string

beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: [DIST_A, DIST_B], tenants: [TENANT] })
  endpoint = await emulator.start()
})
afterEach(() => emulator.stop())

const dir = mkdtempSync(join(tmpdir(), 'e2e-scale-'))
const creates = () => emulator.requests.filter(r => r.operation.startsWith('CreateInvalidation'))

describe('paths at scale', () => {
  it('10,000 messy file paths from an S3 sync: all invalidated once, no request over the limits', async () => {
    // A sync's list: duplicates, spaces, non-ASCII, no leading slash.
    const keys = Array.from({ length: 10_000 }, (_, i) => `site/page ${i}/caf\u00e9-${i}.html`)
    writeFileSync(join(dir, 'sync.txt'), [...keys, ...keys.slice(0, 500)].join('\n'))
    emulator.setCompletionDelay(1500)
    const result = await runAction({
      endpoint,
      cwd: dir,
      inputs: { 'distribution-id': DIST_A, 'paths-file': 'sync.txt', wait: 'true', 'wait-timeout': '120' }
    })
    expect(errorsOf(result)).toEqual([])
    expect(result.code).toBe(0)
    // The fewest requests: ceil(10,000 / 3,000).
    expect(emulator.invalidations.map(i => i.paths.length)).toEqual([3000, 3000, 3000, 1000])
    expect(creates().every(r => r.status === 201)).toBe(true)
    const sent = emulator.invalidations.flatMap(i => i.paths)
    expect(new Set(sent).size).toBe(10_000)
    expect(sent).toContain('/site/page%2042/caf%C3%A9-42.html')
    expect(result.stdout).toContain('10,500 paths given, 10,000 to send; dropped 500 duplicates.')
    expect(result.summary).toContain('10,500 paths given, 10,000 sent; dropped 500 duplicates.')
    expect(JSON.parse(result.outputs.invalidations ?? '[]')).toHaveLength(4)
    expect(result.outputs.status).toBe('Completed')
  })

  it('40 wildcards: 15, 15 and 10, never more than 15 in progress', async () => {
    emulator.setCompletionDelay(1000)
    const paths = Array.from({ length: 40 }, (_, i) => `/section-${i}/*`).join('\n')
    const result = await runAction({ endpoint, inputs: { 'distribution-id': DIST_A, paths } })
    expect(result.code).toBe(0)
    expect(emulator.invalidations.map(i => i.paths.length)).toEqual([15, 15, 10])
    expect(creates().map(r => r.errorCode)).toEqual([undefined, undefined, undefined])
    // Each batch was sent only after the one before it completed.
    const [first, second, third] = emulator.invalidations
    expect(second!.createdAt).toBeGreaterThanOrEqual(first!.completesAt)
    expect(third!.createdAt).toBeGreaterThanOrEqual(second!.completesAt)
  })

  it('cache tags and paths with spaces and non-ASCII names from paths-file', async () => {
    writeFileSync(
      join(dir, 'mixed.txt'),
      '#product-42\n/\u65e5\u672c\u8a9e/ind\u00e9x.html\n  /with space.html  \n\n/already%20encoded.html\n'
    )
    const result = await runAction({
      endpoint,
      cwd: dir,
      inputs: { 'distribution-id': DIST_A, 'paths-file': 'mixed.txt', paths: '#catalog' }
    })
    expect(result.code).toBe(0)
    expect(emulator.invalidations[0]?.paths.sort()).toEqual(
      [
        '#catalog',
        '#product-42',
        '/%E6%97%A5%E6%9C%AC%E8%AA%9E/ind%C3%A9x.html',
        '/with%20space.html',
        '/already%20encoded.html'
      ].sort()
    )
  })

  it('several distributions with one missing: the others are invalidated and listed, the step fails once', async () => {
    const result = await runAction({
      endpoint,
      inputs: { 'distribution-id': `${DIST_A}\nE3MISSINGDIST0\n${DIST_B}`, paths: '/index.html' }
    })
    expect(result.code).toBe(1)
    expect(emulator.invalidations.map(i => i.targetId).sort()).toEqual([DIST_A, DIST_B].sort())
    const errors = errorsOf(result)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('E3MISSINGDIST0 does not exist')
    const listed = JSON.parse(result.outputs.invalidations ?? '[]') as { distributionId: string }[]
    expect(listed.map(l => l.distributionId).sort()).toEqual([DIST_A, DIST_B].sort())
    for (const i of emulator.invalidations) expect(result.summary).toContain(i.id)
  })

  it('max-paths collapses a long list to /*', async () => {
    const paths = Array.from({ length: 200 }, (_, i) => `/p${i}.html`).join('\n')
    const result = await runAction({ endpoint, inputs: { 'distribution-id': DIST_A, paths, 'max-paths': '100' } })
    expect(result.code).toBe(0)
    expect(emulator.invalidations.map(i => i.paths)).toEqual([['/*']])
    expect(result.summary).toContain(
      '200 paths remained, more than max-paths, and no choice of up to 15 directory wildcards brought them under it, so /* replaces them all'
    )
  })

  it('invalidates a distribution tenant and waits for it', async () => {
    emulator.setCompletionDelay(1200)
    const result = await runAction({
      endpoint,
      inputs: { 'distribution-id': '', 'distribution-tenant-id': TENANT, paths: '/index.html', wait: 'true' }
    })
    expect(errorsOf(result)).toEqual([])
    expect(emulator.invalidations[0]).toMatchObject({ targetId: TENANT, tenant: true })
    expect(emulator.requests.map(r => r.operation)).toContain('GetInvalidationForDistributionTenant')
    expect(JSON.parse(result.outputs.invalidations ?? '[]')[0]).toMatchObject({
      distributionTenantId: TENANT,
      status: 'Completed'
    })
  })
  // A standard distribution and the tenants of a multi-tenant one can serve the same deploy (a site and
  // its customers' domains): one step invalidates them all, as action.yml and the README say.
  it('invalidates a distribution and a distribution tenant given together', async () => {
    const result = await runAction({
      endpoint,
      inputs: { 'distribution-id': DIST_A, 'distribution-tenant-id': TENANT, paths: '/about.html' }
    })
    expect(errorsOf(result)).toEqual([])
    expect(emulator.invalidations.map(i => [i.targetId, i.tenant, i.paths])).toEqual(
      expect.arrayContaining([
        [DIST_A, false, ['/about.html']],
        [TENANT, true, ['/about.html']]
      ])
    )
    expect(emulator.invalidations).toHaveLength(2)
    const output = JSON.parse(result.outputs.invalidations ?? '[]') as Record<string, string>[]
    expect(output.map(o => o.distributionId ?? o.distributionTenantId).sort()).toEqual([DIST_A, TENANT].sort())
    expect(result.summary).toContain(`tenant ${TENANT}`)
  })
})
