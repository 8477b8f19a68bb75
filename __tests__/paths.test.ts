import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { listSource } from '../src/paths/source.js'
import { encodePath, keyToPath, normalizeItem } from '../src/paths/normalize.js'
import { planPaths, type PathOptions } from '../src/paths/plan-paths.js'
import { pathProblem } from '../emulator/server.js'

const normalize = (value: string): string => normalizeItem(value, { input: 'paths' }, 1)
const plan = (values: string[], options: PathOptions = {}) =>
  planPaths(
    [
      listSource(
        'paths',
        values.map((value, index) => [value, index + 1] as const)
      )
    ],
    options
  )

/** The bytes a path stands for: %XX escapes as bytes, every other character as its UTF-8. */
function bytesOf(path: string): Buffer {
  const parts = path.split(/(%[0-9A-Fa-f]{2})/)
  return Buffer.concat(
    parts.map(p => (/^%[0-9A-Fa-f]{2}$/.test(p) ? Buffer.from([parseInt(p.slice(1), 16)]) : Buffer.from(p, 'utf8')))
  )
}

describe('normalizeItem', () => {
  it.each([
    ['index.html', '/index.html'],
    ['/a b.html', '/a%20b.html'],
    ['/caf\u00e9.html', '/caf%C3%A9.html'],
    ['/\u65e5\u672c/\u{1f600}.png', '/%E6%97%A5%E6%9C%AC/%F0%9F%98%80.png'],
    ['/a%20b.html', '/a%20b.html'],
    ['/100%.html', '/100%25.html'],
    ['/%zz', '/%25zz'],
    ['/a"b<c>d{e}f|g^i~j[k]l`m', '/a%22b%3Cc%3Ed%7Be%7Df%7Cg%5Ei%7Ej%5Bk%5Dl%60m'],
    ['/page#section', '/page%23section'],
    ['/search?q=1&r=2', '/search?q=1&r=2'],
    ['/images/*', '/images/*'],
    ['*', '/*'],
    ["/a-b_c.d!$&'()+,;=:@", "/a-b_c.d!$&'()+,;=:@"],
    ['#product-42', '#product-42'],
    // Not a pasted shape: a name in brackets, an apostrophe inside a name.
    ['[slug].html', '/%5Bslug%5D.html'],
    ['a["b"]', '/a%5B%22b%22%5D'],
    ['a[b,c]', '/a%5Bb,c%5D'],
    ['[a,b]x.html', '/%5Ba,b%5Dx.html'],
    ['docs/./a.html', '/docs/./a.html'],
    ["it's.html", "/it's.html"]
  ])('%s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected)
  })

  it('never encodes "*" (CloudFront would take %2A literally)', () => {
    expect(normalize('/caf\u00e9/*')).toBe('/caf%C3%A9/*')
  })

  // Shapes people paste, which sent as they are would be paths that match nothing: each refused with the fix.
  it.each([
    ['./index.html', "is relative to a folder; paths are URL paths from the site's root: give /index.html."],
    ['../../docs/a.html', 'give /docs/a.html.'],
    ['\\assets\\app.css', 'holds a backslash; URL paths are separated by "/": give /assets/app.css'],
    ['/assets\\app.css', 'give /assets/app.css (a backslash that is part of a name is written %5C).'],
    ['"/index.html"', 'is in quotes: give the path without them (/index.html)'],
    ["'/index.html'", 'is in quotes: give the path without them (/index.html)'],
    ['"/index.html', 'starts with a quote: give the path without it (/index.html)'],
    ['/index.html"', 'ends with a quote: give the path without it (/index.html)'],
    ['- /index.html', 'is a YAML list item: give the path alone (/index.html).'],
    ['["/index.html","/about.html"]', 'is a bracketed list: give one path per line'],
    ['[ "/index.html" ]', 'is a bracketed list'],
    ["[a,'b']", 'is a bracketed list'],
    ['"', 'starts with a quote: give the path without it (/), or start it with / if the quote is part of its name'],
    ['-  /index.html', 'is a YAML list item: give the path alone (/index.html).'],
    // A JSON array split over the lines of a paths-file, and lists in brackets.
    ['["/index.html",', 'is a bracketed list'],
    ['[ "/about.html",', 'is a bracketed list'],
    ['[ab,cd]', 'is a bracketed list'],
    ['[a,bc]', 'is a bracketed list']
  ])('refuses %s with the fix', (input, fix) => {
    expect(() => normalize(input)).toThrow(fix)
  })

  it('still encodes a quote or a backslash that is part of a key (sync-log)', () => {
    expect(keyToPath('a\\b".html')).toBe('/a%5Cb%22.html')
  })
})

