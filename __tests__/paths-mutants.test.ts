/**
 * Example tests that pin down what mutation testing (npm run mutate) found unchecked in the smaller
 * modules of src/paths/: how a paths-file is told from aws s3 output, the wildcard trie's edges, directory
 * URLs, and when planPaths reduces and trusts site-dir.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../src/errors.js'
import { readSettings } from '../src/inputs.js'
import { directoryUrl, indexDocumentSuffix } from '../src/paths/aliases.js'
import { readPathsFile } from '../src/paths/paths-file.js'
import { readNamedFiles } from '../src/paths/read-files.js'
import { planPaths } from '../src/paths/plan-paths.js'
import { PrefixTrie } from '../src/paths/prefix-trie.js'
import { readSiteDir, siteDirMismatch, type SiteDir } from '../src/paths/site-dir.js'
import type { PathSource } from '../src/paths/source.js'
import { setInputs } from '../__fixtures__/runner.js'

const dir = mkdtempSync(join(tmpdir(), 'paths-mutants-'))
let files = 0
const pathsFile = (content: string | Buffer): string => {
  const file = join(dir, `paths-${++files}.txt`)
  writeFileSync(file, content)
  return file
}
const lines = (file: string): [string, number][] => {
  const seen: [string, number][] = []
  readPathsFile(file).forEach((value, line) => seen.push([value, line]))
  return seen
}
const refusal = (file: string): string => {
  try {
    readPathsFile(file)
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  throw new Error(`${file} was accepted`)
}

describe('a paths-file that holds aws s3 output is refused', () => {
  it.each([
    ['an upload line, as --no-progress prints it', 'upload: site/a.html to s3://my-site-bucket/a.html'],
    ['a delete line', 'delete: s3://my-site-bucket/old.html'],
    ['a dry-run line', '(dryrun) upload: site/a.html to s3://my-site-bucket/a.html'],
    ['a failed upload', 'upload failed: site/a.html to s3://b/a.html'],
    ['a progress line alone', 'Completed 4 Bytes/~30 Bytes (40 Bytes/s) with ~9 file(s) remaining']
  ])('%s', (_, line) => {
    expect(refusal(pathsFile(`${line}\n`))).toContain(`holds aws s3 output, not paths (line 1: "${line}")`)
  })

  it('on any of the first 5 lines, named by its number', () => {
    const file = pathsFile('/index.html\n/a.html\n\n/b.html\nupload: site/c.html to s3://b/c.html\n')
    expect(refusal(file)).toContain('(line 5: "upload: site/c.html to s3://b/c.html")')
  })

  it('only the first 5 paths are looked at, so a million-path file is not read twice', () => {
    const file = pathsFile('/1\n/2\n/3\n/4\n/5\nupload: site/c.html to s3://b/c.html\n')
    expect(lines(file)).toHaveLength(6)
  })

  it('a path that holds "Completed 2" further on is a path', () => {
    expect(lines(pathsFile('/news/Completed 2 projects.html\n'))).toEqual([['/news/Completed 2 projects.html', 1]])
  })

  it('a file that starts with one byte of a byte order mark is not taken as UTF-16', () => {
    expect(refusal(pathsFile(Buffer.from([0xff, 0x2f, 0x61, 0x0a])))).toContain('is not UTF-8 text')
  })

  it("a UTF-8 path whose second byte is one of the UTF-8 byte order mark's keeps its first characters", () => {
    // \u00fb is C3 BB in UTF-8: BB is the mark's second byte.
    expect(lines(pathsFile('\u00fb.html\n'))).toEqual([['\u00fb.html', 1]])
  })

  it('a file that is not UTF-8 is refused with what it should hold', () => {
    expect(refusal(pathsFile(Buffer.from('/caf\xe9.html\n', 'latin1')))).toContain(
      'is not UTF-8 text: save it as UTF-8, one path per line.'
    )
  })
})

describe('PrefixTrie', () => {
  it('is empty until a prefix is added, the empty prefix too', () => {
    const trie = new PrefixTrie()
    expect(trie.isEmpty()).toBe(true)
    expect(trie.covers('/a')).toBe(false)
    trie.add('')
    expect(trie.isEmpty()).toBe(false)
  })

  it('the empty prefix (the wildcard "*") covers every item but itself', () => {
    const trie = new PrefixTrie()
    trie.add('')
    expect(trie.covers('/a')).toBe(true)
    expect(trie.covers('/a/*')).toBe(true)
    expect(trie.covers('*')).toBe(false)
  })

  it('prefixes that share a run split the edge where they part', () => {
    const trie = new PrefixTrie()
    trie.add('/assets/js/')
    trie.add('/assets/css/')
    trie.add('/about')
    expect(trie.covers('/assets/js/app.js')).toBe(true)
    expect(trie.covers('/assets/css/a.css')).toBe(true)
    expect(trie.covers('/about/team.html')).toBe(true)
    expect(trie.covers('/assets/img/a.png')).toBe(false)
    expect(trie.covers('/assets/')).toBe(false)
    expect(trie.covers('/assets/js/*')).toBe(false)
    expect(trie.covers('/assets/js/lib/*')).toBe(true)
  })
})

describe('aliases', () => {
  it('an empty index-document means no directory URLs', () => {
    expect(indexDocumentSuffix('')).toBeUndefined()
    expect(indexDocumentSuffix('index.html')).toBe('/index.html')
  })

  it('a cache tag that ends like an index document has no directory URL', () => {
    expect(directoryUrl('#blog/index.html', '/index.html')).toBeUndefined()
    expect(directoryUrl('/blog/index.html', '/index.html')).toBe('/blog/')
  })
})

describe('planPaths past max-paths', () => {
  /** A sync-log's source: its URL paths, and which of them the deploy deleted. */
  const syncLog = (items: string[], deleted: string[]): PathSource => ({
    input: 'sync-log',
    file: 'sync.log',
    normalized: true,
    forEach: visit => items.forEach((item, i) => visit(item, i + 1)),
    deletedPaths: () => deleted
  })
  const site = (urlPaths: string[]): SiteDir => ({ dir: 'public', urlPaths: () => urlPaths })

  it('at exactly max-paths nothing is reduced', () => {
    const plan = planPaths([syncLog(['/a/1', '/a/2', '/a/3'], [])], { maxPaths: 3 })
    expect(plan.items).toEqual(['/a/1', '/a/2', '/a/3'])
    expect(plan.reduction).toBeUndefined()
  })

  it('deleted objects are not looked for in site-dir: a folder that holds the others is trusted', () => {
    const source = syncLog(['/a/1', '/a/2', '/a/3', '/b/1', '/b/2'], ['/a/1', '/a/2', '/a/3'])
    const plan = planPaths([source], { maxPaths: 4, site: site(['/b/1', '/b/2', '/b/3']) })
    expect(plan.siteDirMismatch).toBeUndefined()
    // /a/* refreshes nothing that is still there; /b/* would refresh /b/3.
    expect(plan.items).toEqual(['/a/*', '/b/1', '/b/2'])
    expect(plan.reduction?.unchangedRefreshed).toBe(0)
  })

  it('a site-dir that holds few of the changed files is reported, and the wildcards are chosen without it', () => {
    const plan = planPaths([syncLog(['/a/1', '/a/2', '/b/1', '/b/2'], [])], { maxPaths: 3, site: site(['/c/1']) })
    expect(plan.siteDirMismatch).toEqual({ dir: 'public', missing: 4, of: 4, example: '/a/1' })
    expect(plan.reduction?.unchangedRefreshed).toBeUndefined()
  })
})

