/**
 * End-to-end: deploy-aware paths. The committed dist/index.js, under Node 24, reads what `aws s3 sync`
 * printed (the real captures in __fixtures__/aws-s3-sync/, and lines in the CLI's formats written
 * here), and creates exactly the invalidation the deploy needs against the local CloudFront endpoint.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { CloudFrontEmulator } from '../emulator/server.js'
import { FAKE_CREDENTIALS, errorsOf, runAction, warningsOf } from '../__fixtures__/runner.js'
import { CAPTURED, SECOND_SYNC_URLS } from '../__fixtures__/aws-s3-sync.js'

const DIST = 'EDFDVBD632BHDS5'

let emulator: CloudFrontEmulator
let endpoint: string
let workspace: string

/** Makes DIST serve this bucket (the action reads the distribution's origins when a sync-log is given). */
const serve = (bucket: string, originPath = '') =>
  emulator.addDistribution({
    id: DIST,
    origins: [{ id: 'site', domainName: `${bucket}.s3.us-east-1.amazonaws.com`, originPath }]
  })

beforeEach(async () => {
  emulator = new CloudFrontEmulator({ distributions: [DIST] })
  serve('my-site-bucket')
  endpoint = await emulator.start()
  workspace = mkdtempSync(join(tmpdir(), 'cf-workspace-'))
  for (const name of [
    'first-sync.log',
    'second-sync.log',
    'noprogress.log',
    'upload-failed.log',
    'missing-bucket.log'
  ]) {
    copyFileSync(join(CAPTURED, name), join(workspace, name))
  }
})
afterEach(() => emulator.stop())

/** The action as a workflow step in `workspace`, where the deploy step left its logs and its site. */
const run = (inputs: Record<string, string>) =>
  runAction({ endpoint, inputs: { 'distribution-id': DIST, ...inputs }, cwd: workspace })
const write = (name: string, content: string) => {
  const file = join(workspace, name)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, content)
  return file
}
const creates = () => emulator.requests.filter(r => r.operation === 'CreateInvalidation')
const sentPaths = () => emulator.invalidations.flatMap(i => i.paths).sort()

describe('sync-log', () => {
  it('a real sync --delete log: exactly the URLs it changed, directory URLs included', async () => {
    const result = await run({ 'sync-log': 'second-sync.log' })
    expect(result.code).toBe(0)
    expect(emulator.invalidations).toHaveLength(1)
    expect(sentPaths()).toEqual(SECOND_SYNC_URLS)
    expect(result.stdout).toContain(
      'sync-log second-sync.log: 6 objects changed (4 uploaded, 2 deleted); skipped 9 progress lines.'
    )
    expect(result.summary).toContain('6 paths given, 8 sent; added 2 directory URLs for index documents.')
    expect(result.summary).toContain('sync-log second-sync.log: 6 objects changed')
    expect(JSON.parse(result.outputs.invalidations ?? '[]')).toHaveLength(1)
  })

  it('several logs and paths together, each path once', async () => {
    const result = await run({ 'sync-log': 'first-sync.log\nsecond-sync.log\nnoprogress.log', paths: '/feed.xml' })
    expect(result.code).toBe(0)
    const sent = sentPaths()
    // 16 + 6 + 1 objects, 4 of them in two logs; 5 index documents' directory URLs (/, /blog/, /blog/first-post/,
    // /docs/getting%20started/, /日本/); and /feed.xml.
    expect(sent).toHaveLength(16 + 6 + 1 - 4 + 5 + 1)
    expect(sent).toEqual(
      expect.arrayContaining(['/', '/blog/first-post/', '/zz.html', '/feed.xml', '/assets/app.77aa.css'])
    )
  })

  it('a deploy that changed nothing: no invalidation, success, and the summary says so', async () => {
    write('empty.log', '')
    const result = await run({ 'sync-log': 'empty.log' })
    expect(result.code).toBe(0)
    expect(creates()).toHaveLength(0)
    expect(result.outputs.invalidations).toBe('[]')
    expect(result.outputs['invalidation-id']).toBeUndefined()
    expect(result.stdout).toContain('The deploy changed no object: no invalidation is created.')
    expect(result.summary).toContain('The deploy changed no object: no invalidation was created.')
    expect(result.summary).toContain('sync-log empty.log: no object changed.')
  })

  it('a file that holds no aws s3 output fails before any request, naming the file', async () => {
    write('paths.txt', '/index.html\n')
    const result = await run({ 'sync-log': 'paths.txt' })
    expect(result.code).toBe(1)
    expect(emulator.requests).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain('Input "sync-log": "paths.txt" holds no line of aws s3 output')
  })
})

