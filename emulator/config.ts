import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DistributionSpec } from './state.js'

/**
 * What `npm run emulator` serves, from its flags or a `--config FILE` (CONTRIBUTING, "The local
 * CloudFront endpoint"; emulator/example-config.json is one). Every field is optional:
 *
 *   port               the CloudFront endpoint's port on 127.0.0.1 (default: a free one)
 *   completionDelayMs  how long an invalidation stays InProgress (default 0)
 *   distributions      IDs, or DistributionSpec objects (emulator/state.ts): id, aliases, domainName,
 *                      tags, comment, origins [{id, domainName, originPath}], originGroups
 *                      [{id, members}], defaultTargetOriginId, behaviors [{pathPattern,
 *                      targetOriginId}], defaultRootObject. Default: one, DEFAULT_DISTRIBUTION_ID.
 *   tenants            distribution tenant IDs
 *   buckets            bucket name → local folder the edge serves as that bucket (relative to the file)
 *   indexDocuments     bucket name → the website endpoint's index document (default index.html)
 *   edge               true, or { "port": N }: start each distribution's edge (the first on N, the
 *                      next on N + 1, …; default free ports)
 *
 * Keys that start with "//" are comments.
 */
export interface EmulatorConfig {
  port?: number
  completionDelayMs?: number
  distributions?: (string | DistributionSpec)[]
  tenants?: string[]
  buckets?: Record<string, string>
  indexDocuments?: Record<string, string>
  edge?: boolean | { port?: number }
}

/** The bucket the sync-log fixtures name (__fixtures__/aws-s3-sync/ORIGIN.md): what a distribution given by ID serves. */
export const FIXTURES_BUCKET = 'my-site-bucket'
/** The distribution the CLI serves when none is named: the ID the README and .env.example use. */
export const DEFAULT_DISTRIBUTION_ID = 'E2QWRUHAPOMQZL'
/** The site after the deploy that __fixtures__/aws-s3-sync/second-sync.log records: the edge's default bucket folder. */
export const EXAMPLE_SITE = join(dirname(fileURLToPath(import.meta.url)), 'example-site')

/**
 * A distribution the CLI describes by its ID alone: one origin, the S3 website endpoint of `bucket`,
 * with index.html as its default root object, as a static site's distribution usually is. (The
 * emulator's API, for tests, gives such a distribution the bucket site-<id> instead.)
 */
export function distributionServing(id: string, bucket: string): DistributionSpec {
  return {
    id,
    origins: [{ id: bucket, domainName: `${bucket}.s3-website-us-east-1.amazonaws.com` }],
    defaultRootObject: 'index.html'
  }
}

/** The fields of a config file, as CONTRIBUTING documents them. */
export const CONFIG_FIELDS = [
  'port',
  'completionDelayMs',
  'distributions',
  'tenants',
  'buckets',
  'indexDocuments',
  'edge'
]
const DISTRIBUTION = [
  'id',
  'aliases',
  'domainName',
  'tags',
  'comment',
  'origins',
  'originGroups',
  'defaultTargetOriginId',
  'behaviors',
  'defaultRootObject'
]

/** Reads and checks a config file; folders in `buckets` are made absolute against the file's folder. */
export function readConfig(file: string): EmulatorConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new Error(`--config ${file}: cannot be read (${error instanceof Error ? error.message : String(error)}).`)
  }
  let parsed: unknown
  try {
    // A byte order mark, as some Windows editors write one, is not part of the JSON.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new Error(`--config ${file}: not JSON (${error instanceof Error ? error.message : String(error)}).`)
  }
  const config = checkConfig(parsed, `--config ${file}`)
  if (config.buckets) config.buckets = absoluteFolders(config.buckets, dirname(resolve(file)), `--config ${file}`)
  return config
}

/** Checks the shape of a config, naming the field and its value in every error (typos included). */
export function checkConfig(value: unknown, where: string): EmulatorConfig {
  const top = object(value, where)
  keysOf(top, CONFIG_FIELDS, where)
  if (top.port !== undefined) port(top.port, `${where}: port`)
  if (top.completionDelayMs !== undefined) wholeNumber(top.completionDelayMs, `${where}: completionDelayMs`)
  if (top.tenants !== undefined)
    list(top.tenants, `${where}: tenants`).forEach((t, i) => text(t, `${where}: tenants[${i}]`))
  if (top.buckets !== undefined) strings(top.buckets, `${where}: buckets`)
  if (top.indexDocuments !== undefined) strings(top.indexDocuments, `${where}: indexDocuments`)
  if (top.edge !== undefined && typeof top.edge !== 'boolean') {
    const edge = object(top.edge, `${where}: edge (true, false or { "port": N })`)
    keysOf(edge, ['port'], `${where}: edge`)
    if (edge.port !== undefined) port(edge.port, `${where}: edge.port`)
  }
  if (top.distributions !== undefined) {
    list(top.distributions, `${where}: distributions`).forEach((d, i) =>
      distribution(d, `${where}: distributions[${i}]`)
    )
  }
  return top as EmulatorConfig
}

