/**
 * Text from outside the action (object keys, file names, paths, CloudFront's answers, the edge's
 * headers and bodies) made harmless to print: shown, never obeyed.
 *
 * - Control characters are shown as escapes (`\x1b`, `\0`, `\r`, `\n`, `\t`, `\u202e`), so a terminal
 *   escape cannot recolour or rewrite the log, a NUL cannot cut it, and a newline cannot start a line of
 *   its own. A backslash is left as it is: text escaped once (an error message quoting a value) is not
 *   escaped again.
 * - A value that would start a line with `::` (after white space, as the runner reads a workflow
 *   command) has its first colon escaped (`\x3a:`), so it can never be a workflow command.
 * - In the job summary (HTML), `summaryText` also escapes `& < >`, and `htmlAttribute` quotes as well.
 */

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI to some terminals), the line and paragraph
// separators, and the bidirectional overrides and isolates that make text read in another order.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const NAMED: Record<string, string> = { '\0': '\\0', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const COMMAND_START = /^(\s*):(?=:)/

/** One line of plain text for the log, an annotation or an output: escaped as above. */
export function shown(text: string): string {
  return text.replace(UNSAFE, escapeOne).replace(COMMAND_START, '$1\\x3a')
}

function escapeOne(char: string): string {
  const named = NAMED[char]
  if (named !== undefined) return named
  const code = char.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** Text for the job summary's text: shown(), then HTML-escaped. */
export function summaryText(text: string): string {
  return htmlEscaped(shown(text))
}

/** HTML-escapes `& < >`: enough for text between tags (quotes stay readable, as "site-dir's"). */
export function htmlEscaped(text: string): string {
  return text.replace(/[&<>]/g, char => HTML[char] ?? char)
}

/** HTML-escapes `& < > " '` too: for a value inside an attribute, such as a link's href. */
export function htmlAttribute(text: string): string {
  return text.replace(/[&<>"']/g, char => HTML[char] ?? char)
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text of several lines (a failure message): each line shown(), the line breaks kept. */
export function shownLines(text: string): string {
  return text
    .split('\n')
    .map(line => shown(line))
    .join('\n')
}
