/**
 * Which endpoint and signing scope the action's client uses in each partition, with no endpoint
 * override: the SDK's own resolution, captured at the request handler (nothing leaves the machine).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { cloudFrontApi } from '../src/cloudfront/client.js'
import { explainApiError } from '../src/cloudfront/explain.js'
import { consoleUrl, partitionOf, targetArn } from '../src/targets.js'

interface Captured {
  hostname: string
  path: string
  authorization: string
}

/** A request handler that records the signed request and answers nothing (the call then fails). */
function capturing(): { handler: { handle: (request: unknown) => Promise<never> }; requests: Captured[] } {
  const requests: Captured[] = []
  return {
    requests,
    handler: {
      handle: async request => {
        const r = request as { hostname: string; path: string; headers: Record<string, string> }
        requests.push({ hostname: r.hostname, path: r.path, authorization: r.headers.authorization ?? '' })
        throw new Error('captured')
      }
    }
  }
}

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

async function endpointOf(region: string, env: Record<string, string> = {}) {
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CLOUDFRONT', 'AWS_USE_FIPS_ENDPOINT', 'AWS_PROFILE'])
    delete process.env[name]
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01', AWS_SECRET_ACCESS_KEY: 'secret', ...env })
  const { handler, requests } = capturing()
  const api = cloudFrontApi(region, undefined, handler)
  await expect(
    api.create({ kind: 'distribution', id: 'EDFDVBD632BHDS5' }, ['/a'], 'r', new AbortController().signal)
  ).rejects.toThrow('captured')
  const [first] = requests
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(first?.authorization ?? '')
  return { host: first?.hostname, signedFor: scope?.[1], service: scope?.[2] }
}

describe('endpoints and signing, as the SDK resolves them', () => {
  it.each([
    ['us-east-1', {}, 'cloudfront.amazonaws.com', 'us-east-1'],
    ['eu-west-1', {}, 'cloudfront.amazonaws.com', 'us-east-1'],
    ['cn-north-1', {}, 'cloudfront.cn-northwest-1.amazonaws.com.cn', 'cn-northwest-1'],
    ['cn-northwest-1', {}, 'cloudfront.cn-northwest-1.amazonaws.com.cn', 'cn-northwest-1'],
    ['us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }, 'cloudfront-fips.amazonaws.com', 'us-east-1']
  ])('%s %j: %s, signed for %s', async (region, env, host, signedFor) => {
    expect(await endpointOf(region, env)).toEqual({ host, signedFor, service: 'cloudfront' })
  })
})

describe('ARNs and console links follow the partition', () => {
  const china = { kind: 'distribution' as const, id: 'EDFDVBD632BHDS5', partition: partitionOf('cn-north-1') }

  it('partitionOf', () => {
    expect(['us-east-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1'].map(partitionOf)).toEqual([
      'aws',
      'aws-cn',
      'aws-cn',
      'aws-us-gov'
    ])
  })

  it('an AccessDenied in China names an arn:aws-cn: ARN; the console link is the China console', () => {
    expect(targetArn(china, '123456789012')).toBe('arn:aws-cn:cloudfront::123456789012:distribution/EDFDVBD632BHDS5')
    const error = Object.assign(
      new Error(
        'User: arn:aws-cn:sts::123456789012:assumed-role/deploy/x is not authorized to perform: cloudfront:CreateInvalidation'
      ),
      { name: 'AccessDenied' }
    )
    expect(explainApiError(error, 'CreateInvalidation', china)).toContain(
      'lack cloudfront:CreateInvalidation on arn:aws-cn:cloudfront::123456789012:distribution/EDFDVBD632BHDS5'
    )
    expect(consoleUrl(china, 'I1')).toBe(
      'https://console.amazonaws.cn/cloudfront/v4/home#/distributions/EDFDVBD632BHDS5/invalidations/details/I1'
    )
  })
})
