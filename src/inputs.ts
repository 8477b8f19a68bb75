import * as core from '@actions/core'
import { InputError, describeValue } from './errors.js'
import type { TagFilter } from './cloudfront/lookup.js'
import { partitionOf, type Target } from './targets.js'

/**
 * Everything the action reads from its inputs, parsed and checked once, here. The files the inputs
 * name (paths-file, sync-log, site-dir) are read by the next stage, `paths/read-files.ts`.
 */
export interface Settings {
  /** The distributions and tenants given by ID. */
  targets: Target[]
  /** Distributions given by a domain name they serve (lower case), found by lookup. */
  domains: string[]
  /** Distributions that carry all of these tags, found by lookup. */
  tags: TagFilter[]
  /** The `paths` input's items, each with its line number. */
  paths: PathEntry[]
  /** What the inputs hold that parses but looks like a mistake (a path split at a space): each is a warning. */
  warnings: string[]
  /** How pasted shapes of `paths` were read (a JSON array, quotes, YAML list items): each is a line of the log. */
  notes: string[]
  /** The paths-file's name, relative to the workspace. */
  pathsFile: string | undefined
  /** The sync-log files' names, relative to the workspace. */
  syncLogFiles: string[]
  /** The key prefix the origin serves from, as "prod/" ("" for the bucket's root). */
  originPath: string
  /** "" when directory URLs are off. */
  indexDocument: string
  maxPaths: number | undefined
  /** The folder the deploy uploaded, relative to the workspace. */
  siteDir: string | undefined
  /** True with verify too: verifying needs completion. */
  wait: boolean
  waitTimeoutSeconds: number
  /** After completion, ask the edge whether the changed URLs serve the deploy. */
  verify: boolean
  /** Where visitors reach the site (verify asks there); undefined: each distribution's own domain name. */
  siteUrl: URL | undefined
  callerReference: string | undefined
  awsRegion: string
  dryRun: boolean
}

// Distribution IDs are upper-case letters and digits (E2QWRUHAPOMQZL). Being strict here also keeps
// the value safe to put in a request URL.
const DISTRIBUTION_ID = /^[A-Z0-9]{8,32}$/
const TENANT_ID = /^dt_[A-Za-z0-9]{8,64}$/
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/
// A GitHub-hosted job lasts 6 hours at most; a longer wait is a typo, not a plan.
export const MAX_WAIT_TIMEOUT_SECONDS = 6 * 60 * 60
export const MAX_CALLER_REFERENCE_LENGTH = 128
const MAX_MAX_PATHS = 1_000_000
// CloudFront's limit on an origin's OriginPath.
const MAX_ORIGIN_PATH_LENGTH = 255

/** A path as given in the `paths` input, and the input's line it is on. */
export type PathEntry = readonly [value: string, line: number]

/**
 * Reads the inputs, and nothing else: no file is opened here. Defaults live in action.yml (the runner
 * supplies them), so the inputs that have one are read as required: an empty value there means the
 * step set it empty on purpose.
 */
