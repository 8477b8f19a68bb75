import { messageOf } from '../errors.js'
import { shown } from '../report/shown.js'
import { targetArn, targetLabel, type Target } from '../targets.js'
import { CONNECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './timeouts.js'

export type Operation = 'CreateInvalidation' | 'GetInvalidation' | 'ListInvalidations' | 'GetDistribution'

/** The proxy requests went through (host and port only, never its credentials), and what it answered to CONNECT. */
export interface ProxyUse {
  address: string
  refusedWith: number | undefined
}

let proxyInUse: (() => ProxyUse | undefined) | undefined

/** Set by main.ts when requests go through a proxy, so that a failure to reach CloudFront names it. */
export function explainThroughProxy(current: () => ProxyUse | undefined): void {
  proxyInUse = current
}

// What a connection that never reached CloudFront fails with.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE'
])

// What a connection that was never made fails with: the request cannot have reached CloudFront.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * Whether a failed call may have been carried out by CloudFront all the same: anything but a refusal
 * (a 4xx answer), credentials that were never sent, a proxy that refused the tunnel, or a connection
 * never made. A lost, cut-off or unreadable answer, a request timeout, or a 5xx (an earlier try's
 * answer may have been lost; the SDK retries with the same CallerReference) may have followed a
 * create that CloudFront made.
 */
export function mayHaveReachedCloudFront(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode
  if (typeof status === 'number' && status > 0) return status < 400 || status >= 500
  // Credentials that could not be found or were refused: nothing was sent, or it was refused.
  if (isCredentialError(error) || /credential/i.test(errorName(error))) return false
  if (proxyInUse?.()?.refusedWith !== undefined) return false
  const code = (error as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return false
  // The SDK's connection timeout (client.ts): no connection, so no request.
  return !/did not establish a connection/i.test(messageOf(error))
}

/** When a proxy is in use and the request did not get through it: what happened, and what to check. */
function proxyProblem(error: unknown, call: string): string | undefined {
  const proxy = proxyInUse?.()
  if (!proxy) return undefined
  const code = (error as { code?: unknown } | undefined)?.code
  const unreachable = typeof code === 'string' && UNREACHABLE.has(code)
  // Only a proxy answers 407; through a forwarding proxy (http endpoints) it comes as the response itself.
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode
  const refusedWith = proxy.refusedWith ?? (status === 407 ? 407 : undefined)
  if (refusedWith === undefined && !unreachable && !/socket hang up/i.test(messageOf(error))) return undefined
  const answer =
    refusedWith === 407
      ? 'it asked for credentials (407): put them in the proxy URL, http://user:password@host:port'
      : refusedWith !== undefined
        ? `it refused the tunnel with HTTP ${refusedWith}: ask for CONNECT to CloudFront (port 443) to be allowed`
        : 'it could not be reached, or closed the connection'
  return `${call} did not get through the proxy ${proxy.address}: ${answer}. Check HTTPS_PROXY / HTTP_PROXY and NO_PROXY (the step uses the runner's rules), and that the proxy is running.`
}

/** The IAM action each call needs (tenants have their own). */
export function iamAction(operation: Operation, target: Target): string {
  return target.kind === 'distribution' ? `cloudfront:${operation}` : `cloudfront:${operation}ForDistributionTenant`
}

/**
 * Answers about the credentials themselves: expired, unknown or badly signed. Waiting cannot fix them
 * (the SDK does not refresh credentials that a previous step exported), so every call fails at once.
 */
const CREDENTIAL_ERRORS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'AuthFailure',
  'InvalidToken'
])

export function isCredentialError(error: unknown): boolean {
  return CREDENTIAL_ERRORS.has(errorName(error))
}

/** What to do about credentials that AWS refused for `call` ("GetInvalidation for E2QW…"), or undefined. */
function credentialProblem(name: string, call: string): string | undefined {
  if (!CREDENTIAL_ERRORS.has(name)) return undefined
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpired') {
    return `${call} was refused because the AWS credentials have expired. Invalidations already created complete on their own. For a long wait, issue longer sessions (configure-aws-credentials' role-duration-seconds, the role's maximum session duration) or set wait: false.`
  }
  return `${call} was refused: AWS does not accept these credentials (unknown key, wrong secret, or a session token from another partition or region). Check what the credentials step exported, and that no old AWS_* variables override it.`
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}

