/**
 * The smart max-paths: directory wildcards before /*, never more than max-paths paths or 15 wildcards,
 * every given path still covered, and with a site tree the choice that refreshes the fewest unchanged
 * files (checked against every possible choice on small trees).
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { MAX_WILDCARDS, reduceToMaxPaths } from '../src/paths/reduce.js'

const isWildcard = (item: string) => item.endsWith('*')
const covers = (wildcard: string, item: string) => isWildcard(wildcard) && item.startsWith(wildcard.slice(0, -1))

/** Every given item is in the result or under one of its wildcards. */
function allCovered(given: readonly string[], result: readonly string[]): boolean {
  const sent = new Set(result)
  return given.every(item => sent.has(item) || result.some(w => w !== item && covers(w, item)))
}

/** Files of the site, not among the given items, that the result's wildcards refresh. */
function unchangedRefreshed(result: readonly string[], given: readonly string[], site: readonly string[]): number {
  const changed = new Set(given)
  const wildcards = result.filter(isWildcard)
  return site.filter(file => !changed.has(file) && wildcards.some(w => covers(w, file))).length
}

describe('reduceToMaxPaths', () => {
  it('replaces the directory with the most paths, keeps the rest, and reports each wildcard', () => {
    const items = [
      ...Array.from({ length: 8 }, (_, i) => `/assets/js/${i}.js`),
      ...Array.from({ length: 3 }, (_, i) => `/assets/css/${i}.css`),
      '/index.html',
      '/'
    ]
    const { items: sent, reduction } = reduceToMaxPaths(items, 8, undefined)
    expect(sent).toEqual(['/assets/js/*', ...items.slice(8)])
    expect(reduction.wildcards).toEqual([{ path: '/assets/js/*', replaced: 8, unchanged: undefined }])
    expect(reduction.fellBackToRoot).toBe(false)
  })

  it('without a site tree, prefers the narrower of two directories that both fit', () => {
    const items = [...Array.from({ length: 6 }, (_, i) => `/a/b/${i}`), '/a/x']
    expect(reduceToMaxPaths(items, 3, undefined).items).toEqual(['/a/b/*', '/a/x'])
  })

  it('with a site tree, avoids a directory full of unchanged files even when it would cut more paths', () => {
    // /docs/ has 4 changed and 100 unchanged files; /img/a/ and /img/b/ have only changed files.
    const docs = Array.from({ length: 4 }, (_, i) => `/docs/p${i}.html`)
    const imgA = Array.from({ length: 3 }, (_, i) => `/img/a/${i}.png`)
    const imgB = Array.from({ length: 3 }, (_, i) => `/img/b/${i}.png`)
    const site = [...docs, ...imgA, ...imgB, ...Array.from({ length: 100 }, (_, i) => `/docs/old${i}.html`)].sort()
    const items = [...docs, ...imgA, ...imgB]
    const { items: sent, reduction } = reduceToMaxPaths(items, 6, site)
    expect(sent).toEqual(['/img/*', ...docs])
    expect(reduction.unchangedRefreshed).toBe(0)
    expect(reduction.wildcards).toEqual([{ path: '/img/*', replaced: 6, unchanged: 0 }])
    // Without the site tree, /docs/ looks as good as any other directory.
    expect(unchangedRefreshed(reduceToMaxPaths(items, 2, site).items, items, site)).toBeGreaterThan(0)
  })

  it('never uses more than 15 wildcards: falls back to /* when 15 are not enough', () => {
    // 20 directories of 2 files each, at most 20 paths: 15 wildcards leave 15 + 10 = 25.
    const items = Array.from({ length: 40 }, (_, i) => `/d${Math.floor(i / 2)}/f${i % 2}`)
    const { items: sent, reduction } = reduceToMaxPaths(items, 20, undefined)
    expect(sent).toEqual(['/*'])
    expect(reduction.fellBackToRoot).toBe(true)
    expect(reduceToMaxPaths(items, 25, undefined).items.filter(isWildcard)).toHaveLength(15)
  })

  it('counts given wildcards toward the 15, and may replace them by a wider one', () => {
    const given = Array.from({ length: 15 }, (_, i) => `/lib/m${i}/*`)
    const { items: sent } = reduceToMaxPaths([...given, '/a/1', '/a/2'], 16, undefined)
    // /a/* would be a 16th wildcard: /lib/* replaces the 15 instead.
    expect(sent).toEqual(['/lib/*', '/a/1', '/a/2'])
  })

  it('among thousands of folders of two paths, takes the ones that refresh the fewest unchanged files', () => {
    // 2,000 posts, each index.html + its directory URL; post i holds i % 97 unchanged images.
    const items = Array.from({ length: 2000 }, (_, i) => [`/blog/p${i}/index.html`, `/blog/p${i}/`]).flat()
    const site = Array.from({ length: 2000 }, (_, i) => [
      `/blog/p${i}/index.html`,
      ...Array.from({ length: i % 97 }, (_, j) => `/blog/p${i}/img${j}.png`)
    ])
      .flat()
      .sort()
    // 5 wildcards are needed; 21 posts (every 97th) hold no unchanged image, so every wildcard is one of
    // those, and as they cost nothing, all 15 allowed are used to send the fewest paths.
    const { items: sent, reduction } = reduceToMaxPaths(items, items.length - 5, site)
    expect(reduction.unchangedRefreshed).toBe(0)
    expect(reduction.wildcards).toHaveLength(15)
    for (const w of reduction.wildcards) expect(Number(/p(\d+)/.exec(w.path)?.[1]) % 97).toBe(0)
    expect(sent).toHaveLength(items.length - 15)
    // 16 are more than 15 wildcards over posts can save: /blog/* then, still not /*.
    const wider = reduceToMaxPaths(items, items.length - 16, site).reduction
    expect(wider.wildcards.map(w => w.path)).toEqual(['/blog/*'])
    expect(wider.fellBackToRoot).toBe(false)
  })

  it('leaves cache tags alone: no directory wildcard covers them', () => {
    const items = ['#product-1', '#product-2', '/p/1', '/p/2', '/p/3']
    expect(reduceToMaxPaths(items, 3, undefined).items).toEqual(['/p/*', '#product-1', '#product-2'])
  })

  it('keeps directory URLs and query strings under the directory they belong to', () => {
    const items = ['/blog/', '/blog/index.html', '/blog/a/', '/blog/a/index.html', '/search?q=a/b']
    expect(reduceToMaxPaths(items, 2, undefined).items).toEqual(['/blog/*', '/search?q=a/b'])
  })
})

