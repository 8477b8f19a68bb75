import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { keyToPath } from '../src/paths/normalize.js'
import { keyMapper } from '../src/routing/map-keys.js'
import { keyPrefixOf, originsFor, type DistributionRouting } from '../src/distribution/origins.js'
import { matchesPathPattern } from '../src/routing/path-pattern.js'
import { isBucketName, s3EndpointOf } from '../src/distribution/s3-endpoint.js'

describe('s3EndpointOf: the bucket an origin domain name reaches', () => {
  it.each([
    // REST, virtual-hosted: global, with a region, legacy dash-region, dualstack, FIPS, China
    ['my-site.s3.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3.us-east-1.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3.eu-west-1.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3.us-gov-west-1.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3-eu-west-1.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3-external-1.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3.dualstack.ap-southeast-2.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3-fips.us-east-2.amazonaws.com', 'my-site', 'rest'],
    ['my-site.s3.cn-north-1.amazonaws.com.cn', 'my-site', 'rest'],
    ['my-site.s3.dualstack.cn-northwest-1.amazonaws.com.cn', 'my-site', 'rest'],
    // static website, both region separators, and China
    ['my-site.s3-website-us-east-1.amazonaws.com', 'my-site', 'website'],
    ['my-site.s3-website.eu-central-1.amazonaws.com', 'my-site', 'website'],
    ['my-site.s3-website.cn-north-1.amazonaws.com.cn', 'my-site', 'website'],
    // dotted bucket names: everything before the endpoint is the bucket
    ['www.example.com.s3.amazonaws.com', 'www.example.com', 'rest'],
    ['static.example.org.s3.us-west-2.amazonaws.com', 'static.example.org', 'rest'],
    ['www.example.com.s3-website-us-west-2.amazonaws.com', 'www.example.com', 'website'],
    ['a.b.s3.amazonaws.com.s3.amazonaws.com', 'a.b.s3.amazonaws.com', 'rest'],
    // host names are case-insensitive; a trailing dot names the same host
    ['My-Site.S3.US-EAST-1.AmazonAWS.com', 'my-site', 'rest'],
    ['my-site.s3.amazonaws.com.', 'my-site', 'rest']
  ])('%s → %s (%s)', (domain, bucket, kind) => {
    expect(s3EndpointOf(domain)).toEqual({ bucket, kind })
  })

  it.each([
    // look-alikes and near misses
    'my-site.s3.amazonaws.com.evil.example',
    'my-site.s3.amazonaws.co',
    'my-site.s4.amazonaws.com',
    'my-site-s3.amazonaws.com',
    's3.amazonaws.com',
    's3.us-east-1.amazonaws.com',
    '.s3.amazonaws.com',
    'my-site.s3.us-east.amazonaws.com',
    'my-site.s3.amazonaws.com.cn',
    'my-site.s3.us-east-1.amazonaws.com.cn',
    'my-site.s3.cn-north-1.amazonaws.com',
    'my-site.s3-website.amazonaws.com',
    'my-site.s3-website-us-east-1.amazonaws.com.cn',
    // not a bucket's endpoint: access points, Object Lambda, PrivateLink, other services
    'site-123456789012.s3-accesspoint.us-east-1.amazonaws.com',
    'site-123456789012.s3-object-lambda.us-east-1.amazonaws.com',
    'bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com',
    'alb-1.eu-west-1.elb.amazonaws.com',
    'my-api.execute-api.us-east-1.amazonaws.com',
    'd111111abcdef8.cloudfront.net',
    'www.example.com',
    // invalid bucket names before a real endpoint
    'ab.s3.amazonaws.com',
    'My_Site.s3.amazonaws.com',
    'a..b.s3.amazonaws.com',
    '-site.s3.amazonaws.com',
    '192.168.1.10.s3.amazonaws.com',
    `${'a'.repeat(64)}.s3.amazonaws.com`
  ])('%s is not an S3 bucket endpoint', domain => {
    expect(s3EndpointOf(domain)).toBeUndefined()
  })

  const bucketName = fc
    .array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 4 })
    .map(labels => labels.join('.'))
    .filter(isBucketName)
  const region = fc.constantFrom('us-east-1', 'eu-west-3', 'ap-northeast-2', 'us-gov-east-1', 'il-central-1')
  const chinaRegion = fc.constantFrom('cn-north-1', 'cn-northwest-1')
  const endpointOf = fc.oneof(
    fc.constant((b: string) => ({ domain: `${b}.s3.amazonaws.com`, kind: 'rest' })),
    region.map(r => (b: string) => ({ domain: `${b}.s3.${r}.amazonaws.com`, kind: 'rest' })),
    region.map(r => (b: string) => ({ domain: `${b}.s3-${r}.amazonaws.com`, kind: 'rest' })),
    region.map(r => (b: string) => ({ domain: `${b}.s3.dualstack.${r}.amazonaws.com`, kind: 'rest' })),
    chinaRegion.map(r => (b: string) => ({ domain: `${b}.s3.${r}.amazonaws.com.cn`, kind: 'rest' })),
    region.map(r => (b: string) => ({ domain: `${b}.s3-website-${r}.amazonaws.com`, kind: 'website' })),
    region.map(r => (b: string) => ({ domain: `${b}.s3-website.${r}.amazonaws.com`, kind: 'website' })),
    chinaRegion.map(r => (b: string) => ({ domain: `${b}.s3-website.${r}.amazonaws.com.cn`, kind: 'website' }))
  )

  it('finds the bucket back from every endpoint form, dots and all', () => {
    fc.assert(
      fc.property(bucketName, endpointOf, (bucket, form) => {
        const { domain, kind } = form(bucket)
        expect(s3EndpointOf(domain)).toEqual({ bucket, kind })
      })
    )
  })

  it('a suffix after the endpoint makes any form a look-alike', () => {
    fc.assert(
      fc.property(
        bucketName,
        endpointOf,
        fc.constantFrom('.evil.example', '.com', 'x', '-1', '.cn.example'),
        (bucket, form, tail) => {
          expect(s3EndpointOf(`${form(bucket).domain}${tail}`)).toBeUndefined()
        }
      )
    )
  })
})

