/**
 * Finds assertions on elapsed time in test files: an `expect(…)` whose subject or matcher measures the
 * wall clock (a difference of Date.now(), performance.now(), process.hrtime or of a variable set from
 * them, or anything named elapsed), and fixed sleeps that wait for a guess. Such assertions pass on a
 * quiet machine and fail on a busy one; the project observes order and counts instead, and measures
 * speed in the benchmark. __tests__/test-timing.test.ts runs it over __tests__ in CI.
 */

export interface TimingAssertion {
  file: string
  line: number
  text: string
}

const TIME_SOURCE = String.raw`(?:Date\.now\(\)|performance\.now\(\)|process\.hrtime(?:\.bigint)?\(\))`
// `const started = Date.now()`: a variable that holds an instant of the wall clock.
const TIME_VARIABLE = new RegExp(String.raw`\b(?:const|let|var)\s+(\w+)\s*=\s*[^;\n]*${TIME_SOURCE}`, 'g')
// A fixed sleep: `await new Promise(resolve => setTimeout(resolve, 60))`.
const FIXED_SLEEP = /new Promise\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*setTimeout\(\s*\1\s*,\s*[\d_]+\s*\)\s*\)/g

/** Every assertion on elapsed time, and every fixed sleep, in one file's text. */
export function timingAssertions(file: string, text: string): TimingAssertion[] {
  const clocks = [...text.matchAll(TIME_VARIABLE)].map(m => m[1] as string)
  const instant = `(?:${[TIME_SOURCE, ...clocks.map(name => String.raw`\b${name}\b`), String.raw`\.at\b`].join('|')})`
  // A duration: an instant minus something, or something minus an instant.
  const duration = new RegExp(String.raw`${instant}\s*\)?\s*-|-\s*\(?\s*${instant}|\belapsed`, 'i')
  const found: TimingAssertion[] = []
  const lineOf = (index: number) => text.slice(0, index).split('\n').length
  for (const match of text.matchAll(/\bexpect\(/g)) {
    const assertion = assertionAt(text, match.index)
    if (duration.test(assertion)) found.push({ file, line: lineOf(match.index), text: oneLine(assertion) })
  }
  for (const match of text.matchAll(FIXED_SLEEP)) {
    found.push({ file, line: lineOf(match.index), text: oneLine(match[0]) })
  }
  return found.sort((a, b) => a.line - b.line)
}

/** `expect(subject)` and its matcher chain (`.not.toBeLessThan(…)`), from `start`. */
function assertionAt(text: string, start: number): string {
  let end = closingParen(text, start + 'expect'.length)
  for (;;) {
    const chain = /^\s*\.\s*\w+/.exec(text.slice(end))
    if (!chain) break
    end += chain[0].length
    if (text[end] === '(') end = closingParen(text, end)
  }
  return text.slice(start, end)
}

/** The index just past the parenthesis that closes the one at `open`. */
function closingParen(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return i + 1
  }
  return text.length
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
