// One measurement for the benchmark, in a process of its own so that its peak RSS is the action's:
// the inputs (a paths-file or a sync-log, written beforehand by bench.ts, with max-paths and site-dir
// as the row asks) read and checked as the action reads them, then normalized, given directory URLs,
// deduplicated, checked for wildcard coverage, reduced to max-paths, batched, and given
// CallerReferences: everything the action does before its first request. Prints JSON.
import { readSettings } from '../src/inputs.js'
import { planPaths } from '../src/paths/plan-paths.js'
import { readNamedFiles } from '../src/paths/read-files.js'
import { planRequests } from '../src/requests/plan-requests.js'

const [inputsJson, count] = process.argv.slice(2)
const inputs = JSON.parse(inputsJson ?? '{}') as Record<string, string>
Object.assign(process.env, {
  'INPUT_DISTRIBUTION-ID': 'EDFDVBD632BHDS5',
  INPUT_WAIT: 'false',
  'INPUT_WAIT-TIMEOUT': '600',
  'INPUT_AWS-REGION': 'us-east-1',
  'INPUT_DRY-RUN': 'false',
  INPUT_VERIFY: 'false',
  'INPUT_INDEX-DOCUMENT': 'index.html'
})
for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value
const run = { sha: 'f'.repeat(40), runId: '1', runAttempt: '1', job: 'deploy', action: 'invalidate' }
const started = performance.now()
const settings = readSettings()
const files = readNamedFiles(settings)
const read = performance.now()
const plan = planPaths(files.sources, {
  maxPaths: settings.maxPaths,
  indexDocument: settings.indexDocument,
  site: files.siteDir
})
const [target] = planRequests(settings, settings.targets, plan.items, run)
const done = performance.now()
console.log(
  JSON.stringify({
    count: Number(count),
    ms: done - started,
    readMs: read - started,
    planMs: done - read,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    sent: plan.items.length,
    wildcards: plan.reduction?.wildcards.length,
    unchangedRefreshed: plan.reduction?.unchangedRefreshed,
    batches: target?.requests.length
  })
)
