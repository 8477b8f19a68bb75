/** Finding distributions by domain name and by tags: the matching rules, paging, tags, errors. */
import { describe, expect, it } from '@jest/globals'
import type { DistributionInfo } from '../src/cloudfront/client.js'
import { matchDomain, resolveTargets } from '../src/cloudfront/lookup.js'
import { FakeCloudFront, apiError } from '../__fixtures__/fake-cloudfront.js'

const dist = (
  id: string,
  aliases: string[] = [],
  domainName = `d${id.toLowerCase()}.cloudfront.net`
): DistributionInfo => ({
  id,
  arn: `arn:aws:cloudfront::123456789012:distribution/${id}`,
  domainName,
  aliases
})

const WWW = dist('EWWW00000001', ['www.example.com', 'example.com'])
const WILD = dist('EWILD0000002', ['*.example.com'])
const OTHER = dist('EOTHER000003', ['*.staging.example.com'], 'd111111abcdef8.cloudfront.net')
const all = [WILD, WWW, OTHER]

describe('matchDomain', () => {
  it.each([
    ['www.example.com', WWW, 'alternate domain name'],
    ['WWW.Example.COM', WWW, 'alternate domain name'],
    ['example.com', WWW, 'alternate domain name'],
    ['shop.example.com', WILD, 'wildcard alternate domain name *.example.com'],
    ['a.staging.example.com', OTHER, 'wildcard alternate domain name *.staging.example.com'],
    ['d111111abcdef8.cloudfront.net', OTHER, 'its CloudFront domain name'],
    ['D111111ABCDEF8.cloudfront.net', OTHER, 'its CloudFront domain name']
  ])('%s is served by the right distribution', (name, expected, how) => {
    expect(matchDomain(name, all)).toEqual({ distribution: expected, how })
  })

  it('an exact alias wins over a wildcard one listed first', () => {
    expect(matchDomain('www.example.com', [WILD, WWW])?.distribution).toBe(WWW)
  })

  it('a wildcard serves one label only: not a.b.example.com, nor the apex', () => {
    expect(matchDomain('a.b.example.com', [WILD])).toBeUndefined()
    expect(matchDomain('example.com', [WILD])).toBeUndefined()
    expect(matchDomain('.example.com', [WILD])).toBeUndefined()
  })

  it('nothing else matches', () => {
    expect(matchDomain('www.example.org', all)).toBeUndefined()
  })
})

describe('resolveTargets', () => {
  const signal = new AbortController().signal
  const fake = () => {
    const api = new FakeCloudFront()
    api.distributions.push(...all)
    return api
  }

  it('lists every page once, however many names are given', async () => {
    const api = new FakeCloudFront()
    for (let i = 0; i < 250; i++) api.distributions.push(dist(`E${String(i).padStart(11, '0')}`, [`s${i}.example.com`]))
    const result = await resolveTargets(
      api,
      { ids: [], domains: ['s0.example.com', 's249.example.com'], tags: [] },
      signal
    )
    expect(result.targets.map(t => t.id)).toEqual(['E00000000000', 'E00000000249'])
    expect(result.searched).toBe(250)
    expect(api.calls.filter(c => c.operation === 'list').map(c => c.detail)).toEqual([
      '',
      'E00000000099',
      'E00000000199'
    ])
  })

  it('tags: every distribution that carries all of them; ListTagsForResource for each', async () => {
    const api = fake()
    api.tags.set(WWW.arn, { Environment: 'staging', Team: 'web' })
    api.tags.set(WILD.arn, { Environment: 'staging' })
    api.tags.set(OTHER.arn, { Environment: 'production', Team: 'web' })
    const both = await resolveTargets(
      api,
      { ids: [], domains: [], tags: [{ key: 'Environment', value: 'staging' }] },
      signal
    )
    expect(both.targets.map(t => t.id)).toEqual([WILD.id, WWW.id])
    expect(both.resolutions).toEqual([{ given: 'Environment=staging', ids: [WILD.id, WWW.id], how: 'tags' }])
    expect(api.calls.filter(c => c.operation === 'tags')).toHaveLength(3)
    const one = await resolveTargets(
      api,
      {
        ids: [],
        domains: [],
        tags: [
          { key: 'Environment', value: 'staging' },
          { key: 'Team', value: 'web' }
        ]
      },
      signal
    )
    expect(one.targets.map(t => t.id)).toEqual([WWW.id])
  })

  it('an ID and two names of one distribution make one target that remembers all three', async () => {
    const result = await resolveTargets(
      fake(),
      { ids: [WWW.id], domains: ['www.example.com', 'example.com'], tags: [] },
      signal
    )
    expect(result.targets).toEqual([
      { kind: 'distribution', id: WWW.id, given: [WWW.id, 'www.example.com', 'example.com'] }
    ])
  })

  it('a name no distribution serves: an error that says how many were searched and what to check', async () => {
    await expect(resolveTargets(fake(), { ids: [], domains: ['www.example.org'], tags: [] }, signal)).rejects.toThrow(
      /no distribution serves "www\.example\.org": none of the account's 3 distributions .* Check the spelling/
    )
  })

  it("a name the account's only distribution does not serve: the error says it is the one", async () => {
    const api = new FakeCloudFront()
    api.distributions.push(WWW)
    await expect(resolveTargets(api, { ids: [], domains: ['www.example.org'], tags: [] }, signal)).rejects.toThrow(
      `no distribution serves "www.example.org": the account's one distribution does not have it as an alternate domain name`
    )
  })

  it('tags nothing carries: an error naming the tags', async () => {
    await expect(
      resolveTargets(fake(), { ids: [], domains: [], tags: [{ key: 'Environment', value: 'qa' }] }, signal)
    ).rejects.toThrow('no distribution carries Environment=qa: 3 distributions were searched')
  })

  it('tags nothing carries, with a comma then Key= in a value: says to give each tag on its own line', async () => {
    const tags = [{ key: 'Environment', value: 'prod, Site=www' }]
    await expect(resolveTargets(fake(), { ids: [], domains: [], tags }, signal)).rejects.toThrow(
      'The value of Environment is "prod, Site=www": if that holds a second tag, give each Key=Value on its own line.'
    )
    // A comma that starts no Key= is an ordinary value: no such hint.
    const plain = [{ key: 'Team', value: 'web, mobile' }]
    await expect(resolveTargets(fake(), { ids: [], domains: [], tags: plain }, signal)).rejects.toThrow(
      /searched\. Check the tags in the CloudFront console \(keys and values are case-sensitive\), and that the credentials are for the account that owns the distributions\.$/
    )
  })

  it('AccessDenied names the IAM action and suggests the ID', async () => {
    const api = fake()
    api.lookupErrors.push(
      apiError('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/x is not authorized', 403)
    )
    await expect(resolveTargets(api, { ids: [], domains: ['www.example.com'], tags: [] }, signal)).rejects.toThrow(
      /lack cloudfront:ListDistributions .* give the distribution ID in distribution-id instead/
    )
    // The list succeeds; the tags call is denied.
    const denyTags = Object.assign(fake(), {
      tagsOf: async () => {
        throw apiError('AccessDenied', 'denied', 403)
      }
    })
    await expect(
      resolveTargets(denyTags, { ids: [], domains: [], tags: [{ key: 'Environment', value: 'staging' }] }, signal)
    ).rejects.toThrow('lack cloudfront:ListTagsForResource')
  })
})