describe('origin-path', () => {
  it('strips the prefix and skips, counting, what is outside it', async () => {
    write(
      'prod.log',
      [
        'upload: public/index.html to s3://sites/prod/index.html',
        'delete: s3://sites/prod/old page.html',
        'upload: public/index.html to s3://sites/staging/index.html'
      ].join('\n')
    )
    serve('sites', '/prod')
    const result = await run({ 'sync-log': 'prod.log', 'origin-path': '/prod' })
    expect(result.code).toBe(0)
    expect(sentPaths()).toEqual(['/', '/index.html', '/old%20page.html'])
    expect(result.summary).toContain('skipped 1 object outside origin-path /prod/')
  })

  it('a log that names two buckets fails before any request, naming both', async () => {
    write('two.log', 'upload: a to s3://site-a/a\nupload: b to s3://site-b/b\n')
    const result = await run({ 'sync-log': 'two.log' })
    expect(result.code).toBe(1)
    expect(emulator.requests).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain('names objects in 2 buckets (site-a, site-b)')
  })
})

describe('index-document', () => {
  it('empty adds no directory URL; another name adds its own', async () => {
    await run({ 'sync-log': 'second-sync.log', 'index-document': '' })
    expect(sentPaths()).not.toContain('/blog/')
    write('default.log', 'upload: p/docs/default.htm to s3://b/docs/default.htm\n')
    serve('b')
    await run({ 'sync-log': 'default.log', 'index-document': 'default.htm', paths: '/x/index.html' })
    expect(emulator.invalidations[1]?.paths.sort()).toEqual(['/docs/', '/docs/default.htm', '/x/index.html'])
  })
})

describe('max-paths and site-dir', () => {
  // A deploy of a site with hashed asset names: 40 new scripts, 40 old ones deleted, 2 pages changed.
  const deployLog = () =>
    [
      ...Array.from(
        { length: 40 },
        (_, i) => `upload: public/assets/js/app.${i}new.js to s3://site/assets/js/app.${i}new.js`
      ),
      ...Array.from({ length: 40 }, (_, i) => `delete: s3://site/assets/js/app.${i}old.js`),
      'upload: public/about.html to s3://site/about.html',
      'upload: public/blog/post.html to s3://site/blog/post.html'
    ].join('\n')

  it('past max-paths: a directory wildcard, not /*, listed with what it replaced', async () => {
    write('deploy.log', deployLog())
    serve('site')
    const result = await run({ 'sync-log': 'deploy.log', 'max-paths': '10' })
    expect(result.code).toBe(0)
    expect(sentPaths()).toEqual(['/about.html', '/assets/js/*', '/blog/post.html'])
    expect(result.stdout).toContain(
      '82 paths remained, more than max-paths: 1 directory wildcard replaced 80 paths, leaving 3 paths'
    )
    expect(result.summary).toContain('/assets/js/* replaces 80 paths')
  })

  it('with site-dir: the wildcard that refreshes the fewest unchanged files, and how many', async () => {
    // /assets/js/ also holds 30 scripts this deploy did not touch; /assets/img/ one unchanged image.
    const images = Array.from({ length: 12 }, (_, i) => `assets/img/photo-${i}.png`)
    write('deploy.log', [deployLog(), ...images.map(key => `upload: public/${key} to s3://site/${key}`)].join('\n'))
    for (let i = 0; i < 40; i++) write(`public/assets/js/app.${i}new.js`, '')
    for (let i = 0; i < 30; i++) write(`public/assets/js/chunk-${i}.js`, '')
    for (const key of images) write(`public/${key}`, '')
    write('public/assets/img/favicon.png', '')
    write('public/about.html', '')
    write('public/blog/post.html', '')
    serve('site')

    // 94 paths, at most 84: one wildcard must replace at least 11 of them.
    const blind = await run({ 'sync-log': 'deploy.log', 'max-paths': '84' })
    expect(blind.code).toBe(0)
    expect(emulator.invalidations[0]?.paths.filter(p => p.endsWith('*'))).toEqual(['/assets/js/*'])

    const informed = await run({ 'sync-log': 'deploy.log', 'max-paths': '84', 'site-dir': 'public' })
    expect(informed.code).toBe(0)
    const sent = emulator.invalidations[1]?.paths ?? []
    expect(sent.filter(p => p.endsWith('*'))).toEqual(['/assets/img/*'])
    expect(sent).toHaveLength(83)
    expect(sent).toContain('/assets/js/app.7old.js')
    expect(informed.summary).toContain("refreshing 1 unchanged file of site-dir's 85")
    expect(informed.summary).toContain('/assets/img/* replaces 12 paths, refreshes 1 unchanged file')
  })

  it('site-dir that does not exist fails before any request, naming it', async () => {
    const result = await run({ 'sync-log': 'second-sync.log', 'max-paths': '5', 'site-dir': 'pubilc' })
    expect(result.code).toBe(1)
    expect(emulator.requests).toHaveLength(0)
    expect(errorsOf(result)[0]).toContain('Input "site-dir": "pubilc" cannot be read')
  })
})