export function readSettings(): Settings {
  const named = splitList(core.getInput('distribution-id'))
  // A value with a dot is a domain name (www.example.com, d111111abcdef8.cloudfront.net); IDs have none.
  const domains = named.filter(value => value.includes('.')).map(domainName)
  const targets = [
    ...named.filter(value => !value.includes('.')).map(id => target('distribution', id)),
    ...splitList(core.getInput('distribution-tenant-id')).map(id => target('tenant', id))
  ]
  const tags = distributionTags()
  const syncLogFiles = fileList('sync-log')
  // With a sync-log, no distribution named means every distribution that serves its bucket.
  if (targets.length === 0 && domains.length === 0 && tags.length === 0 && syncLogFiles.length === 0) {
    throw new InputError(
      'distribution-id',
      core.getInput('distribution-id'),
      'is empty: give at least one distribution ID or domain name (or distribution-tags, or distribution-tenant-id), or a sync-log to invalidate every distribution that serves its bucket.'
    )
  }
  const duplicate = [...targets.map(t => t.id), ...domains].find((value, i, all) => all.indexOf(value) !== i)
  if (duplicate) {
    throw new InputError(
      targets.find(t => t.id === duplicate)?.kind === 'tenant' ? 'distribution-tenant-id' : 'distribution-id',
      duplicate,
      'is listed twice: list each once.'
    )
  }
  const originPath = readOriginPath()
  if (originPath !== '' && syncLogFiles.length === 0) {
    throw new InputError(
      'origin-path',
      core.getInput('origin-path'),
      'applies to the object keys of sync-log, and no sync-log is given: give sync-log too, or drop origin-path (paths and paths-file are URL paths already).'
    )
  }
  const maxPaths = optionalWholeNumber('max-paths', 1, MAX_MAX_PATHS)
  const verify = booleanInput('verify')
  const siteDir = core.getInput('site-dir') || undefined
  if (siteDir !== undefined && maxPaths === undefined && !verify) {
    throw new InputError(
      'site-dir',
      siteDir,
      'guides the choice of wildcards when more paths than max-paths remain, and the bytes verify compares; neither max-paths nor verify is set: set one of them, or drop site-dir.'
    )
  }
  const paths = pathEntries()
  const siteUrl = readSiteUrl(verify, targets.length + domains.length + (tags.length > 0 ? 1 : 0))
  const awsRegion = region()
  // ARNs in messages and the console links follow the region's partition (arn:aws-cn: in China).
  for (const t of targets) t.partition = partitionOf(awsRegion)
  return {
    targets,
    domains,
    tags,
    paths: paths.entries,
    warnings: paths.warnings,
    notes: paths.notes,
    pathsFile: core.getInput('paths-file') || undefined,
    syncLogFiles,
    originPath,
    indexDocument: indexDocument(),
    maxPaths,
    siteDir,
    wait: booleanInput('wait') || verify,
    waitTimeoutSeconds: wholeNumber(
      'wait-timeout',
      core.getInput('wait-timeout', { required: true }),
      1,
      MAX_WAIT_TIMEOUT_SECONDS
    ),
    verify,
    siteUrl,
    callerReference: callerReference(),
    awsRegion,
    dryRun: booleanInput('dry-run')
  }
}

/** Newlines, commas and spaces all separate list items. */
function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter(item => item !== '')
}

/** A host name as CloudFront matches it: lower case, no trailing dot; checked so that a URL or a typo fails here. */
function domainName(value: string): string {
  const host = value.toLowerCase().replace(/\.$/, '')
  if (/[/:]/.test(value)) {
    throw new InputError(
      'distribution-id',
      value,
      'is a URL, not a domain name: give the host name only, such as www.example.com.'
    )
  }
  if (host.includes('*')) {
    throw new InputError(
      'distribution-id',
      value,
      'is a wildcard: give a host name the distribution serves, such as www.example.com (a wildcard alternate domain name *.example.com is matched by it).'
    )
  }
  if (host.length > 253 || !host.split('.').every(label => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label))) {
    throw new InputError(
      'distribution-id',
      value,
      'is neither a distribution ID (such as E2QWRUHAPOMQZL) nor a domain name (such as www.example.com).'
    )
  }
  return host
}

/** Key=Value lines; a distribution must carry every one. Values may hold spaces, commas and "=". */
function distributionTags(): TagFilter[] {
  const tags: TagFilter[] = []
  for (const line of core.getInput('distribution-tags').split(/\r?\n/)) {
    if (line.trim() === '') continue
    const equals = line.indexOf('=')
    const key = equals === -1 ? '' : line.slice(0, equals).trim()
    if (key === '' || key.length > 128) {
      throw new InputError(
        'distribution-tags',
        line,
        'is not a tag: write one Key=Value per line, such as Environment=staging (a key of 1 to 128 characters).'
      )
    }
    if (tags.some(t => t.key === key)) {
      throw new InputError(
        'distribution-tags',
        line,
        `names the key ${key} twice: a distribution carries one value per key.`
      )
    }
    tags.push({ key, value: line.slice(equals + 1).trim() })
  }
  return tags
}

