// Runs the local CloudFront endpoint, and optionally each distribution's edge, until interrupted:
//   npm run emulator                                     # E2QWRUHAPOMQZL, serving my-site-bucket
//   npm run emulator -- --edge                           # and its edge, serving emulator/example-site
//   npm run emulator -- --config emulator/example-config.json
// `npm run emulator -- --help` lists every option; CONTRIBUTING ("The local CloudFront endpoint")
// documents the config file's JSON shape (emulator/config.ts checks it).
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  checkConfig,
  DEFAULT_DISTRIBUTION_ID,
  distributionServing,
  EXAMPLE_SITE,
  FIXTURES_BUCKET,
  parseBucketFlag,
  readConfig,
  startedIn
} from './config.js'
import { CloudFrontEdge } from './edge.js'
import { CloudFrontEmulator, type DistributionSpec } from './server.js'

const USAGE = `Usage: npm run emulator -- [options]

The local CloudFront endpoint (CloudFront's API on 127.0.0.1) and, with --edge, each distribution's
edge: what visitors get, served from a local folder per S3 bucket, cached until an invalidation.

  --config FILE              what to serve, as JSON (emulator/example-config.json is one; the shape is in
                             CONTRIBUTING.md, "The local CloudFront endpoint"): port, completionDelayMs,
                             distributions (IDs, or objects with aliases, tags, origins with originPath,
                             originGroups, behaviors, defaultRootObject), tenants, buckets, indexDocuments,
                             edge. The options below override or add to it.
  --port N                   the endpoint listens on 127.0.0.1:N (default: a free port)
  --distribution ID          a distribution with one origin, the S3 website endpoint of the first bucket
                             --bucket names (else the first of the config's buckets, else ${FIXTURES_BUCKET},
                             the bucket of __fixtures__/aws-s3-sync/*.log), default root object index.html
                             (repeatable). With no distribution named here or in --config:
                             ${DEFAULT_DISTRIBUTION_ID}, described so.
  --distributions-file FILE  a JSON array of distributions, as "distributions" in --config
  --tenant ID                a distribution tenant (repeatable)
  --completion-delay-ms N    how long an invalidation stays InProgress (default 0)
  --edge                     also serve each distribution's edge on 127.0.0.1, one port each
  --edge-port N              the first distribution's edge on port N, the next on N+1, … (0: free ports);
                             implies --edge
  --bucket NAME=DIR          the edge serves the folder DIR as the S3 bucket NAME (repeatable); implies --edge.
                             Default: ${FIXTURES_BUCKET}=${relative(startedIn(), EXAMPLE_SITE) || EXAMPLE_SITE}, the site after
                             __fixtures__/aws-s3-sync/second-sync.log
  --verbose                  log each request to stderr
  -h, --help                 this text

Then point the action, the SDK or the AWS CLI at the endpoint with AWS_ENDPOINT_URL_CLOUDFRONT=<its URL> and
any key pair (the emulator checks that requests are signed, not by whom), and give verify the edge's URL as
site-url. CONTRIBUTING.md, "Running the bundle locally", walks through a verified deploy.`

