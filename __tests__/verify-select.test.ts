/** Which invalidated URLs verify asks, the sample past 100, and the file each URL should serve. */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { join } from 'node:path'
import { expectedFile, fileUnder } from '../src/verify/expected.js'
import { MAX_CHECKED, selectUrls } from '../src/verify/select.js'

describe('selectUrls', () => {
  it('asks file and directory URLs, never wildcards, cache tags or query strings', () => {
    const selection = selectUrls(['/index.html', '/', '/blog/', '/assets/*', '#product-42', '/search?q=a', '/a.css'])
    expect(selection).toEqual({ urls: ['/index.html', '/', '/blog/', '/a.css'], candidates: 4, skipped: 3 })
  })

  it('past the limit: a sample of exactly the limit, with / and every directory URL, the same on every run', () => {
    const files = Array.from({ length: 500 }, (_, i) => `/docs/page-${i}.html`)
    const items = [...files, '/docs/', '/', '/docs/deep/']
    const first = selectUrls(items)
    expect(first.urls).toHaveLength(MAX_CHECKED)
    expect(first.candidates).toBe(503)
    expect(first.urls.slice(0, 3)).toEqual(['/', '/docs/', '/docs/deep/'])
    expect(selectUrls([...items].reverse()).urls).toEqual(first.urls)
    // Spread over the list, not its first hundred.
    expect(first.urls.filter(url => Number(/(\d+)/.exec(url)?.[1]) >= 250).length).toBeGreaterThan(20)
  })

  it('property: a sample is a subset without duplicates, within the limit, keeping / and directories', () => {
    const url = fc.stringMatching(/^\/[a-z]{1,3}(\/[a-z]{0,3})?$/)
    fc.assert(
      fc.property(fc.uniqueArray(url, { maxLength: 300 }), fc.integer({ min: 1, max: 120 }), (items, max) => {
        const { urls } = selectUrls(items, max)
        expect(urls.length).toBe(Math.min(max, items.length))
        expect(new Set(urls).size).toBe(urls.length)
        expect(urls.every(u => items.includes(u))).toBe(true)
        const directories = items.filter(u => u.endsWith('/'))
        if (directories.length <= max) expect(directories.every(d => urls.includes(d))).toBe(true)
      })
    )
  })
})

describe('expectedFile', () => {
  const mapping = { indexDocument: 'index.html', defaultRootObject: '' }
  it('a file URL is its decoded path', () => {
    expect(expectedFile('/blog/post.html', mapping)).toBe('blog/post.html')
    expect(expectedFile('/caf%C3%A9%20menu.html', mapping)).toBe('café menu.html')
  })
  it('a directory URL is its index document; none without one', () => {
    expect(expectedFile('/blog/', mapping)).toBe('blog/index.html')
    expect(expectedFile('/blog/', { ...mapping, indexDocument: '' })).toBeUndefined()
  })
  it('/ is the default root object, else the index document', () => {
    expect(expectedFile('/', { indexDocument: 'index.html', defaultRootObject: 'home.html' })).toBe('home.html')
    expect(expectedFile('/', mapping)).toBe('index.html')
    expect(expectedFile('/', { indexDocument: '', defaultRootObject: '' })).toBeUndefined()
  })
  it('a malformed escape names no file', () => {
    expect(expectedFile('/100%zz.html', mapping)).toBeUndefined()
  })
  it('fileUnder never leaves the site folder', () => {
    expect(fileUnder('/site', 'a/b.html')).toBe(join('/site', 'a', 'b.html'))
    expect(fileUnder('/site', '../etc/passwd')).toBeUndefined()
    expect(fileUnder('/site', 'a/./b')).toBeUndefined()
  })
})