function target(kind: Target['kind'], id: string): Target {
  if (kind === 'distribution' && !DISTRIBUTION_ID.test(id)) {
    const hint = /[a-z]/.test(id) && DISTRIBUTION_ID.test(id.toUpperCase()) ? ' (IDs are upper case)' : ''
    throw new InputError(
      'distribution-id',
      id,
      `is not a CloudFront distribution ID${hint}: expected 8 to 32 upper-case letters and digits, such as E2QWRUHAPOMQZL.`
    )
  }
  if (kind === 'tenant' && !TENANT_ID.test(id)) {
    throw new InputError(
      'distribution-tenant-id',
      id,
      'is not a distribution tenant ID: expected dt_ followed by letters and digits, such as dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB.'
    )
  }
  return { kind, id, given: [id] }
}

/**
 * `paths` items are separated by whitespace or commas; a literal space or comma is written %20 / %2C.
 * Shapes people paste are read as they meant, each said in one line of the log: a JSON array of strings
 * (the format other actions ask for) is the list; a YAML list item's leading "- " and the quotes around
 * an item are taken off. Other shapes ("./", backslashes) are refused when the paths are normalized.
 */
function pathEntries(): { entries: PathEntry[]; warnings: string[]; notes: string[] } {
  const value = core.getInput('paths')
  const json = jsonArrayEntries(value)
  if (json) {
    const first = json
      .slice(0, 3)
      .map(([path]) => describeValue(path))
      .join(', ')
    const shown = ` (${first}${json.length > 3 ? ', …' : ''})`
    return {
      entries: json,
      warnings: [],
      notes: [`paths: read as a JSON array of ${json.length} ${json.length === 1 ? 'path' : 'paths'}${shown}.`]
    }
  }
  const entries: PathEntry[] = []
  const warnings: string[] = []
  const listItems: number[] = []
  const quoted: { value: string; line: number }[] = []
  for (const [index, given] of value.split(/\r?\n/).entries()) {
    // "- /index.html": a line of a YAML list pasted into a block scalar.
    const listItem = /^\s*- +/.exec(given)
    if (listItem) listItems.push(index + 1)
    const line = listItem ? given.slice(listItem[0].length) : given
    // A quoted item is one item, whatever it holds: what is inside is then checked.
    for (const item of line.match(ITEMS) ?? []) {
      const inner = withoutQuotes(item)
      if (inner !== item) quoted.push({ value: item, line: index + 1 })
      // Nothing between the quotes is no path: dropped, it could leave the input empty, which means /*.
      if (inner.trim() === '') {
        throw new InputError(
          'paths',
          item,
          `(paths line ${index + 1}) is a pair of quotes with no path in it: write the path, or drop the quotes.`
        )
      }
      // "/a /b" in quotes: a list in quotes, or one path with a space? Either guess could clear nothing.
      if (inner !== item && /[\s,]/.test(inner)) {
        throw new InputError(
          'paths',
          item,
          `(paths line ${index + 1}) holds spaces or commas inside its quotes: if they separate paths, drop the quotes (${inner}); if it is one path, drop the quotes and write each space as %20 and each comma as %2C (${inner.replace(/\s/g, '%20').replace(/,/g, '%2C')}).`
        )
      }
      entries.push([inner, index + 1])
    }
    for (const part of line.replace(QUOTED, '/').split(',')) {
      const split = splitAtSpaces(part, index + 1)
      if (split) warnings.push(split)
    }
  }
  const notes: string[] = []
  if (listItems.length > 0) {
    notes.push(
      `paths: ${listItems.length === 1 ? '1 line was' : `${listItems.length} lines were`} read as YAML list items, the leading "- " taken off (${listItems.length === 1 ? 'line' : 'lines'} ${listItems.slice(0, 5).join(', ')}${listItems.length > 5 ? ', …' : ''}).`
    )
  }
  const first = quoted[0]
  if (first) {
    notes.push(
      `paths: the quotes around ${quoted.length === 1 ? '1 item were' : `${quoted.length} items were`} taken off (line ${first.line}: ${describeValue(first.value)} read as ${describeValue(withoutQuotes(first.value))}).`
    )
  }
  return { entries, warnings, notes }
}

