import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readPathsFile } from '../src/paths/paths-file.js'
import { planPaths } from '../src/paths/plan-paths.js'

const dir = mkdtempSync(join(tmpdir(), 'paths-file-'))
function linesOf(content: string | Buffer): [string, number][] {
  const file = join(dir, 'list.txt')
  writeFileSync(file, content)
  const lines: [string, number][] = []
  readPathsFile(file).forEach((value, line) => lines.push([value, line]))
  return lines
}

describe('readPathsFile', () => {
  it('gives each non-empty line trimmed, with the line number an editor shows', () => {
    expect(linesOf('\uFEFF/a b.html\r\n\r\n  /c  \n\t\n\u00a0/caf\u00e9\u00a0\n/last')).toEqual([
      ['/a b.html', 1],
      ['/c', 3],
      ['/caf\u00e9', 5],
      ['/last', 6]
    ])
  })

  it('keeps a multi-byte character whole however the bytes fall', () => {
    const names = ['\u65e5\u672c\u8a9e', '\u{1f600}', 'caf\u00e9', 'x'.repeat(5000)]
    expect(linesOf(names.join('\n')).map(([value]) => value)).toEqual(names)
  })

  it('points an error at the line of the file it came from', () => {
    const file = join(dir, 'bad.txt')
    writeFileSync(file, '/ok\n\n/a/*/b\n')
    expect(() => planPaths([readPathsFile(file)])).toThrow(`(paths-file ${file} line 3) has "*" before its end`)
  })
})
