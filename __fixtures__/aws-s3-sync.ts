import { join } from 'node:path'
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