// An item of `paths`: a quoted string whole, or what lies between separators.
const QUOTED = /"[^"]*"|'[^']*'/g
const ITEMS = /"[^"]*"|'[^']*'|[^\s,]+/g

/** An item in matching double or single quotes, without them; any other item as it is. */
function withoutQuotes(item: string): string {
  const quote = item[0]
  return item.length >= 2 && (quote === '"' || quote === "'") && item.endsWith(quote) ? item.slice(1, -1) : item
}

/**
 * The whole input as a JSON array of strings (["/index.html","/about.html"]), each with the line it is
 * on; undefined when the input is not in brackets. In brackets but not such an array (single quotes, a
 * number, an empty list that would fall back to /*) is an input error, so that nothing is guessed.
 */
function jsonArrayEntries(value: string): PathEntry[] | undefined {
  if (!value.startsWith('[') || !value.endsWith(']')) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    parsed = undefined
  }
  // Not JSON, and no quote after the bracket: a path in brackets ([slug]), left to the path checks.
  if (parsed === undefined && !/^\[\s*["']/.test(value)) return undefined
  if (!Array.isArray(parsed) || !parsed.every(item => typeof item === 'string')) {
    throw new InputError(
      'paths',
      value,
      'is in brackets but is not a JSON array of strings: write one path per line, or a JSON array such as ["/index.html","/about.html"] (double quotes).'
    )
  }
  const entries: PathEntry[] = []
  let from = 0
  let line = 1
  for (const item of parsed as string[]) {
    // The line each item is on, for an error message: found where its JSON text is, when written plainly.
    const at = value.indexOf(JSON.stringify(item), from)
    if (at !== -1) {
      for (let i = from; i < at; i++) if (value.charCodeAt(i) === 0x0a) line++
      from = at
    }
    if (item.trim() !== '') entries.push([item.trim(), line])
  }
  if (entries.length === 0) {
    throw new InputError(
      'paths',
      value,
      'is a JSON array without a path: give at least one path, or drop the input to invalidate /*.'
    )
  }
  return entries
}

/**
 * A space separates paths, so "/docs/getting started/faq.html" is two: when a piece after a space has
 * no leading "/", it was most likely part of the path before it, and a warning says how to keep it.
 */
function splitAtSpaces(part: string, line: number): string | undefined {
  const pieces = part.trim().split(/\s+/)
  const stray = pieces
    .slice(1)
    .map(withoutQuotes)
    .find(piece => !piece.startsWith('/') && !piece.startsWith('#'))
  if (stray === undefined) return undefined
  return `paths line ${line}: "${part.trim()}" is split at its spaces into ${pieces.map(p => `"${p}"`).join(', ')}, and "${stray}" has no leading /. If it is one path, write each space as %20 (${pieces.join('%20')}), or give it in paths-file, which takes each line whole; if they are separate paths, start each with /.`
}

/** File names, one per line (a name may hold spaces), relative to the workspace. */
function fileList(name: string): string[] {
  return core
    .getInput(name)
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '')
}

/**
 * CloudFront's OriginPath ("/prod"), taken with or without its slashes, as the key prefix "prod/".
 * Checked like CloudFront checks it, so that a bucket URL or a wildcard is caught here.
 */
function readOriginPath(): string {
  const value = core.getInput('origin-path')
  const path = value.replace(/^\/+|\/+$/g, '')
  if (path === '') return ''
  if (/^[a-z0-9]+:\/\//i.test(value)) {
    throw new InputError(
      'origin-path',
      value,
      "is a URL: give the origin's path only, as in the distribution's origin settings (such as /prod)."
    )
  }
  if (value.length > MAX_ORIGIN_PATH_LENGTH || path.includes('//') || /[*\u0000-\u001f\u007f]/.test(path)) {
    throw new InputError(
      'origin-path',
      value,
      `is not an origin path: use the distribution's OriginPath, such as /prod (at most ${MAX_ORIGIN_PATH_LENGTH} characters, no empty segment, no * or control character).`
    )
  }
  return `${path}/`
}

/**
 * The base URL visitors use, for verify: http or https, a host, optionally a path prefix; no query,
 * fragment or credentials (verify asks as an anonymous visitor, and the URL is printed). One site, so
 * one distribution: with several, each is asked at its own domain name and site-url cannot say which.
 */
function readSiteUrl(verify: boolean, targetsNamed: number): URL | undefined {
  const value = core.getInput('site-url')
  if (value === '') return undefined
  if (!verify) {
    throw new InputError(
      'site-url',
      value,
      'is where verify asks, and verify is not true: set verify: true, or drop site-url.'
    )
  }
  const url = URL.canParse(value) ? new URL(value) : undefined
  // The URL standard gives every http and https URL a host name, so the scheme is all to check.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InputError(
      'site-url',
      value,
      'is not an http or https URL: give the address visitors use, such as https://www.example.com.'
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      'site-url',
      '(not shown: it holds a user name or password)',
      'must not hold credentials: verify asks as an anonymous visitor. Give the address without them.'
    )
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InputError(
      'site-url',
      value,
      'holds a query string or fragment: give the base address only, such as https://www.example.com or https://www.example.com/docs.'
    )
  }
  if (targetsNamed > 1) {
    throw new InputError(
      'site-url',
      value,
      'names one site, and the step invalidates several distributions: drop site-url (each distribution is then asked at its own domain name), or verify each distribution in a step of its own.'
    )
  }
  return url
}

