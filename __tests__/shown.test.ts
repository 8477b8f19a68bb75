/** Text from outside (keys, names, CloudFront's and the edge's answers) is shown, never obeyed. */
import { describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { htmlAttribute, htmlEscaped, shown, shownLines, summaryText } from '../src/report/shown.js'
import { explainApiError, explainLookupError } from '../src/cloudfront/explain.js'
import { apiError } from '../__fixtures__/fake-cloudfront.js'
import { Ledger } from '../src/report/ledger.js'
import { addFailures, writeSummary } from '../src/report/summary.js'
import { describePlan } from '../src/report/describe-plan.js'
import { planPaths } from '../src/paths/plan-paths.js'
import { listSource } from '../src/paths/source.js'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { consoleUrl, type Target } from '../src/targets.js'

describe('shown', () => {
  it.each([
    ['a terminal escape', 'a\u001b[31mred', 'a\\x1b[31mred'],
    ['a NUL', 'a\u0000b', 'a\\0b'],
    ['a carriage return and a newline', 'a\r\nb', 'a\\r\\nb'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['DEL and a one-byte CSI (C1)', 'a\u007fb\u009bc', 'a\\x7fb\\x9bc'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
    ['a right-to-left override', 'a\u202eb', 'a\\u202eb'],
    ['a workflow command at the start', '::warning::pwned', '\\x3a:warning::pwned'],
    ['a workflow command after spaces', '  ::set-output name=x::y', '  \\x3a:set-output name=x::y'],
    ['a command after a newline', 'I1\n::error::x', 'I1\\n::error::x'],
    ['colons inside a value', 's3://bucket/a::b', 's3://bucket/a::b'],
    ['plain text', '/caf%C3%A9/index.html', '/caf%C3%A9/index.html'],
    ['non-ASCII text', 'café 日本', 'café 日本']
  ])('%s', (_what, text, expected) => {
    expect(shown(text)).toBe(expected)
    // Whatever it holds, what is printed is one line that no runner reads as a command.
    expect(shown(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
    expect(shown(text)).not.toMatch(/^\s*::/)
  })

  it('shownLines keeps the line breaks and protects each line', () => {
    expect(shownLines('first\n::error::x\n\u001b[2Jthird')).toBe('first\n\\x3a:error::x\n\\x1b[2Jthird')
  })

  it('summaryText escapes HTML after the control characters; htmlAttribute quotes too', () => {
    expect(summaryText('<img src=x onerror=alert(1)>\u001b')).toBe('&lt;img src=x onerror=alert(1)&gt;\\x1b')
    expect(htmlEscaped(`a & b's`)).toBe(`a &amp; b's`)
    expect(htmlAttribute(`x" onclick='y'`)).toBe('x&quot; onclick=&#39;y&#39;')
  })
})

describe('in the summary and the links', () => {
  it('a console link URL-encodes each ID', () => {
    const target: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5' }
    expect(consoleUrl(target, 'I1"><img src=x>#x')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/EDFDVBD632BHDS5/invalidations/details/I1%22%3E%3Cimg%20src%3Dx%3E%23x'
    )
  })

  it('each failure line is shown and escaped, the lines kept apart', () => {
    core.summary.emptyBuffer()
    addFailures(core.summary, ['CloudFront said <b>no</b>\n::warning::x \u001b[31m'])
    const html = core.summary.stringify()
    core.summary.emptyBuffer()
    expect(html).toContain('CloudFront said &lt;b&gt;no&lt;/b&gt;<br>\\x3a:warning::x \\x1b[31m')
    expect(html).not.toContain('<b>')
  })
})

describe("CloudFront's own words", () => {
  const dist: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5' }

  it('an error code and message are quoted escaped, the explanation kept', () => {
    const error = apiError('Weird\n::error::code', 'message \u001b[31mred\r\n::warning::x')
    const text = explainApiError(error, 'CreateInvalidation', dist)
    expect(text).toContain('(Weird\\n::error::code: message \\x1b[31mred\\r\\n::warning::x)')
    expect(text).not.toMatch(/[\u0000-\u001f]/)
    expect(explainLookupError(error, 'ListDistributions')).toContain('message \\x1b[31mred')
  })
})

describe('the summary table', () => {
  it("an ID not of CloudFront's shape is escaped text, never a link", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'shown-')), 'summary')
    writeFileSync(file, '')
    const previous = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      const ledger = new Ledger(0)
      const target: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5', given: ['<b>www</b>.example.com'] }
      for (const invalidationId of ['I2J0I21PCUYOIK', 'I1"><img src=x onerror=alert(1)>']) {
        ledger.add({
          target,
          invalidationId,
          status: 'InProgress',
          callerReference: 'r',
          location: '',
          paths: 1,
          files: 1,
          wildcards: 0,
          createdAt: 0,
          completedAt: undefined
        })
      }
      const sources = [listSource('paths', [['/a', 1]])]
      core.summary.emptyBuffer()
      await writeSummary(ledger, describePlan(planPaths(sources), sources, [], '', []), [], 0)
      const html = readFileSync(file, 'utf8')
      expect(html).toContain('invalidations/details/I2J0I21PCUYOIK">I2J0I21PCUYOIK</a>')
      expect(html).toContain('<td>I1"&gt;&lt;img src=x onerror=alert(1)&gt;</td>')
      expect(html).not.toContain('<img')
      expect(html).toContain('EDFDVBD632BHDS5 (&lt;b&gt;www&lt;/b&gt;.example.com)')
    } finally {
      core.summary.emptyBuffer()
      if (previous === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = previous
    }
  })
})