describe('dry-run', () => {
  it('shows the objects of each log, what was skipped, the directory URLs and the wildcards; sends nothing', async () => {
    write(
      'deploy.log',
      [
        'Completed 1 file(s) with 3 file(s) remaining\rupload: public/blog/index.html to s3://site/blog/index.html   ',
        ...Array.from({ length: 6 }, (_, i) => `(dryrun) upload: public/js/${i}.js to s3://site/js/${i}.js`),
        'upload failed: public/big.bin to s3://site/big.bin Connection reset',
        'a stray line'
      ].join('\n')
    )
    serve('site')
    const result = await run({ 'sync-log': 'deploy.log', 'max-paths': '4', 'dry-run': 'true' })
    // The failure line fails the step, as it would a real run (e2e-mistakes.test.ts).
    expect(result.code).toBe(1)
    // The read-only GetDistribution only: the mapping is checked in a dry run too.
    expect(emulator.requests.map(r => r.operation)).toEqual(['GetDistribution'])
    expect(result.stdout).toContain('Objects taken from sync-log deploy.log (7)')
    expect(result.stdout).toContain('s3://site/js/5.js')
    expect(result.stdout).toContain(
      'sync-log deploy.log: 7 objects changed (7 uploaded); skipped 1 progress line, 1 failure line, 1 other line (first: "a stray line").'
    )
    expect(result.stdout).toContain('7 paths given, 3 would be sent')
    expect(result.stdout).toContain('added 1 directory URL for index documents')
    expect(result.stdout).toContain('/js/* replaces 6 paths')
    expect(result.stdout).toContain('"/js/*"')
    expect(result.summary).toContain('/js/* replaces 6 paths')
  })
})