// Small trees: a few directories, a site of files, some of them changed, a few deleted.
const segment = fc.constantFrom('a', 'b', 'c')
const fileName = fc.constantFrom('1.html', '2.css', 'index.html')
const sitePath = fc
  .tuple(fc.array(segment, { maxLength: 3 }), fileName)
  .map(([dirs, name]) => `/${[...dirs, name].join('/')}`)
const scenario = fc
  .record({
    site: fc.uniqueArray(sitePath, { minLength: 1, maxLength: 14 }),
    changedMask: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    deleted: fc.uniqueArray(sitePath, { maxLength: 3 }),
    wildcards: fc.uniqueArray(
      fc.array(segment, { minLength: 1, maxLength: 2 }).map(dirs => `/${dirs.join('/')}/*`),
      { maxLength: 2 }
    ),
    maxFraction: fc.double({ min: 0.05, max: 1, noNaN: true })
  })
  .map(({ site, changedMask, deleted, wildcards, maxFraction }) => {
    const sorted = [...site].sort()
    const files = [...sorted.filter((_, i) => changedMask[i]), ...deleted.filter(d => !site.includes(d))]
    // As planPaths hands them over: nothing covered by a given wildcard, no duplicates.
    const keptWildcards = wildcards.filter(w => !wildcards.some(o => o !== w && covers(o, w)))
    const items = [...new Set([...keptWildcards, ...files.filter(f => !keptWildcards.some(w => covers(w, f)))])]
    return { site: sorted, items, maxPaths: Math.max(1, Math.floor(items.length * maxFraction)) }
  })
  .filter(({ items, maxPaths }) => items.length > maxPaths)

/** Every directory a path of the list lies in, but the root. */
function directoriesOf(items: readonly string[]): string[] {
  const dirs = new Set<string>()
  for (const item of items) {
    const parts = item.split('/').slice(1, -1)
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}/`)
  }
  return [...dirs]
}

/** The result of choosing `dirs` as wildcards. */
function choose(items: readonly string[], dirs: readonly string[]): string[] {
  const top = dirs.filter(d => !dirs.some(o => o !== d && d.startsWith(o)))
  return [...top.map(d => `${d}*`), ...items.filter(item => !top.some(d => item.startsWith(d)))]
}

describe('property: the reduction is safe and, on small trees, the best there is', () => {
  it('every given path stays covered; at most max-paths paths and 15 wildcards, or /*', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ site, items, maxPaths }, withSite) => {
        const { items: sent, reduction } = reduceToMaxPaths(items, maxPaths, withSite ? site : undefined)
        expect(allCovered(items, sent)).toBe(true)
        if (reduction.fellBackToRoot) {
          expect(sent).toEqual(['/*'])
        } else {
          expect(sent.length).toBeLessThanOrEqual(maxPaths)
          expect(sent.filter(isWildcard).length).toBeLessThanOrEqual(MAX_WILDCARDS)
          const replaced = reduction.wildcards.reduce((n, w) => n + w.replaced, 0)
          expect(sent.length).toBe(items.length - replaced + reduction.wildcards.length)
        }
      }),
      { numRuns: 500 }
    )
  })

  it('with a site tree, no choice of directories that fits refreshes fewer unchanged files, or as few with fewer paths', () => {
    fc.assert(
      fc.property(scenario, ({ site, items, maxPaths }) => {
        const { items: sent, reduction } = reduceToMaxPaths(items, maxPaths, site)
        const dirs = directoriesOf(items)
        let best: { unchanged: number; paths: number } | undefined
        for (let mask = 1; mask < 1 << dirs.length; mask++) {
          const result = choose(
            items,
            dirs.filter((_, i) => mask & (1 << i))
          )
          if (result.length > maxPaths || result.filter(isWildcard).length > MAX_WILDCARDS) continue
          const score = { unchanged: unchangedRefreshed(result, items, site), paths: result.length }
          if (
            !best ||
            score.unchanged < best.unchanged ||
            (score.unchanged === best.unchanged && score.paths < best.paths)
          ) {
            best = score
          }
        }
        if (best === undefined) {
          expect(reduction.fellBackToRoot).toBe(true)
          return
        }
        expect(reduction.fellBackToRoot).toBe(false)
        expect({ unchanged: unchangedRefreshed(sent, items, site), paths: sent.length }).toEqual(best)
        expect(reduction.unchangedRefreshed).toBe(best.unchanged)
      }),
      { numRuns: 500 }
    )
  })
})