/** The account named in an AccessDenied message ("User: arn:aws:sts::123456789012:assumed-role/…"), if any. */
function accountIn(message: string): string | undefined {
  return /arn:aws[a-z-]*:(?:sts|iam)::(\d{12}):/.exec(message)?.[1]
}

/**
 * One message per CloudFront error, each saying what to do next. CloudFront's own text is kept at the
 * end, since it sometimes names the exact offending value.
 */
export function explainApiError(error: unknown, operation: Operation, target: Target): string {
  const name = errorName(error)
  const original = messageOf(error)
  const on = targetLabel(target)
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode
  const text = ((): string => {
    const throughProxy = proxyProblem(error, `${operation} for ${on}`)
    if (throughProxy) return throughProxy
    const credentials = credentialProblem(name, `${operation} for ${on}`)
    if (credentials) return credentials
    switch (name) {
      case 'AccessDenied':
        return `${operation} on ${on} was denied: the credentials lack ${iamAction(operation, target)} on ${targetArn(target, accountIn(original))}. Add that action to the role's policy (see the README's IAM section)${operation === 'GetInvalidation' ? ', or set wait: false' : ''}.`
      case 'NoSuchDistribution':
      case 'EntityNotFound':
        return `${on} does not exist in this AWS account: check the ID in the CloudFront console and that the credentials are for the account that owns it.`
      case 'NoSuchInvalidation':
        return `CloudFront does not know invalidation of ${on} that it just created: check that nothing else points the step at another endpoint (AWS_ENDPOINT_URL_CLOUDFRONT).`
      case 'InvalidArgument':
        return `CloudFront rejected the request for ${on} as invalid: check the paths it names; the log's "Paths" group shows exactly what was sent.`
      case 'MissingBody':
        return `CloudFront received no invalidation batch for ${on}: something between the runner and CloudFront dropped the request body (a proxy?). Re-run the job.`
      case 'BatchTooLarge':
        return `CloudFront rejected the batch for ${on} as too large: the action sends at most 3,000 paths a request, so the account's quota is lower; lower it with max-paths or ask AWS for the quota.`
      case 'TooManyInvalidationsInProgress':
        return `${on} has too many invalidations in progress (CloudFront allows 3,000 file paths and 15 wildcard paths at a time) and they did not clear within wait-timeout: raise wait-timeout, use fewer wildcards, or re-run when the others have completed.`
      case 'InconsistentQuantities':
        return `CloudFront found the path count of the request for ${on} inconsistent with its paths: this is a bug in the action; please report it with the log.`
      case 'InvalidationBatchAlreadyExists':
        return `A different invalidation of ${on} already uses this CallerReference: when caller-reference is set, give each step and attempt its own, or drop the input to derive one.`
      case 'Throttling':
        return `CloudFront kept throttling ${operation} for ${on} after the SDK's retries: too many CloudFront API calls at once in this account; re-run the job in a minute.`
      case 'AbortError':
        // The step's clock stopped it (wait-timeout, a cancel); the clock's message says which.
        return `${operation} for ${on} had not answered`
      case 'TimeoutError':
        // The SDK's own timeout of one try (client.ts), or a connection reset or hung up (the SDK names
        // those TimeoutError too), after its retries: not the step's wait-timeout.
        return `No answer to ${operation} for ${on} came back on any of the SDK's tries: the connection was dropped, or timed out (it waits ${CONNECTION_TIMEOUT_MS / 1000} s to connect and ${REQUEST_TIMEOUT_MS / 1000} s for the answer). Check the network, any proxy and AWS_ENDPOINT_URL_CLOUDFRONT, then re-run the job.`
      case 'MalformedResponseError':
        return `${operation} for ${on} got a response that is not a CloudFront answer: check AWS_ENDPOINT_URL_CLOUDFRONT and any proxy; re-run the job.`
      default:
        if (status !== undefined && status >= 500) {
          return `CloudFront kept failing ${operation} for ${on} with HTTP ${status} after the SDK's retries: this is on AWS's side; re-run the job in a few minutes.`
        }
        if (/Deserialization|Unexpected|XML|parse/i.test(`${name} ${original}`)) {
          return `${operation} for ${on} got a response that could not be read: check AWS_ENDPOINT_URL_CLOUDFRONT and any proxy; re-run the job.`
        }
        if (/credential/i.test(`${name} ${original}`)) {
          return `No AWS credentials were found for ${operation}: configure them before this step, for example with aws-actions/configure-aws-credentials.`
        }
        return `${operation} for ${on} failed: check the network and the credentials, then re-run the job.`
    }
  })()
  return `${text} (${quoted(name, original)})`
}

