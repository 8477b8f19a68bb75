import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { splitIntoBatches } from '../src/requests/batches.js'
// CloudFront's quotas as its documentation states them, not src's copy: a shared misreading must fail here.
import { CLOUDFRONT_QUOTAS } from '../__fixtures__/fake-cloudfront.js'

const files = (n: number) => Array.from({ length: n }, (_, i) => `/f${i}.html`)
const wildcards = (n: number) => Array.from({ length: n }, (_, i) => `/w${i}/*`)

describe('splitIntoBatches', () => {
  it('keeps a small list in one request', () => {
    expect(splitIntoBatches(['/a', '/b/*'])).toEqual([{ items: ['/b/*', '/a'], wildcards: 1, files: 1 }])
  })

  it('splits 10,000 file paths into 4 requests of at most 3,000', () => {
    expect(splitIntoBatches(files(10_000)).map(b => b.items.length)).toEqual([3000, 3000, 3000, 1000])
  })

  it('puts at most 15 wildcards in a request', () => {
    expect(splitIntoBatches(wildcards(40)).map(b => b.wildcards)).toEqual([15, 15, 10])
  })

  it('fills the room beside the wildcards with file paths', () => {
    expect(splitIntoBatches([...wildcards(20), ...files(5990)]).map(b => [b.wildcards, b.files])).toEqual([
      [15, 2985],
      [5, 2995],
      [0, 10]
    ])
  })

  it('property: the fewest requests, none over the limits, each item exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 12_000 }), (w, f) => {
        const items = [...wildcards(w), ...files(f)]
        const batches = splitIntoBatches(items)
        expect(batches.length).toBe(Math.max(Math.ceil(w / 15), Math.ceil((w + f) / 3000)))
        for (const b of batches) {
          expect(b.items.length).toBeLessThanOrEqual(CLOUDFRONT_QUOTAS.pathsPerRequest)
          expect(b.wildcards).toBeLessThanOrEqual(CLOUDFRONT_QUOTAS.wildcardPathsInProgress)
          expect(b.files).toBeLessThanOrEqual(CLOUDFRONT_QUOTAS.filePathsInProgress)
          expect(b.items.filter(i => i.endsWith('*')).length).toBe(b.wildcards)
        }
        expect(batches.flatMap(b => b.items).sort()).toEqual([...items].sort())
      }),
      { numRuns: 60 }
    )
  })
})
