// Runs the local CloudFront endpoint until interrupted:
//   npm run emulator -- --port 4566 --distribution E2QWRUHAPOMQZL --completion-delay-ms 5000
// Distributions with origins, origin groups, behaviors and a default root object come from a JSON file
// holding an array of DistributionSpec (emulator/state.ts):
//   npm run emulator -- --distributions-file distributions.json
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { CloudFrontEmulator, type DistributionSpec } from './server.js'

const USAGE = `Usage: npm run emulator -- [options]
  --port N                   listen on 127.0.0.1:N (default: a free port)
  --distribution ID          a distribution with one S3 origin for the bucket site-<id in lower case> (repeatable)
  --distributions-file FILE  a JSON array of DistributionSpec (emulator/state.ts): origins, behaviors, root object
  --tenant ID                a distribution tenant (repeatable)
  --completion-delay-ms N    how long an invalidation stays InProgress (default 0)
  --verbose                  log each request to stderr`

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        distribution: { type: 'string', multiple: true, default: [] },
        'distributions-file': { type: 'string' },
        tenant: { type: 'string', multiple: true, default: [] },
        'completion-delay-ms': { type: 'string', default: '0' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    process.exit(2)
  }
}

const { values } = parse()
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const described = values['distributions-file']
  ? (JSON.parse(readFileSync(values['distributions-file'], 'utf8')) as DistributionSpec[])
  : []
if (!Array.isArray(described)) throw new Error('--distributions-file must hold a JSON array of distributions')
const emulator = new CloudFrontEmulator({
  port: Number(values.port),
  distributions: [...values.distribution, ...described],
  tenants: values.tenant,
  completionDelayMs: Number(values['completion-delay-ms']),
  verbose: values.verbose
})
const url = await emulator.start()
console.log(
  `CloudFront emulator listening on ${url} (distributions: ${[...values.distribution, ...described.map(d => d.id)].join(', ') || 'none yet'})`
)
console.log(`Point the SDK or the AWS CLI at it with AWS_ENDPOINT_URL_CLOUDFRONT=${url}`)
const stop = () => void emulator.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
