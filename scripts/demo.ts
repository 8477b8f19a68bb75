// One command, no AWS account: starts the local CloudFront endpoint, runs the bundled action
// (dist/index.js, under Node 24, as the runner does) on what a real `aws s3 sync --delete` printed,
// with verify: true, prints the inputs, the step log, the outputs and the job summary, then stops the
// endpoint and removes its temporary folder, whatever happened. The emulator's edge serves the bucket
// (a local folder) with a cache warmed by visitors an hour before the deploy: the step ends verified.
// A second run shows a stale page caught: the step names another distribution than the one visitors use.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { CloudFrontEdge } from '../emulator/edge.js'
import { CloudFrontEmulator } from '../emulator/server.js'
import { errorsOf, ROOT, runAction } from '../__fixtures__/runner.js'
import { renderLine } from './workflow-commands.js'

const DISTRIBUTION = 'EDFDVBD632BHDS5'
// Another distribution of the same bucket (a staging one, say): invalidating it leaves the live site stale.
const OTHER = 'E2QWRUHAPOMQZL'
const BUCKET = 'my-site-bucket'
// The site before and after the sync whose output is CAPTURED_LOG: what each object held.
const BEFORE: Record<string, string> = {
  'index.html': '<h1>My site</h1>',
  'assets/[draft].html': '<p>draft</p>',
  'assets/app.3f2a.css': 'body { color: black }',
  'blog/index.html': '<h1>Blog</h1><p>First post</p>',
  'docs/getting started/faq.html': '<h1>FAQ</h1>'
}
const AFTER: Record<string, string> = {
  'index.html': '<h1>My site</h1>',
  'assets/app.77aa.css': 'body { color: navy }',
  'blog/index.html': '<h1>Blog</h1><p>Second post</p><p>First post</p>',
  'docs/getting started/faq.html': '<h1>FAQ</h1><p>Updated</p>',
  '日本/index.html': '<h1>日本語</h1>'
}
// The URLs visitors had asked for before the deploy, so the edge's cache holds their old copies.
const VISITED = [
  '/',
  '/assets/%5Bdraft%5D.html',
  '/assets/app.3f2a.css',
  '/blog/',
  '/blog/index.html',
  '/docs/getting%20started/faq.html'
]
// Real output of the AWS CLI v2 (__fixtures__/aws-s3-sync/ORIGIN.md): an edit, a replaced asset, a
// deleted page, a new page whose key holds a space, a non-ASCII folder, with the progress lines.
const CAPTURED_LOG = join(ROOT, '__fixtures__', 'aws-s3-sync', 'second-sync.log')
const inputs: Record<string, string> = {
  'distribution-id': DISTRIBUTION,
  'sync-log': 'sync.log',
  'site-dir': 'site',
  verify: 'true',
  'wait-timeout': '60'
}

const dir = mkdtempSync(join(tmpdir(), 'cf-demo-'))
// Both distributions serve the bucket through its website endpoint, index.html for `/`.
const distribution = (id: string) => ({
  id,
  origins: [{ id: 'site', domainName: `${BUCKET}.s3-website-us-east-1.amazonaws.com` }],
  defaultRootObject: 'index.html'
})
const emulator = new CloudFrontEmulator({
  distributions: [distribution(DISTRIBUTION), distribution(OTHER)],
  completionDelayMs: 3000
})
const edge = new CloudFrontEdge(emulator, { buckets: { [BUCKET]: join(dir, 'bucket') } })
try {
  // Where the deploy step left it: `aws s3 sync ./site s3://my-site-bucket --delete 2>&1 | tee sync.log`.
  copyFileSync(CAPTURED_LOG, join(dir, 'sync.log'))
  const endpoint = await emulator.start()
  // The bucket as it was, its pages cached by visitors an hour ago; then the deploy.
  writeTree(join(dir, 'bucket'), BEFORE)
  inputs['site-url'] = await edge.serve(DISTRIBUTION)
  edge.warm(DISTRIBUTION, VISITED, 3600)
  writeTree(join(dir, 'bucket'), AFTER)
  writeTree(join(dir, 'site'), AFTER)
  console.log(`Local CloudFront edge of ${DISTRIBUTION}: ${inputs['site-url']} (cache warmed an hour ago)`)
  console.log(`Local CloudFront endpoint: ${endpoint} (invalidations complete after 3 s)`)
  console.log(`sync.log: what aws s3 sync printed in a real deploy (${CAPTURED_LOG})\n`)
  console.log('- uses: acme/cloudfront-invalidate-action@v1')
  console.log('  with:')
  for (const [name, value] of Object.entries(inputs)) console.log(`    ${name}: ${value}`)
  console.log('  (the other inputs: their defaults in action.yml)\n')
  const result = await runAction({ endpoint, cwd: dir, inputs })
  console.log('---- the step log, as the run page shows it ----')
  for (const line of result.stdout.trimEnd().split(/\r?\n/)) {
    const shown = renderLine(line, false)
    if (shown !== undefined) console.log(shown)
  }
  if (result.stderr.trim()) console.log(result.stderr.trimEnd())
  console.log('\n---- outputs ----')
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}: ${value}`)
  console.log('\n---- job summary ----')
  console.log(renderSummary(result.summary))
  console.log(`\nExit code ${result.code} after ${(result.elapsedMs / 1000).toFixed(1)} s.`)
  const created = emulator.invalidations[0]
  if (
    result.code !== 0 ||
    !created ||
    emulator.statusOf(created) !== 'Completed' ||
    result.outputs.status !== 'Completed' ||
    result.outputs.verified !== 'true'
  ) {
    console.error('The demo did not end with a Completed invalidation and a verified deploy.')
    process.exitCode = 1
  }

  console.log(`\n==== A stale page caught: the next deploy, with distribution-id ${OTHER} ====`)
  console.log(
    `${OTHER} serves the same bucket, but visitors use ${DISTRIBUTION}, whose cache still holds the previous deploy's pages: the step invalidates the wrong cache, and verify catches it (it asks again for 20 s first).`
  )
  const next = { ...AFTER, 'blog/index.html': '<h1>Blog</h1><p>Third post</p>' }
  writeTree(join(dir, 'bucket'), next)
  writeTree(join(dir, 'site'), next)
  const stale = await runAction({ endpoint, cwd: dir, inputs: { ...inputs, 'distribution-id': OTHER } })
  for (const error of errorsOf(stale)) console.log(`Error: ${error}`)
  console.log(
    `verified: ${stale.outputs.verified}; exit code ${stale.code} after ${(stale.elapsedMs / 1000).toFixed(1)} s.`
  )
  if (stale.code !== 1 || stale.outputs.verified !== 'false') {
    console.error('The second run did not catch the stale pages.')
    process.exitCode = 1
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
  await edge.stop()
  await emulator.stop()
}

/** Replaces a folder with these files (key → text). */
function writeTree(folder: string, files: Record<string, string>): void {
  rmSync(folder, { recursive: true, force: true })
  for (const [key, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, key)), { recursive: true })
    writeFileSync(join(folder, key), text)
  }
}

/** The summary's HTML as plain text: one line per row, cells separated by " | ". */
function renderSummary(html: string): string {
  return html
    .replace(/<\/(th|td)>/g, ' | ')
    .replace(/<\/(tr|h\d|li|p)>|<br>/g, '\n')
    .replace(/<li>/g, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
    .trim()
}