describe('matchesPathPattern: CloudFront\'s "Path pattern" rules', () => {
  // The developer guide's examples, and its ordering example (images/*.jpg, images/*, *.gif).
  it.each([
    ['*.jpg', '/logo.jpg', true],
    ['*.jpg', '/images/product1/logo.jpg', true],
    ['*.jpg', '/LOGO.JPG', false],
    ['images/*.jpg', '/images/a.jpg', true],
    ['images/*.jpg', '/images/product1/a.jpg', true],
    ['images/*.jpg', '/images/product2/b/c.jpg', true],
    ['images/*.jpg', '/images/a.gif', false],
    ['images/*.jpg', '/other/images/a.jpg', false],
    ['/images/*.jpg', '/images/a.jpg', true],
    ['images/*', '/images/sample.gif', true],
    ['images/*', '/images', false],
    ['*.gif', '/images/sample.gif', true],
    ['a??.jpg', '/ant.jpg', true],
    ['a??.jpg', '/abe.jpg', true],
    ['a??.jpg', '/an.jpg', false],
    ['a??.jpg', '/ants.jpg', false],
    ['*.doc*', '/report.doc', true],
    ['*.doc*', '/report.docx', true],
    ['*.doc*', '/report.docm', true],
    ['*.doc?', '/report.doc', false],
    ['*.doc?', '/report.docx', true],
    ['*', '/', true],
    ['*', '/anything/at/all', true],
    ['/media/*', '/media/a.mp4', true],
    ['/media/*', '/Media/a.mp4', false],
    ['media/*', '/mediafile', false],
    ['index.html', '/index.html', true],
    ['index.html', '/blog/index.html', false],
    ['*/index.html', '/blog/index.html', true],
    ['a*b*c', '/aXbYc', true],
    ['a*b*c', '/aXbYcZ', false],
    ['**', '/x', true],
    ['?', '/', false]
  ])('%s against %s: %s', (pattern, path, matches) => {
    expect(matchesPathPattern(pattern, path)).toBe(matches)
  })

  /** The same rules as a regular expression: an independent statement of them. */
  const reference = (pattern: string, path: string): boolean => {
    const body = pattern
      .replace(/^\//, '')
      .split('')
      .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('')
    return new RegExp(`^/${body}$`, 's').test(path.startsWith('/') ? path : `/${path}`)
  }
  const patternChar = fc.constantFrom('a', 'b', '/', '.', '*', '?', 'A', '-')
  const pathChar = fc.constantFrom('a', 'b', '/', '.', 'A', '-', '*', '?')

  it('agrees with a regular expression of the same rules', () => {
    fc.assert(
      fc.property(
        fc.array(patternChar, { maxLength: 10 }).map(cs => cs.join('')),
        fc.array(pathChar, { maxLength: 14 }).map(cs => `/${cs.join('')}`),
        (pattern, path) => {
          expect(matchesPathPattern(pattern, path)).toBe(reference(pattern, path))
        }
      ),
      { numRuns: 3000 }
    )
  })

  it('a leading / on the pattern changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(patternChar, { maxLength: 8 }).map(cs => cs.join('').replace(/^\/+/, '')),
        fc.array(pathChar, { maxLength: 10 }).map(cs => `/${cs.join('')}`),
        (pattern, path) => {
          expect(matchesPathPattern(`/${pattern}`, path)).toBe(matchesPathPattern(pattern, path))
        }
      )
    )
  })

  // A RegExp of such a pattern backtracks for minutes; how long the walk takes is the benchmark's
  // figure (bench/bench.ts, "path pattern of 100 stars"), not a bound here.
  it('answers many stars that cannot match, and the same stars where one last character does', () => {
    expect(matchesPathPattern(`${'*a'.repeat(100)}b`, `/${'a'.repeat(2000)}`)).toBe(false)
    expect(matchesPathPattern(`${'*a'.repeat(100)}b`, `/${'a'.repeat(2000)}b`)).toBe(true)
    expect(matchesPathPattern(`${'*a'.repeat(100)}b`, `/${'a'.repeat(99)}b`)).toBe(false)
  })
})

