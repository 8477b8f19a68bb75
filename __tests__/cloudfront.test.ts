import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { cloudFrontApi } from '../src/cloudfront/client.js'

const cf = mockClient(CloudFrontClient)
afterEach(() => {
  cf.reset()
})

const distribution = { kind: 'distribution' as const, id: 'EDFDVBD632BHDS5' }
const tenant = { kind: 'tenant' as const, id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB' }
const signal = new AbortController().signal
const invalidation = {
  Id: 'I1',
  Status: 'InProgress',
  CreateTime: new Date(),
  InvalidationBatch: { CallerReference: 'r', Paths: { Quantity: 1, Items: ['/a'] } }
}

describe('cloudFrontApi', () => {
  it('sends CreateInvalidation with Quantity matching Items', async () => {
    cf.on(CreateInvalidationCommand).resolves({ Invalidation: invalidation, Location: 'https://loc/I1' })
    const created = await cloudFrontApi('us-east-1').create(distribution, ['/a', '/b*'], 'ref-1', signal)
    expect(created).toEqual({ invalidationId: 'I1', status: 'InProgress', location: 'https://loc/I1' })
    expect(cf.commandCalls(CreateInvalidationCommand)[0]?.args[0].input).toEqual({
      DistributionId: 'EDFDVBD632BHDS5',
      InvalidationBatch: { CallerReference: 'ref-1', Paths: { Quantity: 2, Items: ['/a', '/b*'] } }
    })
  })

  it('uses the tenant operations for a tenant', async () => {
    cf.on(CreateInvalidationForDistributionTenantCommand).resolves({ Invalidation: invalidation, Location: 'l' })
    cf.on(GetInvalidationForDistributionTenantCommand).resolves({
      Invalidation: { ...invalidation, Status: 'Completed' }
    })
    const api = cloudFrontApi('us-east-1')
    await api.create(tenant, ['/a'], 'r', signal)
    expect(await api.status(tenant, 'I1', signal)).toBe('Completed')
    expect(cf.commandCalls(CreateInvalidationForDistributionTenantCommand)[0]?.args[0].input.Id).toBe(tenant.id)
    expect(cf.commandCalls(GetInvalidationForDistributionTenantCommand)[0]?.args[0].input).toEqual({
      DistributionTenantId: tenant.id,
      Id: 'I1'
    })
  })

  it('reads the status of a distribution invalidation', async () => {
    cf.on(GetInvalidationCommand, { DistributionId: distribution.id, Id: 'I1' }).resolves({
      Invalidation: invalidation
    })
    expect(await cloudFrontApi('us-east-1').status(distribution, 'I1', signal)).toBe('InProgress')
  })

  it('turns a response without the invalidation into a clear error, not a crash', async () => {
    cf.on(CreateInvalidationCommand).resolves({})
    cf.on(GetInvalidationCommand).resolves({
      Invalidation: { ...invalidation, Status: undefined as unknown as string }
    })
    const api = cloudFrontApi('us-east-1')
    await expect(api.create(distribution, ['/a'], 'r', signal)).rejects.toMatchObject({
      name: 'MalformedResponseError'
    })
    await expect(api.status(distribution, 'I1', signal)).rejects.toThrow(
      'GetInvalidation returned a response without what CloudFront always sends in it'
    )
  })

  // An answer from something that is not CloudFront (or tampered with): its values would reach the log,
  // the outputs, the summary and a console link. Refused as a malformed answer, the value quoted escaped.
  it.each([
    ['a newline and a workflow command', 'I1\n::warning::x', '"I1\\u000a::warning::x"'],
    ['HTML', 'I1<img src=x onerror=alert(1)>', '"I1<img src=x onerror=alert(1)>"'],
    ['lower case', 'i2j0i21pcuyoik', '"i2j0i21pcuyoik"'],
    ['a slash', 'I1/../E2', '"I1/../E2"']
  ])('an invalidation ID with %s is a malformed answer', async (_what, id, quoted) => {
    cf.on(CreateInvalidationCommand).resolves({ Invalidation: { ...invalidation, Id: id }, Location: 'l' })
    await expect(cloudFrontApi('us-east-1').create(distribution, ['/a'], 'r', signal)).rejects.toMatchObject({
      name: 'MalformedResponseError',
      message: `CreateInvalidation returned a response with an invalidation ID that is not CloudFront's (capital letters and digits): ${quoted}`
    })
  })

  it('a Location that is not a plain http(s) URL is dropped, the invalidation kept', async () => {
    cf.on(CreateInvalidationCommand).resolves({ Invalidation: invalidation, Location: 'javascript:alert(1)' })
    const created = await cloudFrontApi('us-east-1').create(distribution, ['/a'], 'r', signal)
    expect(created).toEqual({ invalidationId: 'I1', status: 'InProgress', location: '' })
  })

  it('a status other than InProgress or Completed is a malformed answer, on create and on poll', async () => {
    cf.on(CreateInvalidationCommand).resolves({ Invalidation: { ...invalidation, Status: 'Done\r\n::error::x' } })
    cf.on(GetInvalidationCommand).resolves({ Invalidation: { ...invalidation, Status: 'completed' } })
    const api = cloudFrontApi('us-east-1')
    await expect(api.create(distribution, ['/a'], 'r', signal)).rejects.toThrow(
      'CreateInvalidation returned a response with an invalidation status that is not CloudFront\'s (InProgress or Completed): "Done\\u000d\\u000a::error::x"'
    )
    await expect(api.status(distribution, 'I1', signal)).rejects.toThrow(
      'an invalidation status that is not CloudFront\'s (InProgress or Completed): "completed"'
    )
  })

  it("a distribution ID not of CloudFront's shape in ListDistributions is a malformed answer", async () => {
    cf.on(ListDistributionsCommand).resolves({
      DistributionList: {
        Items: [{ Id: 'E1\u001b[31m', ARN: 'arn:aws:cloudfront::1:distribution/E1' }] as never,
        IsTruncated: false,
        Marker: '',
        MaxItems: 100,
        Quantity: 1
      }
    })
    await expect(cloudFrontApi('us-east-1').listDistributions(undefined, signal)).rejects.toThrow(
      'ListDistributions returned a response with a distribution ID that is not CloudFront\'s (capital letters and digits): "E1\\u001b[31m"'
    )
  })
})
