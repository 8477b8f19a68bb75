/**
 * Example tests that pin down each answer of src/cloudfront/explain.ts that mutation testing
 * (npm run mutate) found unchecked: every connection failure through a proxy, every credential error,
 * the rarer CloudFront errors, the account in an AccessDenied message, and the lookup's answers.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  mayHaveReachedCloudFront,
  errorName,
  explainApiError,
  explainLookupError,
  explainThroughProxy,
  iamAction,
  isCredentialError,
  type ProxyUse
} from '../src/cloudfront/explain.js'
import { apiError } from '../__fixtures__/fake-cloudfront.js'

const dist = { kind: 'distribution' as const, id: 'EDFDVBD632BHDS5' }
const tenant = { kind: 'tenant' as const, id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB' }
const PROXY: ProxyUse = { address: 'proxy.internal:3128', refusedWith: undefined }
const connectionError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code })

afterEach(() => explainThroughProxy(() => undefined))

describe('through a proxy', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE'
  ])('%s: the proxy could not be reached, and what to check', code => {
    explainThroughProxy(() => PROXY)
    expect(explainApiError(connectionError(code), 'CreateInvalidation', dist)).toBe(
      `CreateInvalidation for EDFDVBD632BHDS5 did not get through the proxy proxy.internal:3128: it could not be reached, or closed the connection. Check HTTPS_PROXY / HTTP_PROXY and NO_PROXY (the step uses the runner's rules), and that the proxy is running. (Error: connect ${code} 10.0.0.1:443)`
    )
  })

  it('a socket hang up, in any case, is a connection the proxy closed', () => {
    explainThroughProxy(() => PROXY)
    expect(explainApiError(new Error('Socket Hang Up'), 'GetInvalidation', dist)).toContain(
      'did not get through the proxy proxy.internal:3128: it could not be reached, or closed the connection.'
    )
  })

  it('a 407, from the CONNECT or as the response itself, asks for credentials in the proxy URL', () => {
    explainThroughProxy(() => ({ ...PROXY, refusedWith: 407 }))
    expect(explainApiError(new Error('tunnel failed'), 'CreateInvalidation', dist)).toContain(
      'it asked for credentials (407): put them in the proxy URL, http://user:password@host:port.'
    )
    explainThroughProxy(() => PROXY)
    expect(explainApiError(apiError('ProxyAuthenticationRequired', 'x', 407), 'CreateInvalidation', dist)).toContain(
      'it asked for credentials (407)'
    )
  })

  it('another refused CONNECT names its status and what to ask for', () => {
    explainThroughProxy(() => ({ ...PROXY, refusedWith: 403 }))
    expect(explainApiError(new Error('tunnel failed'), 'CreateInvalidation', dist)).toContain(
      'it refused the tunnel with HTTP 403: ask for CONNECT to CloudFront (port 443) to be allowed.'
    )
  })

  it('an answer from CloudFront through a working proxy is explained as CloudFront’s', () => {
    explainThroughProxy(() => PROXY)
    expect(explainApiError(apiError('NoSuchDistribution'), 'CreateInvalidation', dist)).toContain(
      'does not exist in this AWS account'
    )
    expect(explainApiError(connectionError('EACCES'), 'CreateInvalidation', dist)).toContain(
      'failed: check the network and the credentials'
    )
  })

  it('without a proxy, an unreachable endpoint is no proxy problem', () => {
    expect(explainApiError(connectionError('ECONNREFUSED'), 'CreateInvalidation', dist)).toBe(
      'CreateInvalidation for EDFDVBD632BHDS5 failed: check the network and the credentials, then re-run the job. (Error: connect ECONNREFUSED 10.0.0.1:443)'
    )
  })

  it('the lookup names the proxy too', () => {
    explainThroughProxy(() => PROXY)
    expect(explainLookupError(connectionError('ETIMEDOUT'), 'ListDistributions')).toContain(
      'ListDistributions did not get through the proxy proxy.internal:3128'
    )
  })
})

describe('credentials', () => {
  it.each(['IncompleteSignature', 'MissingAuthenticationToken', 'AuthFailure', 'InvalidToken'])(
    '%s: AWS does not accept these credentials',
    name => {
      expect(isCredentialError(apiError(name))).toBe(true)
      expect(explainApiError(apiError(name, 'x'), 'GetInvalidation', dist)).toBe(
        `GetInvalidation for EDFDVBD632BHDS5 was refused: AWS does not accept these credentials (unknown key, wrong secret, or a session token from another partition or region). Check what the credentials step exported, and that no old AWS_* variables override it. (${name}: x)`
      )
    }
  )

  it('expired credentials: what to do for a long wait', () => {
    expect(explainApiError(apiError('ExpiredToken', 'x'), 'GetInvalidation', dist)).toBe(
      "GetInvalidation for EDFDVBD632BHDS5 was refused because the AWS credentials have expired. Invalidations already created complete on their own. For a long wait, issue longer sessions (configure-aws-credentials' role-duration-seconds, the role's maximum session duration) or set wait: false. (ExpiredToken: x)"
    )
  })

  it('another error is not a credential error', () => {
    expect(isCredentialError(apiError('AccessDenied'))).toBe(false)
    expect(isCredentialError('ExpiredToken')).toBe(false)
  })

  it('the lookup says the same about credentials', () => {
    expect(explainLookupError(apiError('ExpiredTokenException'), 'ListTagsForResource')).toContain(
      'ListTagsForResource was refused because the AWS credentials have expired.'
    )
  })
})

describe('CloudFront errors the main table does not hold', () => {
  it('EntityNotFound: the distribution or tenant does not exist', () => {
    expect(explainApiError(apiError('EntityNotFound', 'x'), 'CreateInvalidation', tenant)).toContain(
      'does not exist in this AWS account: check the ID in the CloudFront console'
    )
  })

  it("AbortError: the step's clock stopped the call, and its own message says why", () => {
    expect(explainApiError(apiError('AbortError', 'x'), 'GetInvalidation', dist)).toBe(
      'GetInvalidation for EDFDVBD632BHDS5 had not answered (AbortError: x)'
    )
  })

  it("TimeoutError: the SDK's timeout of each try, never worded as the step's wait-timeout", () => {
    const message = explainApiError(apiError('TimeoutError', 'x'), 'GetDistribution', dist)
    expect(message).toBe(
      "No answer to GetDistribution for EDFDVBD632BHDS5 came back on any of the SDK's tries: the connection was dropped, or timed out (it waits 3 s to connect and 10 s for the answer). Check the network, any proxy and AWS_ENDPOINT_URL_CLOUDFRONT, then re-run the job. (TimeoutError: x)"
    )
    expect(message).not.toContain('wait-timeout')
  })

  it('AccessDenied while waiting also offers wait: false; while creating it does not', () => {
    expect(explainApiError(apiError('AccessDenied', 'x'), 'GetInvalidation', dist)).toContain(
      "Add that action to the role's policy (see the README's IAM section), or set wait: false."
    )
    expect(explainApiError(apiError('AccessDenied', 'x'), 'CreateInvalidation', dist)).toContain(
      "Add that action to the role's policy (see the README's IAM section). (AccessDenied"
    )
  })

  it('AccessDenied names the account of an IAM user or an assumed role, in any partition, and only a 12-digit one', () => {
    const denied = (message: string) => explainApiError(apiError('AccessDenied', message), 'CreateInvalidation', dist)
    expect(denied('User: arn:aws:iam::210987654321:user/deploy is not authorized')).toContain(
      'on arn:aws:cloudfront::210987654321:distribution/EDFDVBD632BHDS5.'
    )
    expect(denied('User: arn:aws-us-gov:sts::210987654321:assumed-role/r/s is not authorized')).toContain(
      'on arn:aws:cloudfront::210987654321:distribution/'
    )
    expect(denied('User: arn:aws:sts::21098765432:assumed-role/r/s is not authorized')).toContain(
      'on arn:aws:cloudfront::<account-id>:distribution/'
    )
  })

  it('HTTP 500 and above are on AWS’s side; a 4xx with an unknown name is not', () => {
    expect(explainApiError(apiError('ServiceUnavailable', 'x', 503), 'CreateInvalidation', dist)).toBe(
      "CloudFront kept failing CreateInvalidation for EDFDVBD632BHDS5 with HTTP 503 after the SDK's retries: this is on AWS's side; re-run the job in a few minutes. (ServiceUnavailable: x)"
    )
    expect(explainApiError(apiError('Odd', 'x', 499), 'CreateInvalidation', dist)).toContain(
      'failed: check the network and the credentials'
    )
  })

  it.each([
    ['Deserialization', 'DeserializationError', 'x'],
    ['Unexpected', 'Error', 'Unexpected token < in JSON'],
    ['XML', 'Error', 'bad xml body'],
    ['parse', 'Error', 'could not PARSE the body']
  ])('a response that could not be read: "%s" in the name or message', (_word, name, message) => {
    expect(explainApiError(apiError(name, message), 'GetInvalidation', dist)).toContain(
      'GetInvalidation for EDFDVBD632BHDS5 got a response that could not be read: check AWS_ENDPOINT_URL_CLOUDFRONT and any proxy; re-run the job.'
    )
  })

  it('a thrown undefined or null is explained, with or without a proxy, not a second failure', () => {
    expect(explainApiError(undefined, 'CreateInvalidation', dist)).toContain('(undefined: non-Error thrown: undefined)')
    expect(explainApiError(null, 'CreateInvalidation', dist)).toContain('(object: non-Error thrown: null)')
    explainThroughProxy(() => PROXY)
    expect(explainApiError(undefined, 'GetInvalidation', dist)).toContain(
      'failed: check the network and the credentials'
    )
    expect(explainApiError(null, 'GetInvalidation', dist)).toContain('failed: check the network and the credentials')
  })

  it('a thrown string is named by its type and kept', () => {
    expect(errorName('boom')).toBe('string')
    expect(explainApiError('boom', 'CreateInvalidation', dist)).toBe(
      'CreateInvalidation for EDFDVBD632BHDS5 failed: check the network and the credentials, then re-run the job. (string: boom)'
    )
  })

  it('the IAM action of a tenant is its own', () => {
    expect(iamAction('CreateInvalidation', dist)).toBe('cloudfront:CreateInvalidation')
    expect(iamAction('GetInvalidation', tenant)).toBe('cloudfront:GetInvalidationForDistributionTenant')
  })
})

describe('explainLookupError', () => {
  it('AccessDenied on ListDistributions: domain name or tags, on Resource "*", or give the ID', () => {
    expect(explainLookupError(apiError('AccessDenied', 'x'), 'ListDistributions')).toBe(
      `Finding the distributions by domain name or tags was denied: the credentials lack cloudfront:ListDistributions (on Resource "*": it cannot be scoped to one distribution). Add the README's lookup statement to the role's policy, or give the distribution ID in distribution-id instead. (AccessDenied: x)`
    )
  })

  it('AccessDenied on ListTagsForResource: by tags', () => {
    expect(explainLookupError(apiError('AccessDenied', 'x'), 'ListTagsForResource')).toContain(
      'Finding the distributions by tags was denied: the credentials lack cloudfront:ListTagsForResource'
    )
  })

  it('AbortError: the call was stopped (the step says by what); a TimeoutError of the SDK is not that', () => {
    expect(explainLookupError(apiError('AbortError', 'Request aborted'), 'ListDistributions')).toBe(
      'ListDistributions was stopped before it answered (AbortError: Request aborted)'
    )
    expect(explainLookupError(apiError('TimeoutError', 'x'), 'ListTagsForResource')).toMatch(
      /^ListTagsForResource failed while finding the distributions/
    )
  })

  it('Throttling, and anything else, say to re-run or give the ID', () => {
    expect(explainLookupError(apiError('Throttling', 'x'), 'ListDistributions')).toBe(
      "CloudFront kept throttling ListDistributions after the SDK's retries: too many CloudFront API calls at once in this account; re-run the job in a minute, or give the distribution ID. (Throttling: x)"
    )
    expect(explainLookupError(apiError('Odd', 'x'), 'ListTagsForResource')).toBe(
      'ListTagsForResource failed while finding the distributions: check the network and the credentials, then re-run the job, or give the distribution ID. (Odd: x)'
    )
  })
})

describe('mayHaveReachedCloudFront: whether a failed create may have been made all the same', () => {
  const network = (code: string | undefined, message: string, name = 'Error') =>
    Object.assign(new Error(message), { name, code, $metadata: { attempts: 3 } })

  it.each<[string, unknown, boolean]>([
    ['a 4xx refusal', apiError('AccessDenied', 'x', 403), false],
    ['TooManyInvalidationsInProgress (400)', apiError('TooManyInvalidationsInProgress', 'x', 400), false],
    ['a 5xx after the retries', apiError('ServiceUnavailable', 'x', 503), true],
    ['a 200 that could not be read', apiError('SyntaxError', 'Unexpected token', 200), true],
    ['a status of 0 is no answer: judged by what failed', apiError('Odd', 'x', 0), true],
    [
      'a reset connection (the SDK calls it TimeoutError)',
      network('ECONNRESET', 'socket hang up', 'TimeoutError'),
      true
    ],
    [
      'the per-try request timeout',
      network('ETIMEDOUT', 'a request has exceeded the configured 10000 ms requestTimeout', 'TimeoutError'),
      true
    ],
    ['a refused connection', network('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), false],
    ['a host that does not resolve', network('ENOTFOUND', 'getaddrinfo ENOTFOUND x'), false],
    [
      'a try that could not connect in time',
      network(
        undefined,
        'the request socket did not establish a connection with the server within the configured timeout of 3000 ms.',
        'TimeoutError'
      ),
      false
    ],
    [
      'credentials never found',
      apiError('CredentialsProviderError', 'Could not load credentials from any providers', 0),
      false
    ]
  ])('%s: %s', (_, error, may) => {
    expect(mayHaveReachedCloudFront(error)).toBe(may)
  })

  it('a proxy that refused the tunnel: the request never left for CloudFront', () => {
    const hungUp = network('ECONNRESET', 'socket hang up', 'TimeoutError')
    explainThroughProxy(() => ({ address: 'http://proxy.internal:3128', refusedWith: 403 }))
    expect(mayHaveReachedCloudFront(hungUp)).toBe(false)
    explainThroughProxy(() => ({ address: 'http://proxy.internal:3128', refusedWith: undefined }))
    expect(mayHaveReachedCloudFront(hungUp)).toBe(true)
  })
})