describe('readNamedFiles', () => {
  const sourcesOf = (inputs: Record<string, string>): [string, [string, number][]][] => {
    const restoreEnv = setInputs({ 'distribution-id': 'EDFDVBD632BHDS5', ...inputs })
    try {
      return readNamedFiles(readSettings()).sources.map(source => {
        const seen: [string, number][] = []
        source.forEach((value, line) => seen.push([value, line]))
        return [source.input, seen]
      })
    } finally {
      restoreEnv()
    }
  }

  it('nothing given is the one default, /*', () => {
    expect(sourcesOf({})).toEqual([['default', [['/*', 0]]]])
  })

  it('paths, then the paths-file, and no default', () => {
    expect(sourcesOf({ paths: '/a.html', 'paths-file': pathsFile('/b.html\n') })).toEqual([
      ['paths', [['/a.html', 1]]],
      ['paths-file', [['/b.html', 1]]]
    ])
  })
})

describe('site-dir', () => {
  it('half the changed files missing is not yet a mismatch; more than half is', () => {
    const site = { dir: 'public', urlPaths: () => ['/a.html'] }
    expect(siteDirMismatch(['/a.html', '/b.html'], site, new Set())).toBeUndefined()
    expect(siteDirMismatch(['/a.html', '/b.html', '/c.html'], site, new Set())).toEqual({
      dir: 'public',
      missing: 2,
      of: 3,
      example: '/b.html'
    })
  })

  it('a link back to its own folder is walked once, as aws s3 sync follows it', () => {
    const root = mkdtempSync(join(tmpdir(), 'site-links-'))
    mkdirSync(join(root, 'y'))
    writeFileSync(join(root, 'y', 'a.html'), '')
    symlinkSync(join(root, 'y'), join(root, 'y', 'again'))
    expect(readSiteDir(root).urlPaths()).toEqual(['/y/a.html', '/y/again/a.html'])
  })
})
