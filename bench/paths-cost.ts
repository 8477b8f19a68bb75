// One measurement for the benchmark, in a process of its own so that its peak RSS is the action's:
// a paths-file of N lines (written beforehand by bench.ts) read and checked as the action reads it,
// then normalized, deduplicated, checked for wildcard coverage and max-paths, batched, and given
// CallerReferences: everything the action does before its first request. Prints JSON.
import { readSettings } from '../src/inputs.js'
import { planPaths } from '../src/paths/plan.js'
import { planTargets } from '../src/requests/plan.js'

const [file, count] = process.argv.slice(2)
Object.assign(process.env, {
  'INPUT_DISTRIBUTION-ID': 'EDFDVBD632BHDS5',
  'INPUT_PATHS-FILE': file,
  INPUT_WAIT: 'false',
  'INPUT_WAIT-TIMEOUT': '600',
  'INPUT_AWS-REGION': 'us-east-1',
  'INPUT_DRY-RUN': 'false'
})
const run = { sha: 'f'.repeat(40), runId: '1', runAttempt: '1', job: 'deploy', action: 'invalidate' }
const started = performance.now()
const settings = readSettings()
const read = performance.now()
const plan = planPaths(settings.paths)
const [target] = planTargets(settings, plan.items, run)
const done = performance.now()
console.log(
  JSON.stringify({
    count: Number(count),
    ms: done - started,
    readMs: read - started,
    planMs: done - read,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    sent: plan.items.length,
    batches: target?.requests.length
  })
)
