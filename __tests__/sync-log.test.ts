/**
 * The sync-log reader, on real AWS CLI output (__fixtures__/aws-s3-sync/, unedited) and on lines written
 * here in the CLI's own formats for what those captures do not hold.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { keyToPath } from '../src/paths/normalize.js'
import { readSyncLogs, type SyncLogSource } from '../src/paths/sync-log.js'

const CAPTURED = fileURLToPath(new URL('../__fixtures__/aws-s3-sync/', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'sync-log-'))
let written = 0
function logFile(content: string | Buffer): string {
  const file = join(dir, `log-${written++}.txt`)
  writeFileSync(file, content)
  return file
}
const pathsOf = (source: SyncLogSource): string[] => {
  const paths: string[] = []
  source.forEach(value => paths.push(value))
  return paths
}
const read = (content: string, originPath = ''): SyncLogSource => readSyncLogs([logFile(content)], originPath)[0]!

describe('real aws s3 sync output', () => {
  it('first-sync.log: all 16 uploads, each after a carriage return, padding removed, keys encoded', () => {
    const [source] = readSyncLogs([join(CAPTURED, 'first-sync.log')], '')
    expect(pathsOf(source!)).toEqual([
      '/404.html',
      '/assets/100%25.txt',
      '/assets/app.3f2a.css',
      '/about.html',
      '/assets/%5Bdraft%5D.html',
      '/assets/tilde%7Efile.txt',
      '/assets/a+b.txt',
      '/assets/img/logo%20small.png',
      '/blog/index.html',
      '/caf%C3%A9/menu.html',
      '/%E6%97%A5%E6%9C%AC/index.html',
      '/assets/hash%231.txt',
      '/index.html',
      '/assets/app.9c1d.js',
      '/docs/getting%20started/index.html',
      '/blog/first-post/index.html'
    ])
    const { stats } = source!
    expect(stats.changed).toEqual({ upload: 16, copy: 0, move: 0, delete: 0 })
    expect(stats.skipped).toMatchObject({ failed: 0, warning: 0, other: 0, outsideOriginPath: 0 })
    // Every "Completed …" part before an upload, and the last one of each line.
    expect(stats.skipped.progress).toBe(31)
    expect([...stats.buckets]).toEqual(['my-site-bucket'])
    expect(source!.objects[0]).toBe('s3://my-site-bucket/404.html')
  })

  it('second-sync.log: the deletes and the uploads of a sync --delete', () => {
    const [source] = readSyncLogs([join(CAPTURED, 'second-sync.log')], '')
    expect(pathsOf(source!)).toEqual([
      '/assets/%5Bdraft%5D.html',
      '/assets/app.3f2a.css',
      '/assets/app.77aa.css',
      '/blog/index.html',
      '/docs/getting%20started/faq.html',
      '/%E6%97%A5%E6%9C%AC/index.html'
    ])
    expect(source!.stats.changed).toEqual({ upload: 4, copy: 0, move: 0, delete: 2 })
    expect(source!.deletedPaths()).toEqual(['/assets/%5Bdraft%5D.html', '/assets/app.3f2a.css'])
  })

  it('noprogress.log: --no-progress output', () => {
    const [source] = readSyncLogs([join(CAPTURED, 'noprogress.log')], '')
    expect(pathsOf(source!)).toEqual(['/zz.html'])
    expect(source!.stats.skipped.progress).toBe(0)
  })

  it('upload-failed.log (2>&1): the refused upload is kept to be quoted, the uploads that worked are taken', () => {
    const [source] = readSyncLogs([join(CAPTURED, 'upload-failed.log')], '')
    expect(pathsOf(source!)).toEqual(['/index.html', '/about.html', '/assets/app.css'])
    expect(source!.stats.skipped.failed).toBe(1)
    expect(source!.stats.failures).toEqual([
      'line 1: upload failed: site/assets/app.js to s3://my-site-bucket/assets/app.js An error occurred (AccessDenied) when calling the PutObject operation: Access Denied'
    ])
  })

  it('missing-bucket.log: a fatal error and nothing changed', () => {
    const [source] = readSyncLogs([join(CAPTURED, 'missing-bucket.log')], '')
    expect(pathsOf(source!)).toEqual([])
    expect(source!.stats.failures).toEqual([
      'line 1: fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist'
    ])
  })

  it('upload-failed-stdout.log (| tee alone): the same failed sync shows no failure, which is why the recipe adds 2>&1', () => {
    const [source] = readSyncLogs([join(CAPTURED, 'upload-failed-stdout.log')], '')
    expect(pathsOf(source!)).toEqual(['/about.html'])
    expect(source!.stats.failures).toEqual([])
  })

  it('several logs at once, each with its own counts', () => {
    const sources = readSyncLogs(
      ['first-sync.log', 'second-sync.log'].map(name => join(CAPTURED, name)),
      ''
    )
    expect(sources.map(s => pathsOf(s).length)).toEqual([16, 6])
  })
})

describe('lines of the CLI that the captures do not hold', () => {
  it('(dryrun), copy, and the three kinds of move', () => {
    const source = read(
      [
        '(dryrun) upload: site/a.html to s3://b/a.html',
        '(dryrun) delete: s3://b/old.html',
        'copy: s3://b/src/x.css to s3://b/dst/x.css',
        'move: site/local.txt to s3://b/moved-in.txt',
        'move: s3://b/from.txt to s3://b/to.txt',
        'move: s3://b/gone.txt to downloads/gone.txt'
      ].join('\n')
    )
    expect(pathsOf(source)).toEqual([
      '/a.html',
      '/old.html',
      '/dst/x.css',
      '/moved-in.txt',
      '/from.txt',
      '/to.txt',
      '/gone.txt'
    ])
    expect(source.stats.changed).toEqual({ upload: 1, copy: 1, move: 3, delete: 1 })
  })

  it('aws s3 rm and rm --recursive', () => {
    const source = read('delete: s3://b/one.html\ndelete: s3://b/dir/two.html\n')
    expect(pathsOf(source)).toEqual(['/one.html', '/dir/two.html'])
  })

  it('skips what changed nothing in S3, counting each reason', () => {
    const source = read(
      [
        'download: s3://b/x.html to site/x.html',
        'delete: site/stale.html',
        'upload failed: site/big.bin to s3://b/big.bin An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
        'delete failed: s3://b/locked.html An error occurred (AccessDenied)',
        'warning: Skipping file /site/link. File does not exist.',
        'fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation',
        'Completed 1 file(s) with 2 file(s) remaining',
        'upload: site/ok.html to s3://b/ok.html',
        'some other line',
        '+ aws s3 sync ./site s3://b'
      ].join('\n')
    )
    expect(pathsOf(source)).toEqual(['/ok.html'])
    expect(source.stats.skipped).toEqual({
      progress: 1,
      local: 2,
      failed: 3,
      warning: 1,
      outsideOriginPath: 0,
      other: 2
    })
    expect(source.stats.otherExamples).toEqual(['some other line', '+ aws s3 sync ./site s3://b'])
    // The first three failure lines are kept, with their line numbers, to be quoted.
    expect(source.stats.failures.map(f => f.slice(0, f.indexOf(':', 'line 3: '.length)))).toEqual([
      'line 3: upload failed',
      'line 4: delete failed',
      'line 6: fatal error'
    ])
  })

  it('keeps at most five examples of other lines, and counts all of them', () => {
    const others = Array.from({ length: 8 }, (_, i) => `noise ${i}`)
    const source = read(['upload: a to s3://b/a', ...others].join('\n'))
    expect(source.stats.skipped.other).toBe(8)
    expect(source.stats.otherExamples).toEqual(others.slice(0, 5))
  })

  it('CRLF line ends (a log written on Windows)', () => {
    const source = read('upload: site\\a.html to s3://b/a.html   \r\ndelete: s3://b/c d.html\r\n')
    expect(pathsOf(source)).toEqual(['/a.html', '/c%20d.html'])
  })

  it('a UTF-16 log with its byte order mark (PowerShell 5 Tee-Object)', () => {
    const text = 'upload: site\\caf\u00e9.html to s3://b/caf\u00e9.html\r\n'
    const file = logFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    expect(pathsOf(readSyncLogs([file], '')[0]!)).toEqual(['/caf%C3%A9.html'])
  })

  it('keys that hold " to ", "s3:" or " to s3://"', () => {
    const source = read(
      [
        'upload: site/how to s3.html to s3://b/how to s3.html',
        'upload: site/s3:/x.html to s3://b/s3:/x.html',
        'copy: s3://b/a to s3://b/x to s3://b/a to s3://b/x',
        'delete: s3://b/back to top.html',
        'move: s3://b/a to b.txt to ./x.txt'
      ].join('\n')
    )
    expect(pathsOf(source)).toEqual([
      '/how%20to%20s3.html',
      '/s3:/x.html',
      '/a%20to%20s3://b/x',
      '/back%20to%20top.html',
      '/a%20to%20b.txt'
    ])
  })

  it('a "*" in a key becomes a wildcard that covers it; a "%" is always a literal percent sign', () => {
    expect(pathsOf(read('upload: s/a*b.txt to s3://b/a*b.txt\nupload: s/a%20b to s3://b/a%20b'))).toEqual([
      '/a*',
      '/a%2520b'
    ])
  })

  it('an access point ARN as the bucket', () => {
    const source = read('upload: site/a.html to s3://arn:aws:s3:us-west-2:123456789012:accesspoint/site/a.html')
    expect(pathsOf(source)).toEqual(['/a.html'])
    expect([...source.stats.buckets]).toEqual(['arn:aws:s3:us-west-2:123456789012:accesspoint/site'])
  })
})

describe('origin-path', () => {
  it('strips the prefix from keys under it and counts the others as skipped', () => {
    const source = read(
      [
        'upload: site/index.html to s3://b/prod/index.html',
        'delete: s3://b/prod/blog/old.html',
        'upload: site/index.html to s3://b/staging/index.html',
        'upload: site/x to s3://b/production/x',
        'upload: site/x to s3://b/prod'
      ].join('\n'),
      'prod/'
    )
    expect(pathsOf(source)).toEqual(['/index.html', '/blog/old.html'])
    expect(source.stats.skipped.outsideOriginPath).toBe(3)
  })
})

describe('what is not a usable sync-log', () => {
  it('a non-empty file with no line of aws s3 output: an error that names the file', () => {
    const file = logFile('/index.html\n/about.html\n')
    expect(() => readSyncLogs([file], '')).toThrow(`Input "sync-log": "${file}" holds no line of aws s3 output`)
    // The command it suggests keeps the failure lines, which the CLI writes to standard error.
    expect(() => readSyncLogs([file], '')).toThrow(`Write it with \`aws s3 sync … 2>&1 | tee ${file}\``)
  })

  it('an empty log (a sync with nothing to do prints nothing) is no error: nothing changed', () => {
    for (const content of ['', '\n', '   \r\n']) expect(pathsOf(read(content))).toEqual([])
  })

  it('objects in two buckets: an error that names them', () => {
    const a = logFile('upload: site/a to s3://bucket-one/a')
    const b = logFile('delete: s3://bucket-two/b')
    expect(() => readSyncLogs([a, b], '')).toThrow('names objects in 2 buckets (bucket-one, bucket-two)')
  })

  it('a missing file or one that is not UTF-8', () => {
    expect(() => readSyncLogs([join(dir, 'nope.log')], '')).toThrow('Input "sync-log"')
    expect(() => readSyncLogs([logFile(Buffer.from([0x75, 0x70, 0xe9, 0x0a]))], '')).toThrow('is not UTF-8 text')
  })
})

describe('property: whatever the keys, every changed object comes back exactly', () => {
  // Keys as S3 takes them, less what the CLI's one-line output cannot carry (line breaks) and the
  // trailing white space its padding hides.
  const key = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .map(k => k.replace(/[\r\n\u0000-\u001f\u007f]/g, '').trimEnd())
    .filter(k => k !== '' && !/^\s/.test(k))
  const verb = fc.constantFrom('upload', 'delete', 'copy', '(dryrun) upload', '(dryrun) delete')
  const progress = fc.constantFrom(
    '',
    'Completed 4 Bytes/~30 Bytes (126 Bytes/s) with ~9 file(s) remaining (calculating...)\r'
  )
  const padding = fc.nat(40).map(n => ' '.repeat(n))

  it('recovers each key of a sync log written in the CLI formats', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(verb, key, progress, padding), { minLength: 1, maxLength: 20 }), entries => {
        const lines = entries.map(([v, k, before, pad]) => {
          const printed = v.endsWith('delete')
            ? `${v}: s3://my-site-bucket/${k}`
            : v.endsWith('copy')
              ? `${v}: s3://other-bucket/${k} to s3://my-site-bucket/${k}`
              : `${v}: site/${k} to s3://my-site-bucket/${k}`
          return `${before}${printed}${pad}`
        })
        const source = read(lines.join('\n'))
        expect(pathsOf(source)).toEqual(entries.map(([, k]) => keyToPath(k)))
      }),
      { numRuns: 300 }
    )
  })
})