describe('a failed sync fails the step', () => {
  it('an upload refused (real capture, 2>&1): what changed is invalidated, then the step fails quoting the failure', async () => {
    const result = await run({ 'sync-log': 'upload-failed.log' })
    expect(result.code).toBe(1)
    // The three uploads that worked are fresh.
    expect(emulator.invalidations).toHaveLength(1)
    const created = emulator.invalidations[0]!
    expect(created.paths.sort()).toEqual(['/', '/about.html', '/assets/app.css', '/index.html'])
    const [error, ...others] = errorsOf(result)
    expect(others).toEqual([])
    expect(error).toContain('sync-log upload-failed.log records that the sync failed (1 failure line)')
    expect(error).toContain(
      'line 1: upload failed: site/assets/app.js to s3://my-site-bucket/assets/app.js An error occurred (AccessDenied) when calling the PutObject operation: Access Denied'
    )
    expect(error).toContain('s3:PutObject')
    expect(error).toContain('run the deploy again')
    expect(error).toContain(`Created by this step: ${created.id} on ${DIST}`)
    // Nothing created is lost from the outputs and the summary.
    expect(result.outputs['invalidation-id']).toBe(created.id)
    expect(JSON.parse(result.outputs.invalidations ?? '[]')).toHaveLength(1)
    expect(result.summary).toContain(created.id)
    expect(result.summary).toContain('records that the sync failed')
  })

  it('a missing bucket (real capture): no invalidation, and a failed step that says what to fix', async () => {
    const result = await run({ 'sync-log': 'missing-bucket.log' })
    expect(result.code).toBe(1)
    expect(creates()).toHaveLength(0)
    const [error] = errorsOf(result)
    expect(error).toContain(
      'line 1: fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist'
    )
    expect(error).toContain('the bucket name')
    expect(result.stdout).not.toContain('The deploy changed no object')
    expect(result.outputs.invalidations).toBe('[]')
    expect(result.summary).toContain('records that the sync failed')
  })

  it('quotes the first three failure lines, redacted, and counts the rest', async () => {
    write(
      'failed.log',
      [
        'upload: site/a.html to s3://b/a.html',
        ...Array.from(
          { length: 5 },
          (_, i) =>
            `upload failed: site/${i}.js to s3://b/${i}.js An error occurred (SignatureDoesNotMatch) Credential=${FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID}/20260101`
        )
      ].join('\n')
    )
    serve('b')
    const result = await run({ 'sync-log': 'failed.log' })
    expect(result.code).toBe(1)
    const [error] = errorsOf(result)
    expect(error).toContain('(5 failure lines)')
    expect(error).toContain('line 4: upload failed: site/2.js')
    expect(error).not.toContain('site/3.js')
    expect(error).toContain('… and 2 more')
    expect(result.stdout + result.summary).not.toContain(FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID)
    expect(emulator.invalidations[0]?.paths).toEqual(['/a.html'])
  })

  it('a dry run fails over a failed sync too, sending nothing', async () => {
    const result = await run({ 'sync-log': 'upload-failed.log', 'dry-run': 'true' })
    expect(result.code).toBe(1)
    // The read-only GetDistribution only: the mapping is checked in a dry run too.
    expect(emulator.requests.map(r => r.operation)).toEqual(['GetDistribution'])
    expect(errorsOf(result)[0]).toContain('records that the sync failed')
  })
})

describe('site-dir that is not the folder the deploy uploaded', () => {
  it('one folder too deep: a warning naming site-dir, how many were missing and an example; no made-up counts', async () => {
    const keys = [...Array.from({ length: 12 }, (_, i) => `assets/js/app.${i}.js`), 'index.html', 'about.html']
    write('deploy.log', keys.map(key => `upload: public/${key} to s3://site/${key}`).join('\n'))
    for (const key of keys) write(`public/${key}`, '')
    for (let i = 0; i < 30; i++) write(`public/assets/js/chunk-${i}.js`, '')
    serve('site')
    const result = await run({ 'sync-log': 'deploy.log', 'max-paths': '5', 'site-dir': 'public/assets' })
    expect(result.code).toBe(0)
    const warnings = warningsOf(result)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('site-dir public/assets')
    expect(warnings[0]).toContain('14 of the 14 changed files are not in it')
    expect(warnings[0]).toContain('/assets/js/app.0.js')
    expect(result.stdout + result.summary).not.toMatch(/refresh(ing|es) \d+ unchanged/)
    expect(result.summary).toContain('14 of the 14 changed files are not in it')
    // Still every path covered, within max-paths.
    expect(emulator.invalidations[0]?.paths.sort()).toEqual(['/', '/about.html', '/assets/js/*', '/index.html'])
  })
})

describe('the summary lists the paths sent', () => {
  it('beside what each sync-log contributed', async () => {
    const result = await run({ 'sync-log': 'second-sync.log' })
    expect(result.summary).toContain('sync-log second-sync.log: 6 objects changed')
    expect(result.summary).toContain('<summary>Paths sent (8)</summary>')
    expect(result.summary).toContain('/docs/getting%20started/faq.html')
  })
})