/** CloudFront's own words (or whatever answered in its place): quoted as text, never obeyed. */
function quoted(name: string, original: string): string {
  return `${shown(name)}: ${shown(original)}`
}

/**
 * The one notice of a step whose role may not see what holds a distribution's in-progress capacity: it
 * goes on with its backoff, and says which permissions would let it watch instead.
 */
export function capacityHiddenNotice(
  error: unknown,
  operation: 'ListInvalidations' | 'GetInvalidation',
  target: Target
): string {
  const arn = targetArn(target, accountIn(messageOf(error)))
  const list = iamAction('ListInvalidations', target)
  const get = iamAction('GetInvalidation', target)
  return `${targetLabel(target)} has too many invalidations in progress and the step cannot see which: ${iamAction(operation, target)} was denied (${errorName(error)}), so it retries with a backoff of 5 to 30 s. Allow ${list} and ${get} on ${arn} (see the README's IAM section) and it watches the invalidations in progress instead, trying again as soon as they leave room: a matrix of jobs on one distribution finishes sooner.`
}

/**
 * A GetDistribution that was denied: not a failure. The step goes on as it is configured (a deploy that
 * worked before keeps working), and the warning says what was not checked and which permission would.
 */
export function routingDeniedWarning(error: unknown, target: Target, fallback: 'summary' | 'as configured'): string {
  const arn = targetArn(target, accountIn(messageOf(error)))
  const goesOn =
    fallback === 'summary'
      ? 'the keys are mapped through the origins and behaviors that ListDistributions listed, without the default root object (only GetDistribution has it), so a change to it does not add /'
      : 'the origin path, the bucket, the cache behaviors and the default root object were not checked, and the keys are mapped as the step is configured (origin-path)'
  return `Reading the configuration of ${targetLabel(target)} was denied: the credentials lack cloudfront:GetDistribution on ${arn}; ${goesOn}. Add cloudfront:GetDistribution on that ARN to the role's policy (see the README's IAM section) to map the deploy through the distribution's own configuration.`
}

/**
 * Why a lookup of distributions by domain or tags failed. These two actions cannot be scoped to one
 * distribution, so a role made for invalidating often lacks them: giving the ID avoids the lookup.
 */
export function explainLookupError(
  error: unknown,
  operation: 'ListDistributions' | 'ListTagsForResource',
  by = operation === 'ListDistributions' ? 'domain name or tags' : 'tags'
): string {
  const name = errorName(error)
  const original = messageOf(error)
  const text = ((): string => {
    if (name === 'AccessDenied') {
      return `Finding the distributions by ${by} was denied: the credentials lack cloudfront:${operation} (on Resource "*": it cannot be scoped to one distribution). Add the README's lookup statement to the role's policy, or give the distribution ID in distribution-id instead.`
    }
    const throughProxy = proxyProblem(error, operation)
    if (throughProxy) return throughProxy
    const credentials = credentialProblem(name, operation)
    if (credentials) return credentials
    // The step's clock aborted it (wait-timeout and its grace, or a cancel): main.ts says which.
    if (name === 'AbortError') return `${operation} was stopped before it answered`
    if (name === 'Throttling') {
      return `CloudFront kept throttling ${operation} after the SDK's retries: too many CloudFront API calls at once in this account; re-run the job in a minute, or give the distribution ID.`
    }
    return `${operation} failed while finding the distributions: check the network and the credentials, then re-run the job, or give the distribution ID.`
  })()
  return `${text} (${quoted(name, original)})`
}
