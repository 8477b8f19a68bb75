import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInProcess } from '../__fixtures__/action-harness.js'
import { FakeCloudFront, apiError, routingFor } from '../__fixtures__/fake-cloudfront.js'

const DIST = 'EDFDVBD632BHDS5'
const OTHER = 'E2QWRUHAPOMQZL'
const files = (n: number) => Array.from({ length: n }, (_, i) => `/f${i}.html`).join('\n')
const output = (outputs: Record<string, string>) =>
  JSON.parse(outputs.invalidations ?? 'null') as Record<string, unknown>[]

describe('run()', () => {
  it('creates one invalidation and sets the outputs and summary', async () => {
    const { api, outputs, summary, errors } = await runInProcess({ 'distribution-id': DIST, paths: '/index.html' })
    expect(errors).toEqual([])
    expect(api.created).toHaveLength(1)
    expect(outputs['invalidation-id']).toBe(api.created[0]?.id)
    expect(outputs.status).toBe('InProgress')
    // index.html also invalidates its directory URL, /.
    expect(api.created[0]?.items).toEqual(['/index.html', '/'])
    expect(summary).toContain('<td>2</td>')
    expect(summary).toContain('1 path given, 2 sent; added 1 directory URL for index documents.')
  })

  it.each([
    ['/docs/getting started/faq.html', 1],
    ['getting started.html', 1],
    ['index.html about.html', 1],
    ['/a.html /b.html\n/c.html,/d.html', 0],
    ['/a.html, d.html', 0],
    ['/tags #a #b', 0]
  ])('paths %j: %i warning(s) about a path split at a space', async (paths, warnings) => {
    const { stdout, errors } = await runInProcess({ 'distribution-id': DIST, paths })
    expect(errors).toEqual([])
    expect(stdout.split('\n').filter(line => line.startsWith('::warning::') && line.includes('%2520'))).toHaveLength(
      warnings
    )
  })

  it('batches 10,000 file paths and sends each batch only when the earlier ones leave room', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 3
    const { errors, outputs } = await runInProcess({ 'distribution-id': DIST, paths: files(10_000) }, api)
    expect(errors).toEqual([])
    expect(api.created.map(c => c.items.length)).toEqual([3000, 3000, 3000, 1000])
    // The fake enforces CloudFront's in-progress limits: no create was refused.
    expect(api.calls.filter(c => c.operation === 'create')).toHaveLength(4)
    // Each of the first three batches polled until Completed (3 polls each) before the next fitted;
    // the last is created and not waited for.
    expect(api.calls.filter(c => c.operation === 'status')).toHaveLength(9)
    expect(output(outputs)).toHaveLength(4)
    expect(new Set(api.created.map(c => c.callerReference)).size).toBe(4)
  })

  it('keeps at most 15 wildcards in progress', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    const wildcards = Array.from({ length: 40 }, (_, i) => `/w${i}/*`).join('\n')
    const { errors } = await runInProcess({ 'distribution-id': DIST, paths: wildcards, wait: 'true' }, api)
    expect(errors).toEqual([])
    expect(api.created.map(c => c.items.length)).toEqual([15, 15, 10])
  })

  it('retries TooManyInvalidationsInProgress from others with backoff, within wait-timeout', async () => {
    const api = new FakeCloudFront()
    api.createErrors.push(apiError('TooManyInvalidationsInProgress'), apiError('TooManyInvalidationsInProgress'))
    const { errors, sleeps, stdout } = await runInProcess({ 'distribution-id': DIST, paths: '/a/*' }, api)
    expect(errors).toEqual([])
    // Nothing is listed in progress: one try after a pause under half a second, then the backoff.
    expect(sleeps).toEqual([expect.any(Number), 5000])
    expect(sleeps[0]).toBeLessThan(500)
    expect(api.created).toHaveLength(1)
    expect(stdout).toContain('has too many invalidations in progress')
  })

  it('waits for completion and reports Completed', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 3
    const { outputs, summary, stdout } = await runInProcess(
      { 'distribution-id': `${DIST} ${OTHER}`, paths: '/a', wait: 'true' },
      api
    )
    expect(outputs.status).toBe('Completed')
    expect(output(outputs).map(o => o.status)).toEqual(['Completed', 'Completed'])
    expect(summary).not.toContain('so far')
    expect(stdout).toContain('All complete after')
  })

  it('logs progress with the elapsed time while waiting', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 6
    let clock = 1_000_000
    const { stdout, outputs } = await runInProcess({ 'distribution-id': DIST, paths: '/a', wait: 'true' }, api, {
      now: () => (clock += 2_000)
    })
    expect(outputs.status).toBe('Completed')
    expect(stdout).toMatch(/Still waiting after \d+ s: 1 in progress \(I0000000000001\)/)
  })

  it('carries on polling through transient GetInvalidation errors', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 2
    api.statusErrors.push(apiError('ServiceUnavailable', 'down', 503), apiError('TimeoutError', 'socket timeout', 0))
    const { outputs, errors, stdout } = await runInProcess({ 'distribution-id': DIST, paths: '/a', wait: 'true' }, api)
    expect(errors).toEqual([])
    expect(outputs.status).toBe('Completed')
    expect(stdout).toContain('GetInvalidation for I0000000000001 failed (ServiceUnavailable); polling again')
  })

  it('fails at once when GetInvalidation is denied, keeping what was created', async () => {
    const api = new FakeCloudFront()
    api.pollsToComplete = 100
    api.statusErrors.push(
      apiError('AccessDenied', 'User: arn:aws:sts::210987654321:assumed-role/x/y is not authorized', 403)
    )
    const { outputs, errors } = await runInProcess({ 'distribution-id': DIST, paths: '/a', wait: 'true' }, api)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(
      'cloudfront:GetInvalidation on arn:aws:cloudfront::210987654321:distribution/EDFDVBD632BHDS5'
    )
    expect(errors[0]).toContain('Created by this step: I0000000000001 on EDFDVBD632BHDS5 (InProgress)')
    expect(outputs['invalidation-id']).toBe('I0000000000001')
  })

  it('reports every distribution when one of several fails, and fails the step once', async () => {
    const api = new FakeCloudFront()
    api.targetErrors.set(OTHER, apiError('NoSuchDistribution', 'The specified distribution does not exist.', 404))
    const { outputs, errors, summary } = await runInProcess(
      { 'distribution-id': `${DIST}\n${OTHER}`, paths: '/a' },
      api
    )
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`${OTHER} does not exist in this AWS account`)
    expect(output(outputs).map(o => o.distributionId)).toEqual([DIST])
    expect(summary).toContain(`${OTHER} does not exist`)
    expect(summary).toContain(api.created[0]?.id)
  })

  it('keeps a non-Error throw instead of swallowing it', async () => {
    const api = new FakeCloudFront()
    api.targetErrors.set(DIST, 'socket hang up (a string)')
    const { errors } = await runInProcess({ 'distribution-id': DIST, paths: '/a' }, api)
    expect(errors[0]).toContain('socket hang up (a string)')
  })

  it('invalidates a distribution tenant', async () => {
    const { api, outputs, errors } = await runInProcess({
      'distribution-id': '',
      'distribution-tenant-id': 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB',
      paths: '/a'
    })
    expect(errors).toEqual([])
    expect(api.created[0]?.target).toMatchObject({ kind: 'tenant', id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB' })
    expect(output(outputs)[0]).toMatchObject({
      distributionTenantId: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB',
      given: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
    })
  })

  it('suffixes a given caller-reference when a distribution gets several requests', async () => {
    const { api } = await runInProcess({ 'distribution-id': DIST, paths: files(3001), 'caller-reference': 'release-7' })
    expect(api.created.map(c => c.callerReference)).toEqual(['release-7-1', 'release-7-2'])
    const single = await runInProcess({ 'distribution-id': DIST, paths: '/a', 'caller-reference': 'release-7' })
    expect(single.api.created.map(c => c.callerReference)).toEqual(['release-7'])
  })

  it('sends /* past max-paths and says why', async () => {
    const { api, stdout } = await runInProcess({ 'distribution-id': DIST, paths: files(20), 'max-paths': '10' })
    expect(api.created.map(c => c.items)).toEqual([['/*']])
    expect(stdout).toContain(
      '20 paths remained, more than max-paths, and no choice of up to 15 directory wildcards brought them under it, so /* replaces them all'
    )
  })

  it('reads a CRLF paths-file with a byte-order mark, one path a line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'crlf-')), 'paths.txt')
    writeFileSync(file, '\ufeff/a.html\r\n  /b c.html \r\n\r\n/d.html')
    const { api, errors } = await runInProcess({ 'distribution-id': DIST, paths: '', 'paths-file': file })
    expect(errors).toEqual([])
    expect(api.created[0]?.items).toEqual(['/a.html', '/b%20c.html', '/d.html'])
  })

  it('makes no call in a dry run', async () => {
    const { api, stdout, outputs } = await runInProcess({ 'distribution-id': DIST, paths: '/a b', 'dry-run': 'true' })
    expect(api.calls).toEqual([])
    expect(stdout).toContain('"Quantity": 2')
    expect(outputs.invalidations).toBe('[]')
  })

  describe('deploy-aware paths', () => {
    /** A CloudFront where DIST serves the bucket the logs below name. */
    const servingB = () => {
      const api = new FakeCloudFront()
      api.routings.set(DIST, routingFor(DIST, 'b'))
      return api
    }
    const workspace = mkdtempSync(join(tmpdir(), 'main-deploy-'))
    const write = (name: string, content: string) => {
      const file = join(workspace, name)
      mkdirSync(join(file, '..'), { recursive: true })
      writeFileSync(file, content)
      return file
    }

    it('a sync-log past max-paths with site-dir: wildcards chosen, reported in the log and the summary', async () => {
      const log = write(
        'sync.log',
        Array.from({ length: 12 }, (_, i) => `upload: public/js/${i}.js to s3://b/js/${i}.js`).join('\n')
      )
      for (let i = 0; i < 12; i++) write(`public/js/${i}.js`, '')
      write('public/js/stale.js', '')
      const { api, stdout, summary } = await runInProcess(
        {
          'distribution-id': DIST,
          'sync-log': log,
          'max-paths': '5',
          'site-dir': join(workspace, 'public')
        },
        servingB()
      )
      expect(api.created.map(c => c.items)).toEqual([['/js/*']])
      expect(stdout).toContain('/js/* replaces 12 paths, refreshes 1 unchanged file')
      expect(summary).toContain("refreshing 1 unchanged file of site-dir's 13")
    })

    it("past max-paths, site-dir is compared with the distribution's URLs (its origin path taken off), not the raw keys", async () => {
      const log = write(
        'prod.log',
        Array.from({ length: 12 }, (_, i) => `upload: site/js/${i}.js to s3://my-sites/prod/js/${i}.js`).join('\n')
      )
      for (let i = 0; i < 12; i++) write(`site/js/${i}.js`, '')
      const api = new FakeCloudFront()
      api.routings.set(DIST, routingFor(DIST, 'my-sites', '/prod'))
      const inputs = { 'distribution-id': DIST, 'sync-log': log, 'max-paths': '5' }
      // The folder the deploy uploaded: no warning, though the keys start with prod/.
      const right = await runInProcess({ ...inputs, 'site-dir': join(workspace, 'site') }, api)
      expect(right.stdout).not.toContain('::warning::')
      expect(right.api.created.map(c => c.items)).toEqual([['/js/*']])
      // One level too deep: warned, naming the distribution.
      const wrong = await runInProcess({ ...inputs, 'site-dir': join(workspace, 'site', 'js') }, api)
      expect(wrong.stdout).toContain(
        `::warning::${DIST}: site-dir ${join(workspace, 'site', 'js')}: 12 of the 12 changed files are not in it`
      )
    })

    it('a sync-log whose objects all lie outside origin-path, the distribution agreeing: nothing created, a warning, success', async () => {
      // A bucket shared by two sites: this deploy changed only the other site's keys.
      const log = write('staging.log', 'upload: public/a.html to s3://my-sites/staging/a.html\n')
      const api = new FakeCloudFront()
      api.routings.set(DIST, routingFor(DIST, 'my-sites', '/prod'))
      const { stdout, summary, exitCode, outputs } = await runInProcess(
        { 'distribution-id': DIST, 'sync-log': log, 'origin-path': '/prod/' },
        api
      )
      expect(api.calls.map(c => c.operation)).toEqual(['routing'])
      expect(exitCode).toBeUndefined()
      expect(outputs.invalidations).toBe('[]')
      expect(stdout).toContain('::warning::Every object the sync-log changed (1) is outside origin-path /prod/')
      expect(summary).toContain('The deploy changed no object: no invalidation was created.')
    })

    it('a sync-log whose objects all lie outside origin-path, the distribution having none: fails before creating', async () => {
      const log = write('staging.log', 'upload: public/a.html to s3://my-sites/staging/a.html\n')
      const api = new FakeCloudFront()
      api.routings.set(DIST, routingFor(DIST, 'my-sites'))
      const { errors, exitCode, outputs } = await runInProcess(
        { 'distribution-id': DIST, 'sync-log': log, 'origin-path': '/prod/' },
        api
      )
      expect(api.calls.map(c => c.operation)).toEqual(['routing'])
      expect(exitCode).toBe(1)
      expect(outputs.invalidations).toBe('[]')
      expect(errors[0]).toContain(
        "origin-path is /prod, and the distribution's origin path for my-sites.s3.us-east-1.amazonaws.com is none (the bucket root)"
      )
    })

    it('a sync-log line that echoes a credential is shown redacted', async () => {
      const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzLEAKEDzz'
      const log = write('leaky.log', `+ export AWS_SECRET_ACCESS_KEY=${secret}\nupload: a to s3://b/a\n`)
      const saved = process.env.AWS_SECRET_ACCESS_KEY
      process.env.AWS_SECRET_ACCESS_KEY = secret
      try {
        const { stdout, summary } = await runInProcess({ 'distribution-id': DIST, 'sync-log': log })
        expect(stdout).toContain('1 other line (first: "+ export AWS_SECRET_ACCESS_KEY=[redacted]")')
        expect(stdout + summary).not.toContain(secret)
      } finally {
        if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY
        else process.env.AWS_SECRET_ACCESS_KEY = saved
      }
    })

    it('a dry run of a sync-log shows the objects and the request, and sends nothing', async () => {
      const log = write('dry.log', '(dryrun) delete: s3://b/old.html\n')
      const { api, stdout, summary } = await runInProcess(
        {
          'distribution-id': DIST,
          'sync-log': log,
          'dry-run': 'true'
        },
        servingB()
      )
      // The read-only GetDistribution only: a dry run checks the mapping too.
      expect(api.calls).toEqual([{ operation: 'routing', target: DIST, detail: '' }])
      expect(stdout).toContain('s3://b/old.html')
      expect(stdout).toContain('"/old.html"')
      expect(summary).toContain(`<li>sync-log ${log}: 1 object changed (1 deleted).</li>`)
      expect(summary).toContain('<summary>Paths that would be sent (1)</summary><pre>\n/old.html</pre>')
      expect(summary).toContain('1 request would be sent; none was.')
    })
  })

  describe("the distribution's own configuration", () => {
    const workspace = mkdtempSync(join(tmpdir(), 'main-routing-'))
    const logFile = (name: string, text: string) => {
      writeFileSync(join(workspace, name), text)
      return join(workspace, name)
    }
    const site = logFile('site.log', 'upload: p/index.html to s3://my-site/index.html\ndelete: s3://my-site/old.html\n')

    it('no distribution named: the ones whose origins serve the bucket, each with its own URLs', async () => {
      const api = new FakeCloudFront()
      for (const [id, bucket, originPath] of [
        [DIST, 'my-site', ''],
        [OTHER, 'elsewhere', ''],
        ['EFEEDS00000001', 'my-site', '/feeds']
      ] as const) {
        const routing = routingFor(id, bucket, originPath)
        api.distributions.push({ id, arn: routing.arn, domainName: '', aliases: [], routing })
        api.routings.set(id, routing)
      }
      const { errors, stdout, summary } = await runInProcess({ 'sync-log': site }, api)
      expect(errors).toEqual([])
      expect(api.created.map(c => [c.target.id, c.items])).toEqual([[DIST, ['/index.html', '/', '/old.html']]])
      expect(stdout).toContain(`bucket my-site → ${DIST}, EFEEDS00000001 (an origin serves it)`)
      expect(stdout).toContain('EFEEDS00000001 (bucket my-site): no changed object is served by it: no invalidation.')
      expect(summary).toContain(`${DIST} (bucket my-site): my-site is served through origin site`)
    })

    it('every changed object outside the origin path of every target: nothing created, success, said so', async () => {
      const api = new FakeCloudFront()
      api.routings.set(DIST, routingFor(DIST, 'my-site', '/prod'))
      const { errors, stdout, outputs } = await runInProcess({ 'distribution-id': DIST, 'sync-log': site }, api)
      expect(errors).toEqual([])
      expect(api.created).toHaveLength(0)
      expect(outputs.invalidations).toBe('[]')
      expect(stdout).toContain('No distribution serves an object the deploy changed')
      expect(stdout).not.toContain('::warning::')
    })

    it('no distribution named and a sync through an access point: fails, asking for distribution-id', async () => {
      const viaAccessPoint = logFile(
        'ap.log',
        'upload: p/a.html to s3://arn:aws:s3:us-east-1:123456789012:accesspoint/site/a.html\n'
      )
      const { api, errors } = await runInProcess({ 'sync-log': viaAccessPoint })
      expect(api.calls).toEqual([])
      expect(errors[0]).toContain(
        'Input "distribution-id": "" is empty, and the sync-log went through the access point arn:aws:s3:us-east-1:123456789012:accesspoint/site, so no distribution can be found by its bucket'
      )
    })
  })

  describe('distributions by domain name and tags', () => {
    const withDistributions = () => {
      const api = new FakeCloudFront()
      api.distributions.push(
        {
          id: DIST,
          arn: `arn:aws:cloudfront::123456789012:distribution/${DIST}`,
          domainName: 'd1.cloudfront.net',
          aliases: ['www.example.com']
        },
        {
          id: OTHER,
          arn: `arn:aws:cloudfront::123456789012:distribution/${OTHER}`,
          domainName: 'd2.cloudfront.net',
          aliases: []
        }
      )
      api.tags.set(`arn:aws:cloudfront::123456789012:distribution/${OTHER}`, { Environment: 'staging' })
      return api
    }

    it('resolves names and tags, invalidates each once, and says what each resolved to', async () => {
      const { api, outputs, summary, stdout } = await runInProcess(
        { 'distribution-id': 'www.example.com', 'distribution-tags': 'Environment=staging', paths: '/a.html' },
        withDistributions()
      )
      expect(api.created.map(c => c.target.id).sort()).toEqual([DIST, OTHER].sort())
      expect(stdout).toContain(`www.example.com → ${DIST} (alternate domain name)`)
      expect(summary).toContain(`Environment=staging → ${OTHER} (tags)`)
      expect(
        output(outputs)
          .map(o => o.given)
          .sort()
      ).toEqual(['Environment=staging', 'www.example.com'])
    })

    it('a dry run looks up, creates nothing', async () => {
      const { api, stdout } = await runInProcess(
        { 'distribution-id': 'www.example.com', paths: '/a.html', 'dry-run': 'true' },
        withDistributions()
      )
      expect(api.calls.map(c => c.operation)).toEqual(['list'])
      expect(stdout).toContain('read-only lookups, made in a dry run too')
    })

    it('a step that names only IDs makes no lookup', async () => {
      const { api } = await runInProcess({ 'distribution-id': DIST, paths: '/a.html' }, withDistributions())
      expect(api.calls.map(c => c.operation)).toEqual(['create'])
    })
  })

  it('in China, messages name arn:aws-cn: ARNs and the summary links the China console', async () => {
    const api = new FakeCloudFront()
    api.targetErrors.set(
      OTHER,
      apiError('AccessDenied', 'User: arn:aws-cn:sts::123456789012:assumed-role/deploy/x is not authorized', 403)
    )
    const { errors, summary } = await runInProcess(
      { 'distribution-id': `${DIST} ${OTHER}`, paths: '/a.html', 'aws-region': 'cn-north-1' },
      api
    )
    expect(errors[0]).toContain(`arn:aws-cn:cloudfront::123456789012:distribution/${OTHER}`)
    expect(summary).toContain(
      `https://console.amazonaws.cn/cloudfront/v4/home#/distributions/${DIST}/invalidations/details/`
    )
  })
})
