// A large deploy's sync log in the AWS CLI's real format, for the benchmark (and for profiling by hand:
// npx tsx -e "import('./bench/sync-log-fixture.ts').then(m => console.log(m.writeSyncLog('/tmp', 100000)))").
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * What `aws s3 sync ./public s3://my-site-bucket --delete | tee sync.log` prints for a deploy of a large
 * site, in the CLI's real format (each upload after a progress line that ends in a carriage return,
 * padded with spaces, as in __fixtures__/aws-s3-sync/): hashed scripts, images in many folders, blog
 * posts (index documents), non-ASCII pages, and deleted old scripts. With `siteDir`, also writes the
 * site folder: every uploaded file and, for each, one that the deploy did not change.
 */
export function writeSyncLog(work: string, count: number, siteDir?: string): string {
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const hash = (i * 2654435761).toString(16).slice(-6)
    const key = [
      `assets/js/chunk-${i}.${hash}.js`,
      `assets/js/vendor-${i}.${hash}.js`,
      `assets/img/${i % 50}/photo ${i}.jpg`,
      `assets/img/${i % 50}/thumb-${i}.webp`,
      `blog/post-${i}/index.html`,
      `docs/${i % 200}/caf\u00e9-${i}.html`,
      `\u65e5\u672c/${i % 20}/${i}.html`,
      `assets/css/${hash}.css`,
      'delete',
      `feeds/${i}.xml`
    ][i % 10] as string
    const progress = `Completed ${i} KiB/~${count * 3} KiB (2.1 MiB/s) with ~${count - i} file(s) remaining (calculating...)\r`
    const printed =
      key === 'delete'
        ? `delete: s3://my-site-bucket/assets/js/chunk-${i}.old.js`
        : `upload: public/${key} to s3://my-site-bucket/${key}`
    lines.push(`${progress}${printed}${' '.repeat(i % 17)}`)
    if (siteDir && key !== 'delete') {
      for (const file of [key, key.replace(/(\.[a-z]+)$/, '-unchanged$1')]) {
        const path = join(siteDir, file)
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, '')
      }
    }
  }
  const file = join(work, `sync-${count}${siteDir ? '-site' : ''}.log`)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}
