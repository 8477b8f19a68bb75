// One command, no AWS account: starts the local CloudFront endpoint, runs the bundled action
// (dist/index.js, under Node 24, as the runner does) with the paths of a typical `aws s3 sync` and
// wait: true, prints its log, outputs and job summary, and stops the endpoint.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator } from '../emulator/server.js'
import { runAction } from '../__fixtures__/runner.js'

const DISTRIBUTION = 'EDFDVBD632BHDS5'
// What `aws s3 sync ./public s3://bucket` uploaded, one key per line, as a deploy script would list it.
const synced = [
  'index.html',
  'about/index.html',
  'blog/2026/11/cloudfront invalidation that waits.html',
  'blog/2026/11/caf\u00e9-cr\u00e8me.html',
  'assets/app.3f9a1c.js',
  'assets/app.3f9a1c.css',
  'assets/app.3f9a1c.js',
  'images/logo.svg',
  'images/\u65e5\u672c\u8a9e.png',
  'fonts/Inter[wght].woff2',
  'sitemap.xml',
  'feed.xml'
]

const dir = mkdtempSync(join(tmpdir(), 'cf-demo-'))
const pathsFile = join(dir, 'synced-paths.txt')
writeFileSync(pathsFile, synced.join('\n') + '\n')

const emulator = new CloudFrontEmulator({ distributions: [DISTRIBUTION], completionDelayMs: 3000 })
const endpoint = await emulator.start()
console.log(`Local CloudFront endpoint: ${endpoint} (invalidations complete after 3 s)\n`)
try {
  const result = await runAction({
    endpoint,
    cwd: dir,
    inputs: {
      'distribution-id': DISTRIBUTION,
      paths: '/assets/*',
      'paths-file': 'synced-paths.txt',
      wait: 'true',
      'wait-timeout': '60'
    }
  })
  console.log('---- the step log ----')
  console.log(result.stdout.trimEnd())
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
    result.outputs.status !== 'Completed'
  ) {
    console.error('The demo did not end with a Completed invalidation.')
    process.exitCode = 1
  }
} finally {
  await emulator.stop()
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