/** The index document's name (S3 website hosting's IndexDocument Suffix): a file name, no slash. */
function indexDocument(): string {
  const value = core.getInput('index-document')
  // Empty passes both checks (no directory URLs); getInput has trimmed the spaces around it.
  if (value.length > 255 || /[/*\u0000-\u001f\u007f]/.test(value)) {
    throw new InputError(
      'index-document',
      value,
      'is not a file name: give the name of the index document, such as index.html, or set it empty to add no directory URLs.'
    )
  }
  return value
}

/**
 * YAML 1.2 core-schema booleans, as core.getBooleanInput reads them; its error names the input but
 * not the value, so this adds the value.
 */
function booleanInput(name: string): boolean {
  try {
    return core.getBooleanInput(name, { required: true })
  } catch (error) {
    const value = core.getInput(name)
    if (value === '') throw error
    throw new InputError(name, value, 'is not a boolean: use true or false.')
  }
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  // Digits only: parseInt('10s') or Number('1e3') would silently accept a typo.
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const unit = name === 'wait-timeout' ? ' of seconds' : ''
    throw new InputError(name, value, `is not a whole number${unit} from ${min} to ${max}.`)
  }
  return Number(value)
}

function optionalWholeNumber(name: string, min: number, max: number): number | undefined {
  const value = core.getInput(name)
  return value === '' ? undefined : wholeNumber(name, value, min, max)
}

function callerReference(): string | undefined {
  const value = core.getInput('caller-reference')
  if (value === '') return undefined
  if (value.length > MAX_CALLER_REFERENCE_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw new InputError(
      'caller-reference',
      value,
      `is not a usable CallerReference: use 1 to ${MAX_CALLER_REFERENCE_LENGTH} printable ASCII characters without spaces, or drop the input to derive one.`
    )
  }
  return value
}

function region(): string {
  const value = core.getInput('aws-region', { required: true })
  if (!REGION.test(value)) {
    throw new InputError('aws-region', value, 'is not an AWS region name such as us-east-1.')
  }
  return value
}
