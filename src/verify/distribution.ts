import { CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront'
import type { Agent as HttpAgent } from 'node:http'
import { CONNECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../cloudfront/client.js'
import { errorName } from '../cloudfront/explain.js'
import { messageOf } from '../errors.js'
import { targetArn, type Target } from '../targets.js'

/** What verify needs of a distribution's configuration: where visitors reach it and what `/` serves. */
export interface EdgeFacts {
  domainName: string
  defaultRootObject: string
}

/**
 * One GetDistribution per distribution, for its DomainName and DefaultRootObject.
 *
 * NOTE (branch i21): issue 20 makes the step read each target's configuration with GetDistribution
 * (branch i20). That reading was not merged when verify was wired, so verify makes its own call here,
 * with the same client settings as client.ts. Once issue 20's reading is in, take these two fields from
 * it and delete this module: a step should make one GetDistribution per distribution, not two.
 */
export async function readEdgeFacts(
  region: string,
  agent: HttpAgent | undefined,
  target: Target,
  signal: AbortSignal
): Promise<EdgeFacts | { problem: string }> {
  const client = new CloudFrontClient({
    region,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      ...(agent ? { httpAgent: agent, httpsAgent: agent } : {})
    }
  })
  try {
    const output = await client.send(new GetDistributionCommand({ Id: target.id }), { abortSignal: signal })
    const domainName = output.Distribution?.DomainName ?? ''
    if (domainName === '') return { problem: 'GetDistribution returned no DomainName' }
    return { domainName, defaultRootObject: output.Distribution?.DistributionConfig?.DefaultRootObject ?? '' }
  } catch (error) {
    const name = errorName(error)
    const why =
      name === 'AccessDenied'
        ? `the step's role may not call cloudfront:GetDistribution on ${targetArn(target)}`
        : `${name}: ${messageOf(error)}`
    return { problem: `its domain name could not be read (${why}): give site-url, or allow cloudfront:GetDistribution` }
  } finally {
    client.destroy()
  }
}
