/**
 * No test asserts on elapsed time (CONTRIBUTING.md: speed is the benchmark's). This scan runs in CI
 * with every test, so that the habit does not come back; its own examples show what it catches.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../__fixtures__/runner.js'
import { timingAssertions } from '../scripts/test-timing.js'

const caught = (text: string) => timingAssertions('example.test.ts', text).map(a => a.line)

describe('assertions on elapsed time', () => {
  it('none in __tests__', () => {
    const dir = join(ROOT, '__tests__')
    // This file's own examples below are strings of the code it catches.
    const found = readdirSync(dir)
      .filter(name => name.endsWith('.ts') && name !== 'test-timing.test.ts')
      .flatMap(name => timingAssertions(`__tests__/${name}`, readFileSync(join(dir, name), 'utf8')))
    expect(found.map(a => `${a.file}:${a.line}: ${a.text}`)).toEqual([])
  })

  it.each([
    ['a run time', 'expect(result.elapsedMs).toBeLessThan(15_000)'],
    ['time since a signal', 'expect(result.elapsedMs - (result.signalledAtMs ?? 0)).toBeLessThan(300 + 4000)'],
    ['a gap between two recorded instants', 'expect(polls[0]!.at - creates()[0]!.at).toBeLessThan(1500)'],
    [
      'a clock read into a variable',
      'const started = process.hrtime.bigint()\nrun()\nexpect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5000)'
    ],
    ['Date.now() against a start', 'const t0 = Date.now()\nawait step()\nexpect(Date.now() - t0).toBeLessThan(100)'],
    [
      'a matcher that holds the duration',
      'const t0 = performance.now()\nexpect(1000).toBeGreaterThan(\n  performance.now() - t0\n)'
    ],
    ['a fixed sleep that waits for a guess', 'await new Promise(resolve => setTimeout(resolve, 60))']
  ])('catches %s', (_what, text) => {
    // Reported at the line where the assertion (or the sleep) starts.
    const starts = text.split('\n').findIndex(line => /expect\(|new Promise/.test(line)) + 1
    expect(caught(text)).toEqual([starts])
  })

  it.each([
    ['an order of recorded instants', 'expect(polls[0]!.at).toBeLessThan(invalidation.completesAt)'],
    ['a count', "expect(emulator.requests.filter(r => r.operation === 'GetInvalidation')).toHaveLength(1)"],
    [
      'a value derived from the clock, checked between two readings',
      'const before = Date.now()\nexpect(Number(runId)).toBeGreaterThanOrEqual(before)'
    ],
    ['an array index', 'expect(polls[polls.length - 1]!.at).toBeGreaterThanOrEqual(completesAt)'],
    ['a timer that a fake server uses to answer late', 'setTimeout(() => res.end(), 50)']
  ])('lets %s through', (_what, text) => {
    expect(caught(text)).toEqual([])
  })
})