const ARN = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL'
function routing(overrides: Partial<DistributionRouting>): DistributionRouting {
  return {
    id: 'E2QWRUHAPOMQZL',
    arn: ARN,
    origins: [{ id: 'site', domainName: 'my-site.s3.us-east-1.amazonaws.com', originPath: '' }],
    originGroups: [],
    defaultTargetOriginId: 'site',
    behaviors: [],
    defaultRootObject: '',
    ...overrides
  }
}
function mapper(r: DistributionRouting, bucket = 'my-site') {
  return keyMapper(r, originsFor(r, bucket).serving)
}

describe('originsFor: which origins serve the bucket', () => {
  it('sorts origins into serving, other buckets, and unknown', () => {
    const r = routing({
      origins: [
        { id: 'rest', domainName: 'my-site.s3.us-east-1.amazonaws.com', originPath: '/prod' },
        { id: 'web', domainName: 'my-site.s3-website-us-east-1.amazonaws.com', originPath: '' },
        { id: 'media', domainName: 'media.example.s3.amazonaws.com', originPath: '' },
        { id: 'media-2', domainName: 'media.example.s3-website.us-east-1.amazonaws.com', originPath: '' },
        { id: 'api', domainName: 'alb-1.us-east-1.elb.amazonaws.com', originPath: '' }
      ]
    })
    expect(originsFor(r, 'my-site')).toEqual({
      serving: [
        {
          id: 'rest',
          domainName: 'my-site.s3.us-east-1.amazonaws.com',
          originPath: '/prod',
          keyPrefix: 'prod/'
        },
        { id: 'web', domainName: 'my-site.s3-website-us-east-1.amazonaws.com', originPath: '', keyPrefix: '' }
      ],
      otherBuckets: ['media.example'],
      unknown: [{ id: 'api', domainName: 'alb-1.us-east-1.elb.amazonaws.com' }]
    })
  })

  it.each([
    ['', ''],
    ['/prod', 'prod/'],
    ['/a/b', 'a/b/'],
    ['/prod/', 'prod/']
  ])('OriginPath %j serves the keys under %j', (originPath, prefix) => {
    expect(keyPrefixOf(originPath)).toBe(prefix)
  })
})

