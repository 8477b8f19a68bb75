/**
 * Example tests that pin down what mutation testing (npm run mutate) found only random property tests,
 * or nothing, to check in src/paths/normalize.ts: each states one rule of the encoding and the limits.
 */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { encodePath, isWildcard, keyToPath, MAX_PATH_LENGTH, normalizeItem } from '../src/paths/normalize.js'
import type { PathOrigin } from '../src/paths/source.js'

const normalize = (value: string, origin: PathOrigin = { input: 'paths' }): string => normalizeItem(value, origin, 3)
const rejection = (value: string, origin: PathOrigin = { input: 'paths' }): InputError => {
  try {
    normalize(value, origin)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error(`${JSON.stringify(value)} was accepted`)
}

describe('percent signs', () => {
  it('a "%" beside a space and a non-ASCII letter is encoded as %25, and so are they', () => {
    expect(normalize('/100% off/caf\u00e9')).toBe('/100%25%20off/caf%C3%A9')
  })

  it('a "%" followed by one hex digit is a literal percent sign, not an escape', () => {
    expect(normalize('/a%4z')).toBe('/a%254z')
    expect(normalize('/a%4')).toBe('/a%254')
  })

  it('a path of only characters to encode gets its "/" and is encoded, not taken as plain', () => {
    expect(normalize('\u00e9 \u00e9')).toBe('/%C3%A9%20%C3%A9')
    expect(keyToPath('\u00e9')).toBe('/%C3%A9')
  })

  it('a "%" that ends the path is encoded', () => {
    expect(normalize('/100%')).toBe('/100%25')
  })

  it('a valid escape in either case is kept as it is, beside characters that get encoded', () => {
    expect(normalize('/a%2fb%2F c')).toBe('/a%2fb%2F%20c')
  })

  it('with a "%" kept, the RFC 1738 unsafe characters get upper-case two-digit escapes', () => {
    expect(encodePath('/%41 "<>#{}|\\^~[]`')).toBe('/%41%20%22%3C%3E%23%7B%7D%7C%5C%5E%7E%5B%5D%60')
  })

  it('with a "%" kept, a non-ASCII character is encoded as its UTF-8 bytes, an emoji as one code point', () => {
    expect(encodePath('/%41\u00e9\u{1f600}')).toBe('/%41%C3%A9%F0%9F%98%80')
  })

  it('without a "%", "#" and "~" are encoded too (encodeURI keeps them)', () => {
    expect(encodePath('/a#b~c')).toBe('/a%23b%7Ec')
  })
})

describe('wildcards', () => {
  it('a path that needs encoding keeps its trailing "*" as a wildcard', () => {
    expect(normalize('/caf\u00e9 menu/*')).toBe('/caf%C3%A9%20menu/*')
  })

  it('a "*" before the end is refused, even in a path that needs encoding', () => {
    expect(rejection('/caf\u00e9*/x').message).toContain('has "*" before its end')
    expect(rejection('/a*b').message).toContain('has "*" before its end')
  })

  it('a path of "*" alone is the wildcard over the whole site', () => {
    expect(normalize('*')).toBe('/*')
    expect(isWildcard('/*')).toBe(true)
    expect(isWildcard('/a*b')).toBe(false)
    expect(isWildcard('#tag*')).toBe(true)
  })
})

describe('length limits', () => {
  const slashAnd = (n: number) => `/${'a'.repeat(n - 1)}`

  it(`a path of exactly ${MAX_PATH_LENGTH} characters is taken, one more is refused`, () => {
    expect(normalize(slashAnd(MAX_PATH_LENGTH))).toBe(slashAnd(MAX_PATH_LENGTH))
    expect(rejection(slashAnd(MAX_PATH_LENGTH + 1)).message).toContain(
      `is ${MAX_PATH_LENGTH + 1} characters long once encoded; CloudFront takes at most ${MAX_PATH_LENGTH}`
    )
  })

  it('the "/" added in front counts: 3,999 characters without it are taken, 4,000 are refused', () => {
    expect(normalize('a'.repeat(MAX_PATH_LENGTH - 1))).toBe(slashAnd(MAX_PATH_LENGTH))
    expect(rejection('a'.repeat(MAX_PATH_LENGTH)).message).toContain(`is ${MAX_PATH_LENGTH + 1} characters long`)
  })

  it('the limit applies to the encoded path: each "\u00e9" counts six characters', () => {
    expect(normalize(`/${'\u00e9'.repeat(666)}`)).toHaveLength(1 + 666 * 6)
    expect(rejection(`/${'\u00e9'.repeat(667)}`).message).toContain('is 4003 characters long once encoded')
  })

  it('a cache tag of 256 characters is taken, one of 257 is refused', () => {
    const tag = (n: number) => `#${'t'.repeat(n - 1)}`
    expect(normalize(tag(256))).toBe(tag(256))
    expect(rejection(tag(257)).message).toContain('is a cache tag of 257 characters; CloudFront takes at most 256')
  })
})

describe('cache tags', () => {
  it.each([
    ['an inner space', '#a b'],
    ['a trailing space', '#ab '],
    ['a non-ASCII letter', '#caf\u00e9'],
    ['a comma', '#a,b']
  ])('a tag with %s is refused', (_what, tag) => {
    expect(rejection(tag).message).toContain('is not a valid cache tag')
  })

  it('"#" alone is an empty tag', () => {
    expect(rejection('#').message).toContain('is an empty cache tag')
  })

  it('a tag with characters a path would encode is sent unencoded', () => {
    expect(normalize('#release"2024"~{a}')).toBe('#release"2024"~{a}')
  })
})

describe('errors name the input, the place and the fix', () => {
  it('a control character: its position, counted from 1', () => {
    const error = rejection('/a\u0001b')
    expect(error.input).toBe('paths')
    expect(error.message).toBe(
      'Input "paths": "/a\\u0001b" (paths line 3) holds a control character at position 3: remove it.'
    )
  })

  it('a bad path in the default is reported against the paths input', () => {
    const error = rejection('/a*b', { input: 'default' })
    expect(error.input).toBe('paths')
    expect(error.message).toContain('(default (no paths given))')
  })

  it('a bad path in a paths-file names the file', () => {
    const error = rejection('/a*b', { input: 'paths-file', file: 'list.txt' })
    expect(error.input).toBe('paths-file')
    expect(error.message).toContain('(paths-file list.txt line 3)')
  })
})

describe('keyToPath: an S3 key as its URL path', () => {
  it('a key that needs encoding and holds "*" is cut there and keeps the wildcard', () => {
    expect(keyToPath('caf\u00e9*x')).toBe('/caf%C3%A9*')
    expect(keyToPath('caf\u00e9.txt')).toBe('/caf%C3%A9.txt')
  })

  it('a plain key with "*" is cut there too; one without "*" is only prefixed', () => {
    expect(keyToPath('a*b.txt')).toBe('/a*')
    expect(keyToPath('*')).toBe('/*')
    expect(keyToPath('a/b.txt')).toBe('/a/b.txt')
  })

  it('every "%" of a key is a literal percent sign, even before two hex digits', () => {
    expect(keyToPath('100%41.txt')).toBe('/100%2541.txt')
    expect(keyToPath('100% off*x')).toBe('/100%25%20off*')
  })

  it('a control character in a key is encoded as two hex digits, beside a "%" too', () => {
    expect(keyToPath('a\u0001')).toBe('/a%01')
    expect(keyToPath('%\u0001')).toBe('/%25%01')
  })

  it('a key that starts with "/" is served under "//"', () => {
    expect(keyToPath('/a b')).toBe('//a%20b')
  })
})