function parse() {
  try {
    return parseArgs({
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        distribution: { type: 'string', multiple: true, default: [] },
        'distributions-file': { type: 'string' },
        tenant: { type: 'string', multiple: true, default: [] },
        'completion-delay-ms': { type: 'string' },
        edge: { type: 'boolean', default: false },
        'edge-port': { type: 'string' },
        bucket: { type: 'string', multiple: true, default: [] },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    return fail(error, true)
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A mistake in the flags, the config or the ports: what and where, exit code 2 (the usage after a flag it cannot parse). */
function fail(error: unknown, withUsage = false): never {
  console.error(
    withUsage ? `${messageOf(error)}\n\n${USAGE}` : `${messageOf(error)}\nnpm run emulator -- --help lists the options.`
  )
  process.exit(2)
}

/** A flag's whole number, or an error naming the flag and the value. */
function numberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new Error(`--${flag} "${value}" is not a whole number.`)
  return Number(value)
}

/** What the CLI serves: the config file and the flags, the flags winning, every default filled in. */
interface Served {
  port: number
  completionDelayMs: number
  distributions: DistributionSpec[]
  tenants: string[]
  buckets: Record<string, string>
  indexDocuments: Record<string, string>
  /** The first edge's port (0: free ports), or undefined for no edge. */
  edge: { port: number } | undefined
  verbose: boolean
}

/** The config file and the flags, the flags winning. */
function settings(values: ReturnType<typeof parse>['values']): Served {
  const file = values.config ? readConfig(resolve(startedIn(), values.config)) : {}
  const fromFile = values['distributions-file']
    ? checkConfig(
        {
          distributions: JSON.parse(readFileSync(resolve(startedIn(), values['distributions-file']), 'utf8')) as unknown
        },
        `--distributions-file ${values['distributions-file']}`
      ).distributions
    : []
  const buckets = { ...file.buckets, ...Object.fromEntries(values.bucket.map(parseBucketFlag)) }
  const flagBucket = values.bucket[0] === undefined ? undefined : parseBucketFlag(values.bucket[0])[0]
  const defaultBucket = flagBucket ?? Object.keys(file.buckets ?? {})[0] ?? FIXTURES_BUCKET
  let distributions = [...(file.distributions ?? []), ...(fromFile ?? []), ...values.distribution].map(d =>
    typeof d === 'string' ? distributionServing(d, defaultBucket) : d
  )
  if (distributions.length === 0) distributions = [distributionServing(DEFAULT_DISTRIBUTION_ID, defaultBucket)]
  const twice = distributions.find((d, i) => distributions.findIndex(other => other.id === d.id) !== i)
  if (twice)
    throw new Error(
      `The distribution ${twice.id} is described twice (by --config, --distributions-file or --distribution).`
    )
  const edgePort = numberFlag('edge-port', values['edge-port'])
  const fileEdge = file.edge === undefined || file.edge === false ? undefined : file.edge === true ? {} : file.edge
  const edgeOn = values.edge || edgePort !== undefined || values.bucket.length > 0 || fileEdge !== undefined
  return {
    port: numberFlag('port', values.port) ?? file.port ?? 0,
    completionDelayMs: numberFlag('completion-delay-ms', values['completion-delay-ms']) ?? file.completionDelayMs ?? 0,
    distributions,
    tenants: [...(file.tenants ?? []), ...values.tenant],
    buckets: Object.keys(buckets).length > 0 ? buckets : { [FIXTURES_BUCKET]: EXAMPLE_SITE },
    indexDocuments: file.indexDocuments ?? {},
    edge: edgeOn ? { port: edgePort ?? fileEdge?.port ?? 0 } : undefined,
    verbose: values.verbose
  }
}

const { values } = parse()
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
let config: Served
let emulator: CloudFrontEmulator
let url: string
try {
  config = settings(values)
  emulator = new CloudFrontEmulator({
    port: config.port,
    distributions: config.distributions,
    tenants: config.tenants,
    completionDelayMs: config.completionDelayMs,
    verbose: config.verbose
  })
} catch (error) {
  fail(error)
}
try {
  url = await emulator.start()
} catch (error) {
  fail(
    `The endpoint could not listen on port ${config.port}: ${messageOf(error)}. Stop what listens there, or give another --port.`
  )
}
const ids = config.distributions.map(d => d.id)
console.log(`CloudFront emulator listening on ${url} (distributions: ${ids.join(', ') || 'none yet'})`)
console.log(`Point the SDK or the AWS CLI at it with AWS_ENDPOINT_URL_CLOUDFRONT=${url}`)
for (const id of ids) {
  const d = emulator.distribution(id)
  const names = [d.domainName, ...d.aliases].join(', ')
  const origins = d.origins.map(o => `${o.id}: ${o.domainName}${o.originPath ? ` (origin path ${o.originPath})` : ''}`)
  const root = d.defaultRootObject ? `; root object ${d.defaultRootObject}` : ''
  console.log(`  ${id} (${names}): ${origins.join('; ')}${root}`)
}
const edge = config.edge
  ? new CloudFrontEdge(emulator, { buckets: config.buckets, indexDocuments: config.indexDocuments })
  : undefined
if (edge && config.edge) {
  const first = config.edge.port
  for (const [i, id] of ids.entries()) {
    const port = first === 0 ? 0 : first + i
    try {
      console.log(`Edge of ${id}: ${await edge.serve(id, port)} (give verify this as site-url)`)
    } catch (error) {
      await Promise.all([edge.stop(), emulator.stop()])
      fail(
        `The edge of ${id} could not listen on port ${port}: ${messageOf(error)}. Stop what listens there, or give another --edge-port.`
      )
    }
  }
  for (const [name, folder] of Object.entries(config.buckets)) console.log(`Bucket ${name}: ${folder}`)
}
const stop = () => void Promise.all([edge?.stop(), emulator.stop()]).then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
