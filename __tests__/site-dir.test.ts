import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, type Dirent } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readSiteDir, siteDirMismatch, type ReadFolder } from '../src/paths/site-dir.js'

describe('walking site-dir', () => {
  // The runner's user is often root, which reads any folder: the failures are what readdir throws.
  const failing = (where: string, code: string, message: string): ReadFolder => {
    return folder => {
      if (folder.endsWith(where)) throw Object.assign(new Error(`${code}: ${message}, scandir '${folder}'`), { code })
      return readdirSync(folder, { withFileTypes: true }) as Dirent[]
    }
  }
  const site = () => {
    const root = mkdtempSync(join(tmpdir(), 'site-walk-'))
    mkdirSync(join(root, 'docs', 'private'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '')
    writeFileSync(join(root, 'docs', 'private', 'a.html'), '')
    return root
  }

  it('a folder that cannot be read is an input error naming site-dir and the folder inside it', () => {
    const walk = readSiteDir(site(), failing('private', 'EACCES', 'permission denied'))
    expect(() => walk.urlPaths()).toThrow(
      /^Input "site-dir": ".*" could not be walked at docs\/private inside it \(EACCES: permission denied, scandir '.*private'\): every folder under it must be readable/
    )
  })

  it('a folder that vanishes while walked: the same, with what readdir said', () => {
    const walk = readSiteDir(site(), failing('docs', 'ENOENT', 'no such file or directory'))
    expect(() => walk.urlPaths()).toThrow('could not be walked at docs inside it (ENOENT: no such file or directory')
  })

  it('the top folder removed after the check: named as its top folder', () => {
    const root = site()
    const walk = readSiteDir(root)
    rmSync(root, { recursive: true })
    expect(() => walk.urlPaths()).toThrow(/^Input "site-dir": ".*" could not be walked at its top folder \(.*ENOENT/)
  })

  it('a filesystem root is refused at once', () => {
    expect(() => readSiteDir('/')).toThrow('Input "site-dir": "/" is the root of the filesystem (/)')
  })
})

describe('readSiteDir', () => {
  it('lists every file below the folder as its URL path, sorted, encoded like a key; links to files and folders followed, once', () => {
    const root = mkdtempSync(join(tmpdir(), 'site-'))
    for (const file of [
      'index.html',
      'blog/index.html',
      'caf\u00e9/menu.html',
      'assets/img/logo small.png',
      '.well-known/x'
    ]) {
      mkdirSync(join(root, file, '..'), { recursive: true })
      writeFileSync(join(root, file), '')
    }
    mkdirSync(join(root, 'empty-dir'))
    symlinkSync(join(root, 'index.html'), join(root, 'home.html'))
    symlinkSync(join(root, 'nowhere.html'), join(root, 'dangling.html'))
    symlinkSync(join(root, 'blog'), join(root, 'news'))
    // A link back up to the root would loop: walked no further.
    symlinkSync(root, join(root, 'blog', 'loop'))
    const site = readSiteDir(root)
    expect(site.urlPaths()).toEqual([
      '/.well-known/x',
      '/assets/img/logo%20small.png',
      '/blog/index.html',
      '/caf%C3%A9/menu.html',
      '/home.html',
      '/index.html',
      '/news/index.html'
    ])
    // Read once, on first use.
    expect(site.urlPaths()).toBe(site.urlPaths())
  })

  it('siteDirMismatch: most changed files not in the folder (deleted ones, wildcards, directory URLs and tags aside)', () => {
    const root = mkdtempSync(join(tmpdir(), 'site-'))
    mkdirSync(join(root, 'blog'))
    for (const file of ['index.html', 'blog/index.html', 'about.html']) writeFileSync(join(root, file), '')
    const site = readSiteDir(root)
    const deleted = new Set(['/old.html', '/older.html'])
    const items = ['/about.html', '/blog/', '/blog/index.html?x=1', '/img/*', '#tag', '/old.html', '/older.html']
    expect(siteDirMismatch(items, site, deleted)).toBeUndefined()
    expect(siteDirMismatch([...items, '/new.html'], site, deleted)).toBeUndefined()
    // One level too deep: none of the site's files are where the paths say.
    const blog = readSiteDir(join(root, 'blog'))
    expect(siteDirMismatch(items, blog, deleted)).toEqual({
      dir: join(root, 'blog'),
      missing: 2,
      of: 2,
      example: '/about.html'
    })
  })
})
