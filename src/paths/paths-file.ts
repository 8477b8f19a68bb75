import { InputError } from '../errors.js'
import { readInputText } from './input-file.js'
import type { PathSource } from './source.js'

const NEWLINE = 0x0a

/**
 * Reads and checks a paths-file now (readable, UTF-8, at least one path), so that every input error
 * comes before any request; its lines are decoded later, one at a time, as they are planned. Keeping
 * the bytes (one buffer, the file's size) and not an array of lines is what lets a million-path file
 * be planned in a few hundred megabytes.
 */
export function readPathsFile(file: string): PathSource {
  const text = readInputText('paths-file', file, 'one path per line')
  const hasPaths = forEachLine(text, () => true)
  if (!hasPaths) {
    throw new InputError(
      'paths-file',
      file,
      'has no paths: write one path per line, or drop the input to invalidate /*.'
    )
  }
  return {
    input: 'paths-file',
    file,
    forEach: visit =>
      forEachLine(text, (value, line) => {
        visit(value, line)
        return false
      })
  }
}

/**
 * Each line is one path exactly as written (spaces included), less the white space at its ends (a CRLF
 * file's \r included); empty lines are skipped. A "\n" byte never occurs inside a UTF-8 sequence, so the
 * bytes can be split before decoding, and an all-ASCII line becomes a one-byte string. Stops, and
 * returns true, as soon as `visit` returns true.
 */
function forEachLine(bytes: Buffer, visit: (value: string, line: number) => boolean): boolean {
  let line = 0
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(NEWLINE, start)
    if (end === -1) end = bytes.length
    line++
    const value = bytes.toString('utf8', start, end).trim()
    if (value !== '' && visit(value, line)) return true
    start = end + 1
  }
  return false
}
