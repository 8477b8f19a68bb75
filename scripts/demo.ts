// One command, no AWS account: starts the local CloudFront endpoint, runs the bundled action
// (dist/index.js, under Node 24, as the runner does) on what a real `aws s3 sync --delete` printed,
// with wait: true, prints the inputs, the step log, the outputs and the job summary, then stops the
// endpoint and removes its temporary folder, whatever happened.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFrontEmulator } from '../emulator/server.js'
import { ROOT, runAction } from '../__fixtures__/runner.js'

const DISTRIBUTION = 'EDFDVBD632BHDS5'
// Real output of the AWS CLI v2 (__fixtures__/aws-s3-sync/ORIGIN.md): an edit, a replaced asset, a
// deleted page, a new page whose key holds a space, a non-ASCII folder, with the progress lines.
const CAPTURED_LOG = join(ROOT, '__fixtures__', 'aws-s3-sync', 'second-sync.log')
const inputs = {
  'distribution-id': DISTRIBUTION,
  'sync-log': 'sync.log',
  wait: 'true',
  'wait-timeout': '60'
}

const dir = mkdtempSync(join(tmpdir(), 'cf-demo-'))
const emulator = new CloudFrontEmulator({ distributions: [DISTRIBUTION], completionDelayMs: 3000 })
try {
  // Where the deploy step left it: `aws s3 sync ./site s3://my-site-bucket --delete 2>&1 | tee sync.log`.
  copyFileSync(CAPTURED_LOG, join(dir, 'sync.log'))
  const endpoint = await emulator.start()
  console.log(`Local CloudFront endpoint: ${endpoint} (invalidations complete after 3 s)`)
  console.log(`sync.log: what aws s3 sync printed in a real deploy (${CAPTURED_LOG})\n`)
  console.log('- uses: acme/cloudfront-invalidate-action@v1')
  console.log('  with:')
  for (const [name, value] of Object.entries(inputs)) console.log(`    ${name}: ${value}`)
  console.log('  (the other inputs: their defaults in action.yml)\n')
  const result = await runAction({ endpoint, cwd: dir, inputs })
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
  rmSync(dir, { recursive: true, force: true })
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
