// One measurement for the benchmark: N messy paths from an S3 sync through normalization,
// deduplication, wildcard coverage, the max-paths check and batching. Prints JSON.
import { splitIntoBatches } from '../src/batches.js'
import { planPaths } from '../src/paths.js'

const count = Number(process.argv[2] ?? '10000')
const names = [
  'index.html',
  'app.3f9a1c.js',
  'caf\u00e9 cr\u00e8me.html',
  '\u65e5\u672c\u8a9e.png',
  'a b [1].css',
  'feed.xml'
]
const raw = Array.from({ length: count }, (_, i) => {
  // 1% duplicates; the rest spread over folders.
  const n = i % 100 === 99 ? i - 1 : i
  return {
    value: `site/section-${n % 97}/page-${n}/${names[n % names.length]}`,
    input: 'paths-file' as const,
    file: 'bench',
    line: i + 1
  }
})
// Wildcards over some folders, which cover part of the list.
for (let w = 0; w < 20; w++)
  raw.push({ value: `/site/section-${w * 3}/*`, input: 'paths-file' as const, file: 'bench', line: count + w + 1 })

// The garbage of making the list is not the action's: collect it first (the bench runs with --expose-gc).
;(globalThis as { gc?: () => void }).gc?.()
// What the list itself takes, before any work: the action holds it too, having read it from the file.
const inputRssMb = process.memoryUsage().rss / 1024 / 1024
const started = performance.now()
const plan = planPaths(raw)
const batches = splitIntoBatches(plan.items)
const ms = performance.now() - started
console.log(
  JSON.stringify({
    count,
    ms,
    inputRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    sent: plan.items.length,
    batches: batches.length
  })
)