describe('keyMapper: a changed key to the URLs the distribution serves it at', () => {
  it("through the origin's path: the URL is the key without it", () => {
    const map = mapper(
      routing({ origins: [{ id: 'site', domainName: 'my-site.s3.amazonaws.com', originPath: '/prod' }] })
    )
    expect(map('prod/index.html')).toEqual(['/index.html'])
    expect(map('prod/blog/caf\u00e9 1.html')).toEqual(['/blog/caf%C3%A9%201.html'])
    expect(map('staging/index.html')).toBe('outside the origin path')
    expect(map('production/index.html')).toBe('outside the origin path')
    expect(map('prod/')).toBe('outside the origin path')
  })

  it('a behavior that routes a folder to another origin skips its keys', () => {
    const map = mapper(
      routing({
        origins: [
          { id: 'site', domainName: 'my-site.s3.amazonaws.com', originPath: '' },
          { id: 'media', domainName: 'media-bucket.s3.amazonaws.com', originPath: '' }
        ],
        behaviors: [
          { pathPattern: '/media/*', targetOriginId: 'media' },
          { pathPattern: '*.mp4', targetOriginId: 'media' }
        ]
      })
    )
    expect(map('media/a.png')).toBe('served from another origin')
    expect(map('clips/a.mp4')).toBe('served from another origin')
    expect(map('mediakit/a.png')).toEqual(['/mediakit/a.png'])
    expect(map('index.html')).toEqual(['/index.html'])
  })

  it('the first matching behavior wins, even when a later one would route to the bucket', () => {
    const map = mapper(
      routing({
        origins: [
          { id: 'site', domainName: 'my-site.s3.amazonaws.com', originPath: '' },
          { id: 'api', domainName: 'api.example.com', originPath: '' }
        ],
        behaviors: [
          { pathPattern: 'api/*', targetOriginId: 'api' },
          { pathPattern: 'api/docs/*', targetOriginId: 'site' }
        ]
      })
    )
    expect(map('api/docs/index.html')).toBe('served from another origin')
  })

  it('a behavior aimed at an origin group serves through each member (a website endpoint among them)', () => {
    const map = mapper(
      routing({
        origins: [
          { id: 'primary', domainName: 'other-bucket.s3.amazonaws.com', originPath: '' },
          { id: 'failover', domainName: 'my-site.s3-website-us-east-1.amazonaws.com', originPath: '' }
        ],
        originGroups: [{ id: 'group', members: ['primary', 'failover'] }],
        defaultTargetOriginId: 'group'
      })
    )
    expect(map('index.html')).toEqual(['/index.html'])
  })

  it('the default root object adds / when its key changed, after the origin path', () => {
    const map = mapper(
      routing({
        origins: [{ id: 'site', domainName: 'my-site.s3.amazonaws.com', originPath: '/prod' }],
        defaultRootObject: 'home.html'
      })
    )
    expect(map('prod/home.html')).toEqual(['/home.html', '/'])
    expect(map('home.html')).toBe('outside the origin path')
    expect(map('prod/blog/home.html')).toEqual(['/blog/home.html'])
  })

  it('no / when the root URL is routed elsewhere, or the root object is unknown', () => {
    const elsewhere = mapper(
      routing({
        origins: [
          { id: 'site', domainName: 'my-site.s3.amazonaws.com', originPath: '' },
          { id: 'app', domainName: 'app.example.com', originPath: '' }
        ],
        defaultTargetOriginId: 'app',
        behaviors: [{ pathPattern: '*.html', targetOriginId: 'site' }],
        defaultRootObject: 'index.html'
      })
    )
    expect(elsewhere('index.html')).toEqual(['/index.html'])
    expect(mapper(routing({ defaultRootObject: undefined }))('index.html')).toEqual(['/index.html'])
  })

  it('two origins of the bucket under different origin paths serve a key at two URLs', () => {
    const map = mapper(
      routing({
        origins: [
          { id: 'root', domainName: 'my-site.s3.amazonaws.com', originPath: '' },
          { id: 'prod', domainName: 'my-site.s3.us-east-1.amazonaws.com', originPath: '/prod' }
        ],
        behaviors: [{ pathPattern: '/prod/*', targetOriginId: 'root' }],
        defaultTargetOriginId: 'prod'
      })
    )
    expect(map('prod/a.html')).toEqual(['/prod/a.html', '/a.html'])
  })

  it('without behaviors or origin path, every key maps to its own path, as keyToPath has it (property)', () => {
    const map = mapper(routing({}))
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), key => {
        expect(map(key)).toEqual([keyToPath(key)])
      })
    )
  })

  it('every URL it gives is routed by the behaviors to an origin of the bucket (property)', () => {
    const patterns = fc.constantFrom('/media/*', '*.jpg', 'a??.html', 'blog/*', '*', 'x*')
    const keyPart = fc.constantFrom('media/', 'blog/', 'prod/', 'a.jpg', 'abc.html', 'x', 'index.html')
    fc.assert(
      fc.property(
        fc.array(fc.record({ pathPattern: patterns, targetOriginId: fc.constantFrom('site', 'other') }), {
          maxLength: 4
        }),
        fc.constantFrom('', '/prod'),
        fc.array(keyPart, { minLength: 1, maxLength: 4 }).map(parts => parts.join('')),
        (behaviors, originPath, key) => {
          const r = routing({
            origins: [
              { id: 'site', domainName: 'my-site.s3.amazonaws.com', originPath },
              { id: 'other', domainName: 'other.s3.amazonaws.com', originPath: '' }
            ],
            behaviors
          })
          const result = mapper(r)(key)
          const prefix = keyPrefixOf(originPath)
          if (!key.startsWith(prefix) || key === prefix) {
            expect(result).toBe('outside the origin path')
            return
          }
          const url = `/${key.slice(prefix.length)}`
          const target = behaviors.find(b => matchesPathPattern(b.pathPattern, url))?.targetOriginId ?? 'site'
          expect(result).toEqual(target === 'site' ? [url] : 'served from another origin')
        }
      )
    )
  })
})
