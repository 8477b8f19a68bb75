import * as core from '@actions/core'
import { InputError } from './errors.js'
import { listSource, type PathSource } from './paths/source.js'
import { readPathsFile } from './paths/paths-file.js'
import type { Target } from './targets.js'

/** Everything the action reads from its inputs, parsed and checked once, here. */
export interface Settings {
  targets: Target[]
  /** The `paths` input, then the paths-file; or the default /* when neither is given. */
  paths: PathSource[]
  maxPaths: number | undefined
  wait: boolean
  waitTimeoutSeconds: number
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

/**
 * Reads the inputs. Defaults live in action.yml (the runner supplies them), so the inputs that have
 * one are read as required: an empty value there means the step set it empty on purpose.
 */
export function readSettings(): Settings {
  const targets = [
    ...splitList(core.getInput('distribution-id')).map(id => target('distribution', id)),
    ...splitList(core.getInput('distribution-tenant-id')).map(id => target('tenant', id))
  ]
  if (targets.length === 0) {
    throw new InputError(
      'distribution-id',
      core.getInput('distribution-id'),
      'is empty: give at least one distribution ID (or distribution-tenant-id).'
    )
  }
  const duplicate = targets.find((t, i) => targets.findIndex(o => o.id === t.id) !== i)
  if (duplicate) {
    throw new InputError(
      duplicate.kind === 'distribution' ? 'distribution-id' : 'distribution-tenant-id',
      duplicate.id,
      'is listed twice: list each ID once.'
    )
  }
  return {
    targets,
    paths: readPaths(),
    maxPaths: optionalWholeNumber('max-paths', 1, MAX_MAX_PATHS),
    wait: booleanInput('wait'),
    waitTimeoutSeconds: wholeNumber(
      'wait-timeout',
      core.getInput('wait-timeout', { required: true }),
      1,
      MAX_WAIT_TIMEOUT_SECONDS
    ),
    callerReference: callerReference(),
    awsRegion: region(),
    dryRun: booleanInput('dry-run')
  }
}

/** Newlines, commas and spaces all separate list items. */
function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter(item => item !== '')
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
  return { kind, id }
}

function readPaths(): PathSource[] {
  // `paths` items are separated by whitespace or commas; a literal space or comma is written %20 / %2C.
  const fromInput = core
    .getInput('paths')
    .split(/\r?\n/)
    .flatMap((line, index) => splitList(line).map(value => [value, index + 1] as const))
  const file = core.getInput('paths-file')
  // The one default that code applies: nothing given at all means the whole distribution.
  if (fromInput.length === 0 && file === '') return [listSource('default', [['/*', 0]])]
  const sources = fromInput.length === 0 ? [] : [listSource('paths', fromInput)]
  return file === '' ? sources : [...sources, readPathsFile(file)]
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
    throw new InputError(name, value, `is not a whole number from ${min} to ${max}.`)
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