describe('planPaths', () => {
  it('drops duplicates and paths a wildcard covers, and says how many', () => {
    const result = plan(['/a.html', '/a.html', 'a.html', '/assets/*', '/assets/app.js', '/assets/img/*', '/other.js'])
    expect(result.items.sort()).toEqual(['/a.html', '/assets/*', '/other.js'])
    expect(result).toMatchObject({ given: 7, duplicates: 2, coveredByWildcard: 2, reduction: undefined })
  })

  it('/* covers every path but not cache tags', () => {
    expect(plan(['/a', '/b/*', '/*', '#tag']).items.sort()).toEqual(['#tag', '/*'])
  })

  it('a partial-name wildcard covers what starts with it', () => {
    expect(plan(['/app*', '/app.js', '/apple/x', '/ap.js']).items.sort()).toEqual(['/ap.js', '/app*'])
  })

  it('falls back to /* past max-paths when no directory wildcard helps', () => {
    const result = plan(['/a', '/b', '/c'], { maxPaths: 2 })
    expect(result.items).toEqual(['/*'])
    expect(result.reduction).toMatchObject({ from: 3, fellBackToRoot: true, wildcards: [] })
    expect(plan(['/a', '/b'], { maxPaths: 2 }).items).toEqual(['/a', '/b'])
  })

  it('past max-paths, replaces a directory by a wildcard before falling back to /*', () => {
    const result = plan(['/a', '/js/1.js', '/js/2.js', '/js/3.js'], { maxPaths: 2 })
    expect(result.items).toEqual(['/js/*', '/a'])
    expect(result.reduction).toMatchObject({
      from: 4,
      fellBackToRoot: false,
      wildcards: [{ path: '/js/*', replaced: 3 }]
    })
  })

  it('adds the directory URL of each index document, from every source, once', () => {
    const result = plan(['/blog/index.html', '/index.html', 'docs/index.html', '/blog/', '/a/index.htm', '/x/*'], {
      indexDocument: 'index.html'
    })
    expect(result.items).toEqual([
      '/blog/index.html',
      '/blog/',
      '/index.html',
      '/',
      '/docs/index.html',
      '/docs/',
      '/a/index.htm',
      '/x/*'
    ])
    expect(result).toMatchObject({ given: 6, directoryUrls: 3, duplicates: 1 })
    expect(plan(['/blog/index.html'], { indexDocument: '' }).items).toEqual(['/blog/index.html'])
    expect(plan(['/blog/default.htm'], { indexDocument: 'default.htm' }).items).toEqual(['/blog/default.htm', '/blog/'])
  })

  // Paths as they come from an S3 sync: any characters, some wildcards.
  const messyPath = fc.oneof(
    // Without what a path never holds: control characters, "*" mid-path, backslashes, a closing quote.
    fc
      .string({ unit: 'grapheme', maxLength: 20 })
      .map(s => `/${s.replace(/[\u0000-\u001f\u007f*\\]/g, '').replace(/"+$/, '')}`),
    fc
      .constantFrom('/', '/a', '/a/', '/assets/', '/caf\u00e9/')
      .chain(prefix => fc.string({ maxLength: 5 }).map(s => `${prefix}${s.replace(/[\u0000-\u001f\u007f*\\]/g, '')}*`))
  )

  it('property: every given path is sent or covered by a sent wildcard', () => {
    fc.assert(
      fc.property(fc.array(messyPath, { maxLength: 60 }), paths => {
        const sent = plan(paths).items
        const wildcards = sent.filter(s => s.endsWith('*')).map(s => s.slice(0, -1))
        for (const path of paths) {
          const normalized = normalize(path)
          const covered = sent.includes(normalized) || wildcards.some(w => normalized.startsWith(w))
          expect(covered).toBe(true)
        }
        expect(new Set(sent).size).toBe(sent.length)
      })
    )
  })

  it('property: nothing is encoded twice, and CloudFront would take every item', () => {
    fc.assert(
      fc.property(fc.oneof(messyPath, fc.constantFrom('/a/%A0*', '/%zz', '/100%', '/%2541')), path => {
        const once = normalize(path)
        expect(encodePath(once)).toBe(once)
        expect(pathProblem(once)).toBeUndefined()
        // Decoding gives back the bytes that were meant (a kept %XX is a byte, not necessarily UTF-8).
        expect(bytesOf(once)).toEqual(bytesOf(path.startsWith('/') ? path : `/${path}`))
      })
    )
  })

  // Paths over a tiny alphabet share long prefixes, so the trie's edges are split in every way.
  const prefixHeavyPath = fc
    .tuple(fc.array(fc.constantFrom('a', 'b', 'ab', '/', 'ba/'), { maxLength: 8 }), fc.boolean())
    .map(([parts, wildcard]) => `/${parts.join('')}${wildcard ? '*' : ''}`)

  it('property: the trie keeps exactly what a pairwise check of every wildcard against every item keeps', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(prefixHeavyPath, messyPath), { maxLength: 80 }), paths => {
        const unique = [...new Set(paths.map(normalize))]
        const prefixes = unique.filter(i => i.endsWith('*')).map(w => w.slice(0, -1))
        const expected = unique.filter(
          item => !prefixes.some(prefix => item !== `${prefix}*` && item.startsWith(prefix))
        )
        expect(plan(paths).items.sort()).toEqual(expected.sort())
      })
    )
  })

  it('property: a sent wildcard is never covered by another sent wildcard', () => {
    fc.assert(
      fc.property(fc.array(messyPath, { maxLength: 40 }), paths => {
        const wildcards = plan(paths)
          .items.filter(s => s.endsWith('*'))
          .map(s => s.slice(0, -1))
        for (const a of wildcards) for (const b of wildcards) if (a !== b) expect(a.startsWith(b)).toBe(false)
      })
    )
  })
})
