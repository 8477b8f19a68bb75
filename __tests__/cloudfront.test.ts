import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  CreateInvalidationForDistributionTenantCommand,
  GetInvalidationCommand,
  GetInvalidationForDistributionTenantCommand
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
})
