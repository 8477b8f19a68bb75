import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readSiteDir } from '../src/paths/site-dir.js'

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
})
