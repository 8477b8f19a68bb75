/**
 * Example tests that pin down what mutation testing (npm run mutate) found unchecked in
 * src/paths/sync-log.ts: how "<from> to <to>" is split, the origin-path edge, the counts and the
 * listing, blank records, and the buckets an object URL can name.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readSyncLogs, type SyncLogSource } from '../src/paths/sync-log.js'

const dir = mkdtempSync(join(tmpdir(), 'sync-log-mutants-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let written = 0
const read = (content: string, originPath = ''): SyncLogSource => {
  const file = join(dir, `log-${written++}.txt`)
  writeFileSync(file, content)
  return readSyncLogs([file], originPath)[0]!
}
const entriesOf = (source: SyncLogSource): [string, number][] => {
  const entries: [string, number][] = []
  source.forEach((value, line) => entries.push([value, line]))
  return entries
}
const pathsOf = (source: SyncLogSource): string[] => entriesOf(source).map(([path]) => path)

describe('splitting "<from> to <to>"', () => {
  it('with nothing before " to ", an upload line names no transfer and is another line', () => {
    const source = read('upload:  to s3://b/a.html\nupload: site/x to s3://b/x')
    expect(pathsOf(source)).toEqual(['/x'])
    expect(source.stats.changed.upload).toBe(1)
    expect(source.stats.otherExamples).toEqual(['upload:  to s3://b/a.html'])
  })

  it('an upload or copy line whose right side is not in S3 is another line', () => {
    const source = read('upload: site/a to b\ncopy: s3://b/a to ./a\nupload: a.html\nupload: site/x to s3://b/x')
    expect(pathsOf(source)).toEqual(['/x'])
    expect(source.stats.skipped.other).toBe(3)
  })

  it('a move between two local paths changed nothing in S3: another line', () => {
    const source = read('move: site/a to site/b\nupload: site/x to s3://b/x')
    expect(source.stats.changed.move).toBe(0)
    expect(source.stats.skipped.other).toBe(1)
  })

  it('a move from S3 to a local path takes only its S3 end', () => {
    const source = read('move: s3://b/a.txt to a.txt')
    expect(pathsOf(source)).toEqual(['/a.txt'])
    expect(source.objects).toEqual(['s3://b/a.txt'])
  })

  it('an upload or move of a local file whose name holds " to " takes the right side that starts with s3://', () => {
    const source = read('upload: site/x to y to s3://b/z\nmove: site/x to y to s3://b/w')
    expect(source.objects).toEqual(['s3://b/z', 's3://b/w'])
    expect(pathsOf(source)).toEqual(['/z', '/w'])
  })

  it('among several splits, the one whose sides share the longest ending wins, even by one character', () => {
    // Splits: "s3://b/x" | "s3://b/y to s3://b/zy" share nothing; "s3://b/x to s3://b/y" | "s3://b/zy" share "y".
    expect(pathsOf(read('copy: s3://b/x to s3://b/y to s3://b/zy'))).toEqual(['/zy'])
  })

  it('the longest shared ending wins over a shorter one found first', () => {
    // "s3://b/zy" | "s3://b/bxy to s3://b/cxy" share "y"; "s3://b/zy to s3://b/bxy" | "s3://b/cxy" share "xy".
    expect(pathsOf(read('copy: s3://b/zy to s3://b/bxy to s3://b/cxy'))).toEqual(['/cxy'])
  })

  it('among splits whose sides share as much, the first wins', () => {
    // Both splits share nothing at the end: the destination key is the longer one, "c to s3://b/d".
    expect(pathsOf(read('copy: s3://b/a to s3://b/c to s3://b/d'))).toEqual(['/c%20to%20s3://b/d'])
  })
})

describe('origin-path', () => {
  it('the key equal to origin-path itself (the "folder" object prod/) is outside it, never /', () => {
    const source = read('upload: site/x to s3://b/prod/\nupload: site/i to s3://b/prod/index.html', 'prod/')
    expect(pathsOf(source)).toEqual(['/index.html'])
    expect(source.stats.skipped.outsideOriginPath).toBe(1)
  })

  it('the objects outside origin-path still count and are listed', () => {
    const source = read('delete: s3://b/staging/a.html', 'prod/')
    expect(source.objectCount).toBe(1)
    expect(source.objects).toEqual(['s3://b/staging/a.html'])
  })
})

describe('counts and the listing', () => {
  it('counts every object and lists the first 50 as the log named them', () => {
    const urls = Array.from({ length: 51 }, (_, i) => `s3://b/f${i}.html`)
    const source = read(urls.map(url => `delete: ${url}`).join('\n'))
    expect(source.objectCount).toBe(51)
    expect(source.objects).toEqual(urls.slice(0, 50))
    expect(source.stats.changed.delete).toBe(51)
  })

  it('a move from S3 to S3 counts one move and two objects', () => {
    const source = read('move: s3://b/a to s3://b/b')
    expect(source.stats.changed).toEqual({ upload: 0, copy: 0, move: 1, delete: 0 })
    expect(source.objectCount).toBe(2)
  })

  it('each path keeps the number of the line it came from; a carriage return does not start a new line', () => {
    const source = read(
      'Completed 1 file(s) with 2 file(s) remaining\rupload: s/a to s3://b/a\n\nCompleted 2 file(s)\r\ndelete: s3://b/c\n'
    )
    expect(entriesOf(source)).toEqual([
      ['/a', 1],
      ['/c', 4]
    ])
  })
})

describe('blank records and progress', () => {
  it('an upload of a file whose name starts with a digit is an upload, not progress', () => {
    const source = read('upload: ./2024.html to s3://b/2024.html')
    expect(pathsOf(source)).toEqual(['/2024.html'])
    expect(source.stats.skipped.progress).toBe(0)
  })

  it('a log of only line ends and padding holds nothing and is no error', () => {
    for (const content of ['\r\n', '\r', '\n\n', ' \t \r\n\r\n']) {
      const source = read(content)
      expect(pathsOf(source)).toEqual([])
      expect(source.stats.skipped).toEqual({
        progress: 0,
        local: 0,
        failed: 0,
        warning: 0,
        outsideOriginPath: 0,
        other: 0
      })
    }
  })

  it('padding after a key, spaces or a tab, is not part of it', () => {
    expect(pathsOf(read('delete: s3://b/a.html \t \r\n'))).toEqual(['/a.html'])
  })

  it('"Completed " followed by a digit is progress; followed by anything else it is another line', () => {
    const source = read(
      [
        'Completed 0 file(s)',
        'Completed 9 Bytes',
        'Completed /',
        'Completed :',
        'Completed',
        'upload: s/a to s3://b/a'
      ].join('\n')
    )
    expect(source.stats.skipped.progress).toBe(2)
    expect(source.stats.skipped.other).toBe(3)
  })
})

describe('verbs', () => {
  it('a line without ": " is another line, even when it starts with a verb', () => {
    const source = read('downloads\nupload: s/a to s3://b/a')
    expect(source.stats.skipped).toMatchObject({ local: 0, other: 1 })
  })

  it('"<verb> failed" is a failure only for the verbs of aws s3 and only as the whole verb', () => {
    const source = read(
      [
        'upload failed: a to s3://b/a x',
        'download failed: s3://b/a to a x',
        'copy failed: s3://b/a to s3://b/c x',
        'move failed: a to s3://b/a x',
        'delete failed: s3://b/a x',
        'reupload failed: a',
        'upload failed twice: a',
        'sync failed: a',
        'upload: s/a to s3://b/a'
      ].join('\n')
    )
    expect(source.stats.skipped).toMatchObject({ failed: 5, other: 3 })
  })
})

describe('a log is told from another file by any line of aws s3 output', () => {
  it.each([
    ['progress and a download', 'Completed 1 file(s)\ndownload: s3://b/a to a'],
    ['progress and a failure', 'Completed 1 file(s)\nfatal error: boom'],
    ['progress and a warning', 'Completed 1 file(s)\nwarning: skipped'],
    ['an upload and progress', 'upload: s/a to s3://b/a\nCompleted 1 file(s)']
  ])('%s, beside a line of something else', (_what, log) => {
    expect(read(`${log}\nsomething else`).stats.skipped.other).toBe(1)
  })
})

describe('the source', () => {
  it('is the sync-log input, names its file, and holds CloudFront paths already (planned without normalizing again)', () => {
    const source = read('delete: s3://b/a')
    expect(source).toMatchObject({ input: 'sync-log', normalized: true, file: source.stats.file })
  })
})

describe('buckets', () => {
  it('an Outposts access point ARN as the bucket', () => {
    const bucket = 'arn:aws:s3-outposts:us-east-1:123456789012:outpost/op-01ac5d28a6a232904/accesspoint/site'
    const source = read(`upload: site/a.html to s3://${bucket}/docs/a.html`)
    expect(pathsOf(source)).toEqual(['/docs/a.html'])
    expect([...source.stats.buckets]).toEqual([bucket])
  })

  it('a URL of a bucket alone names no object: counted outside origin-path, the bucket kept', () => {
    const source = read('delete: s3://bucket')
    expect(pathsOf(source)).toEqual([])
    expect(source.stats.skipped.outsideOriginPath).toBe(1)
    expect([...source.stats.buckets]).toEqual(['bucket'])
  })

  it('one bucket named on many lines is one bucket; a second one in the same log is an error', () => {
    expect([...read('delete: s3://b/1\ndelete: s3://b/2\ndelete: s3://b/3').stats.buckets]).toEqual(['b'])
    const [one, two] = [join(dir, 'one.log'), join(dir, 'two.log')]
    writeFileSync(one, 'delete: s3://b/1')
    writeFileSync(two, 'delete: s3://c/2')
    expect(() => readSyncLogs([one, two], '')).toThrow(`Input "sync-log": "${one}, ${two}" names objects in 2 buckets`)
    expect(() => read('delete: s3://b/1\ndelete: s3://c/2\ndelete: s3://b/3')).toThrow(
      'names objects in 2 buckets (b, c)'
    )
  })
})

describe('what a site-dir check and a failure report read', () => {
  it('a move within S3 deletes its source and uploads its target', () => {
    const source = read('move: s3://b/old/a.html to s3://b/new/a.html\n')
    expect(pathsOf(source)).toEqual(['/old/a.html', '/new/a.html'])
    expect(source.deletedPaths()).toEqual(['/old/a.html'])
  })

  it('deleted keys are paths under the origin path, and a delete outside it is none', () => {
    const source = read('delete: s3://b/prod/a.html\ndelete: s3://b/staging/x.html\n', 'prod/')
    expect(source.deletedPaths()).toEqual(['/a.html'])
  })

  it('all failure lines are counted, and the first 3 kept to be quoted', () => {
    const failures = [1, 2, 3, 4].map(i => `upload failed: site/${i}.html to s3://b/${i}.html An error occurred`)
    const source = read(`${failures.join('\n')}\nupload: site/ok.html to s3://b/ok.html\n`)
    expect(source.stats.skipped.failed).toBe(4)
    expect(source.stats.failures).toEqual(failures.slice(0, 3).map((line, i) => `line ${i + 1}: ${line}`))
  })

  it('a log that is not UTF-8 is refused with how to write it', () => {
    const file = join(dir, `log-${written++}.txt`)
    writeFileSync(file, Buffer.from('upload: caf\xe9 to s3://b/caf\xe9\n', 'latin1'))
    expect(() => readSyncLogs([file], '')).toThrow('is not UTF-8 text: save it as UTF-8, as aws s3 sync prints it.')
  })
})
