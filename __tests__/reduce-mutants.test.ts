/**
 * Example tests that pin down what mutation testing (npm run mutate) found unchecked in
 * src/paths/reduce.ts: the tie-breaks of the choice, query strings, what a given wildcard costs, a folder
 * with several ways to treat it, and the pruning of folders that cannot be worth a wildcard.
 */
import { describe, expect, it } from '@jest/globals'
import { reduceToMaxPaths } from '../src/paths/reduce.js'

const files = (dir: string, names: readonly (string | number)[]) => names.map(name => `${dir}${name}`)
const paths = (result: ReturnType<typeof reduceToMaxPaths>) => result.reduction.wildcards.map(w => w.path)

describe('the choice', () => {
  it('at equal unchanged files refreshed and paths sent, one wildcard is taken over two', () => {
    // /a/* (3 paths, 2 unchanged) and /b/* + /c/* (2 + 2 paths, 1 + 1 unchanged) both leave 5 paths and
    // refresh 2 unchanged files: the one with fewer wildcards wins.
    const items = [...files('/a/', [1, 2, 3]), ...files('/b/', [1, 2]), ...files('/c/', [1, 2])]
    const site = [...items, '/a/u1', '/a/u2', '/b/u', '/c/u'].sort()
    const { items: sent, reduction } = reduceToMaxPaths(items, 5, site)
    expect(sent).toEqual(['/a/*', '/b/1', '/b/2', '/c/1', '/c/2'])
    expect(reduction).toEqual({
      from: 7,
      wildcards: [{ path: '/a/*', replaced: 3, unchanged: 2 }],
      fellBackToRoot: false,
      unchangedRefreshed: 2,
      siteFiles: 11
    })
  })

  it('a "/" in a query string makes no folder: /a/p?r=/1 lies in /a/', () => {
    // Were /a/p?r=/ (or /a/p) a folder of two paths, its narrower wildcard would be taken over /a/*.
    const items = ['/a/p?r=/1', '/a/p?r=/2', '/a/q', '/b/1', '/b/2']
    expect(reduceToMaxPaths(items, 4, undefined).items).toEqual(['/a/*', '/b/1', '/b/2'])
  })

  it('a folder whose subfolders are each worth a wildcard, and not the folder itself, gets one per subfolder', () => {
    // /a/* would refresh the unchanged /a/u; /a/b/* and /a/c/* refresh nothing unchanged.
    const items = [...files('/a/b/', [1, 2]), ...files('/a/c/', [1, 2]), '/z']
    const { items: sent, reduction } = reduceToMaxPaths(items, 3, [...items, '/a/u'].sort())
    expect(sent).toEqual(['/a/b/*', '/a/c/*', '/z'])
    expect(reduction.unchangedRefreshed).toBe(0)
  })

  it('a given wildcard that is not a folder counts what it refreshes, and a wider wildcard may replace it', () => {
    // Kept, /a/img* refreshes 2 unchanged images: with /b/* that is 4; /a/* instead refreshes 3.
    const items = ['/a/img*', '/a/x', '/a/y', '/b/1', '/b/2']
    const site = ['/a/img1.png', '/a/img2.png', '/a/x', '/a/y', '/a/z', '/b/1', '/b/2', '/b/3', '/b/4']
    const { items: sent, reduction } = reduceToMaxPaths(items, 4, site)
    expect(sent).toEqual(['/a/*', '/b/1', '/b/2'])
    expect(reduction.wildcards).toEqual([{ path: '/a/*', replaced: 3, unchanged: 3 }])
    expect(reduction.unchangedRefreshed).toBe(3)
  })

  it('the given wildcards kept are counted in the unchanged files refreshed', () => {
    const items = ['/a/img*', '/b/1', '/b/2', '/b/3']
    const site = ['/a/img1.png', '/a/img2.png', '/b/1', '/b/2', '/b/3']
    const { items: sent, reduction } = reduceToMaxPaths(items, 2, site)
    expect(sent).toEqual(['/b/*', '/a/img*'])
    expect(reduction.unchangedRefreshed).toBe(2)
  })
})

