import { InputError, describeValue } from '../errors.js'
import { readInputText } from './input-file.js'
import type { PathSource } from './source.js'

const NEWLINE = 0x0a
// A line aws s3 sync, cp, mv or rm prints (after a progress line's carriage return, if any): no path starts so.
const AWS_S3_OUTPUT =
  /(?:^|\r)(?:\(dryrun\) )?(?:(?:upload|download|copy|move|delete)(?: failed)?|fatal error|cancelled): |^Completed \d/
/** How many of the first lines are looked at for aws s3 output: a log given here shows it at once. */
const LINES_CHECKED = 5

/**
 * Reads and checks a paths-file now (readable, UTF-8, at least one path, not a sync log), so that every input error
 * comes before any request; its lines are decoded later, one at a time, as they are planned. Keeping
 * the bytes (one buffer, the file's size) and not an array of lines is what lets a million-path file
 * be planned in a few hundred megabytes.
 */
export function readPathsFile(file: string): PathSource {
  const text = readInputText('paths-file', file, 'one path per line')
  let checked = 0
  forEachLine(text, (value, line) => {
    if (AWS_S3_OUTPUT.test(value)) {
      throw new InputError(
        'paths-file',
        file,
        `holds aws s3 output, not paths (line ${line}: ${describeValue(value.slice(value.lastIndexOf('\r') + 1))}): give it as sync-log, which invalidates exactly the objects the deploy changed.`
      )
    }
    return ++checked === LINES_CHECKED
  })
  if (checked === 0) {
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
 * bytes can be split before decoding, and an all-ASCII line becomes a one-byte string. Stops as soon
 * as `visit` returns true.
 */
function forEachLine(bytes: Buffer, visit: (value: string, line: number) => boolean): void {
  let line = 0
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(NEWLINE, start)
    if (end === -1) end = bytes.length
    line++
    const value = bytes.toString('utf8', start, end).trim()
    if (value !== '' && visit(value, line)) return
    start = end + 1
  }
}
