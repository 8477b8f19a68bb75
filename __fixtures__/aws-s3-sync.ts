import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ROOT } from './runner.js'

/** The real `aws s3 sync` output the tests read (aws-s3-sync/README.md says how each was captured). */
export const CAPTURED = join(ROOT, '__fixtures__', 'aws-s3-sync')

/**
 * The URLs second-sync.log changes on a distribution that serves the bucket's root with index.html as
 * the index document: its 6 objects (4 uploaded, 2 deleted) and the 2 directory URLs of the index pages,
 * sorted. Several end-to-end tests expect them; one list keeps them in step with the capture.
 */
export const SECOND_SYNC_URLS: readonly string[] = [
  '/assets/%5Bdraft%5D.html',
  '/assets/app.3f2a.css',
  '/assets/app.77aa.css',
  '/blog/index.html',
  '/blog/',
  '/docs/getting%20started/faq.html',
  '/%E6%97%A5%E6%9C%AC/index.html',
  '/%E6%97%A5%E6%9C%AC/'
].sort()

/**
 * A small site as second-sync.log leaves it: the three pages an end-to-end test changes, and the other
 * objects the log uploads, so that a bucket folder holds what the sync-log says it does.
 */
export const SECOND_SYNC_SITE: Readonly<Record<string, string>> = {
  'index.html': '<h1>Home, version 2</h1>',
  'about.html': '<h1>About, version 2</h1>',
  'blog/index.html': '<h1>Blog, version 2</h1>',
  'assets/app.77aa.css': 'body { color: #77aa }',
  'docs/getting started/faq.html': '<h1>FAQ</h1>',
  '日本/index.html': '<h1>日本</h1>'
}

/** Replaces a folder with these files (paths relative to it): a bucket folder, or a deploy's site-dir. */
export function writeTree(folder: string, files: Readonly<Record<string, string>>): void {
  rmSync(folder, { recursive: true, force: true })
  for (const [key, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, key)), { recursive: true })
    writeFileSync(join(folder, key), text)
  }
}