describe('many folders of one level: which are tried for a wildcard', () => {
  // 16 folders of 3 changed files and 1 unchanged (a wildcard saves 2 paths and refreshes 1 file), and
  // 20 folders of 2 changed files (a wildcard saves 1 path and refreshes nothing).
  const big = Array.from({ length: 16 }, (_, i) => files(`/b${i}/`, [1, 2, 3])).flat()
  const small = Array.from({ length: 20 }, (_, i) => files(`/s${i}/`, [1, 2])).flat()
  const site = [...big, ...small, ...Array.from({ length: 16 }, (_, i) => `/b${i}/u`)].sort()

  it('when 10 paths must go, 15 folders that refresh nothing are taken, though the first 15 listed save more', () => {
    const result = reduceToMaxPaths([...big, ...small], 78, site)
    expect(result.reduction.unchangedRefreshed).toBe(0)
    expect(paths(result)).toHaveLength(15)
    expect(paths(result).every(path => path.startsWith('/s'))).toBe(true)
    expect(result.items).toHaveLength(88 - 15)
  })

  it('when 20 must go, folders that save more are still tried though 15 cheaper ones came first', () => {
    // 15 wildcards save 20 paths only with 5 of the big folders: 5 unchanged files refreshed.
    const result = reduceToMaxPaths([...small, ...big], 68, site)
    expect(result.reduction.unchangedRefreshed).toBe(5)
    expect(paths(result).filter(path => path.startsWith('/b'))).toHaveLength(5)
    expect(paths(result)).toHaveLength(15)
    expect(result.items).toHaveLength(68)
    expect(result.reduction.fellBackToRoot).toBe(false)
  })

  it('the wildcards come first, in code-unit order of their paths, then the paths kept in the order given', () => {
    const result = reduceToMaxPaths([...big, ...small], 78, site)
    const wildcards = paths(result)
    expect(wildcards).toEqual([...wildcards].sort())
    expect(wildcards.slice(0, 3)).toEqual(['/s0/*', '/s1/*', '/s10/*'])
    expect(result.items.slice(0, 15)).toEqual(wildcards)
    expect(result.items.slice(15)).toEqual(
      [...big, ...small].filter(item => !wildcards.some(w => item.startsWith(w.slice(0, -1))))
    )
  })
})

describe('past 24 ways to treat a folder, the ways kept are thinned, keeping both ends', () => {
  // /x/ holds 30 folders; folder i has i + 2 changed files and i unchanged: each wildcard over one saves
  // more paths and refreshes more unchanged files than the one before, so no way beats another.
  const items = Array.from({ length: 30 }, (_, i) =>
    files(
      `/x/s${i}/`,
      Array.from({ length: i + 2 }, (_, f) => f)
    )
  ).flat()
  const unchanged = Array.from({ length: 30 }, (_, i) =>
    files(
      `/x/s${i}/u`,
      Array.from({ length: i }, (_, u) => u)
    )
  ).flat()
  const site = [...items, ...unchanged].sort()

  it('the way that refreshes the least is kept: one path to save takes the folder with nothing unchanged', () => {
    const result = reduceToMaxPaths(items, items.length - 1, site)
    expect(paths(result)).toEqual(['/x/s0/*'])
    expect(result.reduction.unchangedRefreshed).toBe(0)
  })

  it('the way that sends the fewest paths is kept: one path allowed takes /x/*, not /*', () => {
    const result = reduceToMaxPaths(items, 1, site)
    expect(result.items).toEqual(['/x/*'])
    expect(result.reduction.fellBackToRoot).toBe(false)
    expect(result.reduction.unchangedRefreshed).toBe(unchanged.length)
  })

  it('between the ends the choice still fits and covers every path', () => {
    const result = reduceToMaxPaths(items, items.length - 30, site)
    const wildcards = paths(result)
    expect(result.items.length).toBeLessThanOrEqual(items.length - 30)
    expect(wildcards.length).toBeGreaterThan(0)
    for (const item of items) {
      expect(result.items.includes(item) || wildcards.some(w => item.startsWith(w.slice(0, -1)))).toBe(true)
    }
  })
})
