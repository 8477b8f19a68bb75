import { describe, expect, it } from '@jest/globals'
import { explainApiError } from '../src/cloudfront/explain.js'
import { describeValue, messageOf } from '../src/errors.js'
import { redact } from '../src/report/redact.js'
import { apiError } from '../__fixtures__/fake-cloudfront.js'

const dist = { kind: 'distribution' as const, id: 'EDFDVBD632BHDS5' }
const tenant = { kind: 'tenant' as const, id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB' }

describe('explainApiError', () => {
  it.each([
    [
      'AccessDenied',
      'lack cloudfront:CreateInvalidation on arn:aws:cloudfront::<account-id>:distribution/EDFDVBD632BHDS5'
    ],
    ['NoSuchDistribution', 'does not exist in this AWS account'],
    ['NoSuchInvalidation', 'does not know invalidation'],
    ['InvalidArgument', 'the log\'s "Paths" group shows exactly what was sent'],
    ['MissingBody', 'dropped the request body'],
    ['BatchTooLarge', 'lower it with max-paths'],
    ['TooManyInvalidationsInProgress', 'raise wait-timeout'],
    ['InconsistentQuantities', 'please report it'],
    ['InvalidationBatchAlreadyExists', 'give each step and attempt its own'],
    ['Throttling', 're-run the job in a minute'],
    [
      'TimeoutError',
      "on any of the SDK's tries: the connection was dropped, or timed out (it waits 3 s to connect and 10 s for the answer). Check the network"
    ],
    ['MalformedResponseError', 'not a CloudFront answer'],
    ['CredentialsProviderError', 'No AWS credentials were found'],
    ['ExpiredToken', 'role-duration-seconds'],
    ['ExpiredTokenException', 'have expired'],
    ['RequestExpired', 'have expired'],
    ['InvalidClientTokenId', 'does not accept these credentials'],
    ['UnrecognizedClientException', 'does not accept these credentials'],
    ['SignatureDoesNotMatch', 'does not accept these credentials'],
    ['InvalidSignatureException', 'does not accept these credentials'],
    ['SomethingElse', 'check the network and the credentials']
  ])('%s says what to do', (name, text) => {
    const message = explainApiError(
      apiError(name, name === 'CredentialsProviderError' ? 'Could not load credentials from any providers' : 'x'),
      'CreateInvalidation',
      dist
    )
    expect(message).toContain(text)
    expect(message).toContain(`(${name}: `)
  })

  it('names the tenant action and ARN for a tenant', () => {
    expect(explainApiError(apiError('AccessDenied'), 'GetInvalidation', tenant)).toContain(
      'cloudfront:GetInvalidationForDistributionTenant on arn:aws:cloudfront::<account-id>:distribution-tenant/dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB'
    )
  })

  it('explains a 5xx left after the SDK retries, and an unreadable body', () => {
    expect(explainApiError(apiError('InternalError', 'boom', 500), 'CreateInvalidation', dist)).toContain(
      "HTTP 500 after the SDK's retries"
    )
    expect(explainApiError(apiError('SyntaxError', 'Unexpected end of XML'), 'GetInvalidation', dist)).toContain(
      'could not be read'
    )
  })
})

describe('messages', () => {
  it('keeps non-Error throws', () => {
    expect(messageOf('text')).toBe('text')
    expect(messageOf({ code: 1 })).toBe('non-Error thrown: {"code":1}')
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(messageOf(circular)).toBe('non-Error thrown: [object Object]')
  })

  it('shows control characters and cuts long values', () => {
    expect(describeValue('a\u0000b')).toBe('"a\\u0000b"')
    expect(describeValue('x'.repeat(100))).toContain('(100 characters)')
  })
})

describe('redact', () => {
  it('removes credential values, key ids, signatures and canonical requests', () => {
    const env = { AWS_SECRET_ACCESS_KEY: 'topsecretvalue', AWS_SESSION_TOKEN: 'sessiontokenvalue' }
    const text =
      'key AKIAABCDEFGHIJKLMNOP secret topsecretvalue token sessiontokenvalue Credential=AKIAX/2026, Signature=abc123 The Canonical String for this request should have been\nPOST\nx-amz-security-token:sessiontokenvalue'
    const out = redact(text, env)
    for (const leaked of ['AKIAABCDEFGHIJKLMNOP', 'topsecretvalue', 'sessiontokenvalue', 'abc123', 'POST'])
      expect(out).not.toContain(leaked)
  })
})
