import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { fits, holdingOf, mustCompleteFirst } from '../src/cloudfront/capacity.js'

// CloudFront's documented quotas (Developer Guide, "Quotas on invalidations"): in progress at one time
// on one distribution, at most 3,000 file paths and at most 15 wildcard paths. Typed here, not imported.
const FILES_IN_PROGRESS = 3000
const WILDCARDS_IN_PROGRESS = 15

const held = (id: string, wildcards: number, files: number) => ({ id, wildcards, files })

describe('holdingOf', () => {
  it('counts a path ending in * against the wildcards, every other path (a cache tag too) against the files', () => {
    expect(holdingOf(['/a/*', '/b.html', '/*', '#product-42', '/c%2A'])).toEqual({ wildcards: 2, files: 3 })
  })
})

describe('fits', () => {
  it('fits exactly up to 15 wildcards in progress, and not one more', () => {
    const inProgress = [held('A', 8, 0), held('B', 3, 0)]
    expect(fits({ wildcards: WILDCARDS_IN_PROGRESS - 11, files: 0 }, inProgress)).toBe(true)
    expect(fits({ wildcards: WILDCARDS_IN_PROGRESS - 10, files: 0 }, inProgress)).toBe(false)
  })

  it('fits exactly up to 3,000 file paths in progress, and not one more', () => {
    const inProgress = [held('A', 0, 2000), held('B', 15, 700)]
    expect(fits({ wildcards: 0, files: FILES_IN_PROGRESS - 2700 }, inProgress)).toBe(true)
    expect(fits({ wildcards: 0, files: FILES_IN_PROGRESS - 2699 }, inProgress)).toBe(false)
  })

  it('needs room of both kinds: wildcard room does not make up for file room', () => {
    expect(fits({ wildcards: 4, files: 300 }, [held('A', 0, 2800)])).toBe(false)
    expect(fits({ wildcards: 4, files: 300 }, [held('A', 12, 0)])).toBe(false)
    expect(fits({ wildcards: 4, files: 300 }, [held('A', 11, 2700)])).toBe(true)
  })

  it('a batch at both limits fits beside file paths up to 3,000, and beside no wildcard', () => {
    expect(fits({ wildcards: 15, files: 2985 }, [])).toBe(true)
    expect(fits({ wildcards: 15, files: 2985 }, [held('A', 0, 15)])).toBe(true)
    expect(fits({ wildcards: 15, files: 2985 }, [held('A', 0, 16)])).toBe(false)
    expect(fits({ wildcards: 15, files: 2985 }, [held('A', 1, 0)])).toBe(false)
  })
})

describe('mustCompleteFirst', () => {
  it('is empty when the batch fits now', () => {
    expect(mustCompleteFirst({ wildcards: 4, files: 300 }, [held('A', 4, 300), held('B', 4, 300)])).toEqual([])
  })

  it('the matrix: three jobs of 4 wildcards in progress, the fourth waits for the oldest only', () => {
    const inProgress = [held('A', 4, 300), held('B', 4, 300), held('C', 4, 300)]
    expect(mustCompleteFirst({ wildcards: 4, files: 300 }, inProgress).map(h => h.id)).toEqual(['A'])
  })

  it('skips the oldest when it holds only what the batch is not short of', () => {
    // Short of wildcards only (12 + 4 > 15); A holds file paths only, so its completion frees nothing needed.
    const inProgress = [held('A', 0, 100), held('B', 12, 0), held('C', 2, 0)]
    expect(mustCompleteFirst({ wildcards: 4, files: 0 }, inProgress).map(h => h.id)).toEqual(['B'])
  })

  it('wildcards and files mixed: each that frees a kind still short, oldest first, until both fit', () => {
    // Files: 2,900 + 10 + 300 > 3,000 (short by 210); wildcards: 0 + 12 + 4 > 15 (short by 1).
    const inProgress = [held('A', 0, 2900), held('B', 12, 10), held('C', 3, 0)]
    expect(mustCompleteFirst({ wildcards: 4, files: 300 }, inProgress).map(h => h.id)).toEqual(['A', 'B'])
  })

  it('stops taking file holders once the files fit, and takes on for the wildcards', () => {
    // Files short by 100 (A frees them); wildcards short by 3 (B frees 2, C the rest).
    const inProgress = [held('A', 0, 500), held('B', 2, 0), held('D', 0, 2400), held('C', 12, 0)]
    expect(mustCompleteFirst({ wildcards: 6, files: 200 }, inProgress).map(h => h.id)).toEqual(['A', 'B', 'C'])
  })

  it('names every helpful one when even all of them leave a batch over the limits short', () => {
    expect(mustCompleteFirst({ wildcards: 16, files: 0 }, [held('A', 1, 0), held('B', 0, 5)]).map(h => h.id)).toEqual([
      'A'
    ])
  })

  it('property: once they complete the batch fits, and without the last of them it would not', () => {
    const holding = fc.record({ wildcards: fc.integer({ min: 0, max: 15 }), files: fc.integer({ min: 0, max: 3000 }) })
    fc.assert(
      fc.property(
        fc.array(holding, { maxLength: 12 }),
        fc.record({ wildcards: fc.integer({ min: 0, max: 15 }), files: fc.integer({ min: 0, max: 3000 }) }),
        (inProgress, batch) => {
          const first = mustCompleteFirst(batch, inProgress)
          const after = inProgress.filter(h => !first.includes(h))
          expect(fits(batch, after)).toBe(true)
          if (first.length > 0) {
            expect(fits(batch, inProgress)).toBe(false)
            const withoutLast = inProgress.filter(h => !first.slice(0, -1).includes(h))
            expect(fits(batch, withoutLast)).toBe(false)
          }
          // Oldest first, in the order given.
          expect(first.map(h => inProgress.indexOf(h))).toEqual(
            [...first.map(h => inProgress.indexOf(h))].sort((a, b) => a - b)
          )
        }
      )
    )
  })
})
