/**
 * Example tests that pin down what mutation testing (npm run mutate) found unchecked in src/inputs.ts:
 * each limit at its boundary, each pattern at both of its ends, and the exact words of each refusal.
 * readSettings reads the INPUT_* variables as the runner sets them (the step's inputs over action.yml's
 * defaults), so these tests set them and call it directly.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { readSettings, type Settings } from '../src/inputs.js'
import { setInputs } from '../__fixtures__/runner.js'

const ID = 'EDFDVBD632BHDS5'
const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

function settings(inputs: Record<string, string>): Settings {
  setInputs({ 'distribution-id': ID, ...inputs })
  return readSettings()
}

/** The refusal's message; fails the test when the inputs are accepted or the error is not an input error. */
function refusal(inputs: Record<string, string>): string {
  try {
    settings(inputs)
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  throw new Error(`${JSON.stringify(inputs)} was accepted`)
}

/** A domain name of 253 characters (three labels of 63 and one of 61), or 254 with a label of 62. */
const domainOfLength = (length: 253 | 254): string =>
  [...Array(3).fill('a'.repeat(63)), 'b'.repeat(length - 192)].join('.')

describe('distribution and tenant IDs', () => {
  it.each([8, 32])('an ID of %i upper-case letters and digits is accepted', length => {
    const id = 'E'.repeat(length - 1) + '1'
    expect(settings({ 'distribution-id': id }).targets.map(t => t.id)).toEqual([id])
  })

  it.each(['E'.repeat(7), 'E'.repeat(33), `!${ID}`, `${ID}!`])('%s is refused as a distribution ID', id => {
    expect(refusal({ 'distribution-id': id })).toBe(
      `Input "distribution-id": "${id}" is not a CloudFront distribution ID: expected 8 to 32 upper-case letters and digits, such as E2QWRUHAPOMQZL.`
    )
  })

  it('a lower-case ID that is valid in upper case gets the hint; one too short or all letters gets none', () => {
    expect(refusal({ 'distribution-id': 'edfdvbd632bhds5' })).toContain(
      'is not a CloudFront distribution ID (IDs are upper case):'
    )
    expect(refusal({ 'distribution-id': 'edfdvbdabcdefg' })).toContain(
      'is not a CloudFront distribution ID (IDs are upper case):'
    )
    expect(refusal({ 'distribution-id': 'e12' })).toContain('"e12" is not a CloudFront distribution ID: expected')
  })

  it.each([8, 64])('a tenant ID of dt_ and %i letters and digits is accepted', length => {
    const id = `dt_${'a'.repeat(length - 1)}Z`
    expect(settings({ 'distribution-id': '', 'distribution-tenant-id': id }).targets).toEqual([
      { kind: 'tenant', id, given: [id], partition: 'aws' }
    ])
  })

  it.each(['dt_abcdefg', `dt_${'a'.repeat(65)}`, 'xdt_abcdefgh', 'dt_abcdefgh!', 'dt_abc-efgh'])(
    '%s is refused as a tenant ID',
    id => {
      expect(refusal({ 'distribution-id': '', 'distribution-tenant-id': id })).toBe(
        `Input "distribution-tenant-id": "${id}" is not a distribution tenant ID: expected dt_ followed by letters and digits, such as dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB.`
      )
    }
  )

  it('a tenant listed twice is named under distribution-tenant-id, a distribution twice under distribution-id', () => {
    expect(refusal({ 'distribution-tenant-id': 'dt_abcdefgh dt_abcdefgh' })).toBe(
      'Input "distribution-tenant-id": "dt_abcdefgh" is listed twice: list each once.'
    )
    expect(refusal({ 'distribution-id': `${ID} ${ID}`, 'distribution-tenant-id': 'dt_abcdefgh' })).toBe(
      `Input "distribution-id": "${ID}" is listed twice: list each once.`
    )
    expect(refusal({ 'distribution-id': 'www.example.com WWW.example.com.' })).toBe(
      'Input "distribution-id": "www.example.com" is listed twice: list each once.'
    )
  })

  it('nothing named is refused with the value given; a sync-log alone is enough', () => {
    expect(refusal({ 'distribution-id': ' , ' })).toMatch(/^Input "distribution-id": "," is empty: give at least one/)
    const alone = settings({ 'distribution-id': '', 'sync-log': 'sync.log' })
    expect(alone.targets).toEqual([])
    expect(alone.syncLogFiles).toEqual(['sync.log'])
  })

  it('one comma or a run of separators splits the list alike', () => {
    expect(settings({ 'distribution-id': `${ID},E2QWRUHAPOMQZL` }).targets.map(t => t.id)).toEqual([
      ID,
      'E2QWRUHAPOMQZL'
    ])
    expect(settings({ 'distribution-id': `${ID} ,\n E2QWRUHAPOMQZL` }).targets.map(t => t.id)).toEqual([
      ID,
      'E2QWRUHAPOMQZL'
    ])
  })
})

describe('domain names', () => {
  it('a name of 253 characters is accepted (254 with its trailing dot), one of 254 is refused', () => {
    const name = domainOfLength(253)
    expect(name).toHaveLength(253)
    expect(settings({ 'distribution-id': name }).domains).toEqual([name])
    expect(settings({ 'distribution-id': `${name}.` }).domains).toEqual([name])
    expect(refusal({ 'distribution-id': domainOfLength(254) })).toContain('is neither a distribution ID')
  })

  it('one-character labels and a label of 63 are accepted', () => {
    const name = `a.b.${'c'.repeat(63)}.example.com`
    expect(settings({ 'distribution-id': name }).domains).toEqual([name])
  })

  it.each(['-www.example.com', 'www-.example.com', `${'c'.repeat(64)}.example.com`, 'www..example.com'])(
    '%s is refused: a label starts and ends with a letter, digit or underscore, and has 1 to 63',
    name => {
      expect(refusal({ 'distribution-id': name })).toBe(
        `Input "distribution-id": "${name}" is neither a distribution ID (such as E2QWRUHAPOMQZL) nor a domain name (such as www.example.com).`
      )
    }
  )
})

describe('distribution-tags', () => {
  it('key and value are trimmed around the "="', () => {
    expect(settings({ 'distribution-id': '', 'distribution-tags': 'Environment = staging \nTeam=web' }).tags).toEqual([
      { key: 'Environment', value: 'staging' },
      { key: 'Team', value: 'web' }
    ])
  })

  it('a key of 128 characters is accepted, one of 129 refused', () => {
    const key = 'k'.repeat(128)
    expect(settings({ 'distribution-tags': `${key}=v` }).tags).toEqual([{ key, value: 'v' }])
    expect(refusal({ 'distribution-tags': `${key}k=v` })).toContain('is not a tag: write one Key=Value per line')
  })
})

describe('paths', () => {
  it('each line is numbered, for LF and CRLF alike', () => {
    expect(settings({ paths: '/a\n/b, /c' }).paths).toEqual([
      ['/a', 1],
      ['/b', 2],
      ['/c', 2]
    ])
    expect(settings({ paths: '/a\r\n/b' }).paths).toEqual([
      ['/a', 1],
      ['/b', 2]
    ])
  })

  it('a path split at its spaces is warned about on its own line, with the pieces and the path to write', () => {
    expect(settings({ paths: '/index.html\n/docs/getting  started.html' }).warnings).toEqual([
      'paths line 2: "/docs/getting  started.html" is split at its spaces into "/docs/getting", "started.html", and "started.html" has no leading /. If it is one path, write each space as %20 (/docs/getting%20started.html), or give it in paths-file, which takes each line whole; if they are separate paths, start each with /.'
    ])
  })
})

describe('files', () => {
  it('sync-log takes one name a line, each trimmed, for LF and CRLF alike', () => {
    expect(settings({ 'sync-log': 'a.log \n b.log\r\nc d.log' }).syncLogFiles).toEqual(['a.log', 'b.log', 'c d.log'])
  })
})

describe('origin-path', () => {
  it.each([
    ['/prod', 'prod/'],
    ['//prod//', 'prod/'],
    ['prod//', 'prod/'],
    ['/prod/v2/', 'prod/v2/']
  ])('%s is the key prefix %s', (value, prefix) => {
    expect(settings({ 'sync-log': 'sync.log', 'origin-path': value }).originPath).toBe(prefix)
  })

  it('is refused without a sync-log, with the value given', () => {
    expect(refusal({ 'origin-path': '/prod' })).toMatch(
      /^Input "origin-path": "\/prod" applies to the object keys of sync-log/
    )
  })

  it('a path of 255 characters is accepted, one of 256 or with an empty segment refused; a "://" inside is not a URL', () => {
    const long = `/${'p'.repeat(254)}`
    expect(settings({ 'sync-log': 'sync.log', 'origin-path': long }).originPath).toBe(`${long.slice(1)}/`)
    const problem = 'is not an origin path: use'
    expect(refusal({ 'sync-log': 'sync.log', 'origin-path': `${long}p` })).toContain(problem)
    expect(refusal({ 'sync-log': 'sync.log', 'origin-path': '/prod//v2' })).toContain(problem)
    expect(refusal({ 'sync-log': 'sync.log', 'origin-path': '/a/b://c' })).toContain(problem)
    expect(refusal({ 'sync-log': 'sync.log', 'origin-path': 'https://b/prod' })).toContain('is a URL')
  })
})

describe('site-url', () => {
  const verify = (url: string, more: Record<string, string> = {}) => ({ verify: 'true', 'site-url': url, ...more })

  it('http and https are accepted', () => {
    expect(settings(verify('http://www.example.com')).siteUrl?.href).toBe('http://www.example.com/')
    expect(settings(verify('https://www.example.com/docs')).siteUrl?.href).toBe('https://www.example.com/docs')
  })

  it('another scheme is refused', () => {
    expect(refusal(verify('ftp://www.example.com'))).toBe(
      'Input "site-url": "ftp://www.example.com" is not an http or https URL: give the address visitors use, such as https://www.example.com.'
    )
  })

  it.each(['https://user:secret@www.example.com', 'https://user@www.example.com', 'https://:secret@www.example.com'])(
    'a URL with a user name or password is refused without showing it',
    url => {
      const message = refusal(verify(url))
      expect(message).toBe(
        'Input "site-url": "(not shown: it holds a user name or password)" must not hold credentials: verify asks as an anonymous visitor. Give the address without them.'
      )
      expect(message).not.toContain('secret')
    }
  )

  it('a fragment is refused like a query string', () => {
    expect(refusal(verify('https://www.example.com/#top'))).toContain('holds a query string or fragment')
  })

  it.each([
    ['two IDs', { 'distribution-id': `${ID} E2QWRUHAPOMQZL` }],
    ['an ID and a domain name', { 'distribution-id': `${ID} www.example.com` }],
    ['an ID and tags', { 'distribution-tags': 'Environment=staging' }]
  ])('is refused with %s: each distribution is asked at its own domain name', (_, more) => {
    expect(refusal(verify('https://www.example.com', more))).toMatch(
      /^Input "site-url": "https:\/\/www.example.com" names one site, and the step invalidates several distributions/
    )
  })

  it('one domain name, or tags alone, is one site', () => {
    expect(settings(verify('https://www.example.com', { 'distribution-id': 'www.example.com' })).siteUrl?.href).toBe(
      'https://www.example.com/'
    )
    expect(
      settings(verify('https://www.example.com', { 'distribution-id': '', 'distribution-tags': 'Environment=staging' }))
        .siteUrl?.href
    ).toBe('https://www.example.com/')
  })
})

describe('index-document', () => {
  it('a name of 255 characters is accepted, one of 256 refused; empty turns directory URLs off', () => {
    expect(settings({ 'index-document': `${'i'.repeat(250)}.html` }).indexDocument).toHaveLength(255)
    expect(refusal({ 'index-document': `${'i'.repeat(251)}.html` })).toContain('is not a file name')
    expect(settings({ 'index-document': '' }).indexDocument).toBe('')
  })
})

describe('whole numbers', () => {
  it('each bound is accepted', () => {
    expect(settings({ 'max-paths': '1' }).maxPaths).toBe(1)
    expect(settings({ 'max-paths': '1000000' }).maxPaths).toBe(1_000_000)
    expect(settings({ 'wait-timeout': '1' }).waitTimeoutSeconds).toBe(1)
    expect(settings({ 'wait-timeout': '21600' }).waitTimeoutSeconds).toBe(21_600)
  })

  it('the refusal says seconds for wait-timeout only', () => {
    expect(refusal({ 'max-paths': '0' })).toBe('Input "max-paths": "0" is not a whole number from 1 to 1000000.')
    expect(refusal({ 'wait-timeout': '21601' })).toBe(
      'Input "wait-timeout": "21601" is not a whole number of seconds from 1 to 21600.'
    )
  })

  it('an empty wait-timeout is refused as required (its default is in action.yml)', () => {
    expect(() => settings({ 'wait-timeout': '' })).toThrow('Input required and not supplied: wait-timeout')
  })
})

describe('caller-reference and aws-region', () => {
  it('a caller-reference of 128 characters is accepted', () => {
    const reference = 'r'.repeat(128)
    expect(settings({ 'caller-reference': reference }).callerReference).toBe(reference)
  })

  it.each(['us-east-1!', '../us-east-1', 'us-east-1.evil.example/x'])('the region %s is refused', value => {
    expect(refusal({ 'aws-region': value })).toBe(
      `Input "aws-region": "${value}" is not an AWS region name such as us-east-1.`
    )
  })
})