/**
 * Where the command was started: npm runs scripts in the package's folder and says where it was run
 * in INIT_CWD, so that `--bucket site=./public` or `--config my.json` means the folder the user is in.
 */
export function startedIn(): string {
  return process.env.INIT_CWD || process.cwd()
}

/** `NAME=DIR` of --bucket: the folder made absolute against the folder the command was started in. */
export function parseBucketFlag(flag: string): [string, string] {
  const equals = flag.indexOf('=')
  const name = flag.slice(0, equals)
  const folder = flag.slice(equals + 1)
  if (equals <= 0 || folder === '')
    throw new Error(`--bucket "${flag}" is not NAME=DIR (such as my-site-bucket=./public).`)
  return [name, absoluteFolders({ [name]: folder }, startedIn(), '--bucket')[name] as string]
}

function absoluteFolders(buckets: Record<string, string>, base: string, where: string): Record<string, string> {
  const absolute: Record<string, string> = {}
  for (const [name, folder] of Object.entries(buckets)) {
    const full = isAbsolute(folder) ? folder : resolve(base, folder)
    if (!existsSync(full) || !statSync(full).isDirectory()) {
      throw new Error(`${where}: the folder of bucket ${name}, "${folder}" (${full}), is not a folder.`)
    }
    absolute[name] = full
  }
  return absolute
}

function distribution(value: unknown, where: string): void {
  if (typeof value === 'string') return text(value, where)
  const d = object(value, `${where} (an ID or a distribution)`)
  keysOf(d, DISTRIBUTION, where)
  text(d.id, `${where}.id`)
  if (d.aliases !== undefined) list(d.aliases, `${where}.aliases`).forEach((a, i) => text(a, `${where}.aliases[${i}]`))
  if (d.tags !== undefined) strings(d.tags, `${where}.tags`)
  for (const key of ['domainName', 'comment', 'defaultTargetOriginId', 'defaultRootObject']) {
    if (d[key] !== undefined) text(d[key], `${where}.${key}`, true)
  }
  if (d.origins !== undefined) {
    list(d.origins, `${where}.origins`).forEach((o, i) =>
      fields(o, `${where}.origins[${i}]`, ['id', 'domainName'], ['originPath'])
    )
  }
  if (d.originGroups !== undefined) {
    list(d.originGroups, `${where}.originGroups`).forEach((g, i) => {
      const group = fields(g, `${where}.originGroups[${i}]`, ['id'], [], ['members'])
      const members = list(group.members, `${where}.originGroups[${i}].members`)
      if (members.length !== 2)
        throw new Error(`${where}.originGroups[${i}].members must name two origins, not ${JSON.stringify(members)}.`)
      members.forEach((m, j) => text(m, `${where}.originGroups[${i}].members[${j}]`))
    })
  }
  if (d.behaviors !== undefined) {
    list(d.behaviors, `${where}.behaviors`).forEach((b, i) =>
      fields(b, `${where}.behaviors[${i}]`, ['pathPattern', 'targetOriginId'])
    )
  }
}

/** An object with these string fields (the optional ones may be missing or empty) and no other, but `others`. */
function fields(
  value: unknown,
  where: string,
  required: readonly string[],
  optional: readonly string[] = [],
  others: readonly string[] = []
): Record<string, unknown> {
  const o = object(value, where)
  keysOf(o, [...required, ...optional, ...others], where)
  for (const key of required) text(o[key], `${where}.${key}`)
  for (const key of optional) if (o[key] !== undefined) text(o[key], `${where}.${key}`, true)
  return o
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be a JSON object, not ${JSON.stringify(value)}.`)
  }
  return value as Record<string, unknown>
}

function keysOf(o: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(o)) {
    if (!key.startsWith('//') && !allowed.includes(key)) {
      throw new Error(`${where}: unknown field "${key}" (known: ${allowed.join(', ')}).`)
    }
  }
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} must be a JSON array, not ${JSON.stringify(value)}.`)
  return value
}

function text(value: unknown, where: string, emptyAllowed = false): void {
  if (typeof value !== 'string' || (!emptyAllowed && value === '')) {
    throw new Error(`${where} must be a${emptyAllowed ? '' : ' non-empty'} string, not ${JSON.stringify(value)}.`)
  }
}

function strings(value: unknown, where: string): void {
  for (const [key, v] of Object.entries(object(value, where))) text(v, `${where}.${key}`)
}

function wholeNumber(value: unknown, where: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${where} must be a whole number of 0 or more, not ${JSON.stringify(value)}.`)
  }
}

function port(value: unknown, where: string): void {
  wholeNumber(value, where)
  if ((value as number) > 65_535) throw new Error(`${where} must be a port (0 to 65535), not ${String(value)}.`)
}
