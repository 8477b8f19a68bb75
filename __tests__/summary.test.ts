/**
 * The job summary: it leads with what was created (the invalidations, the verdict), then the paths;
 * the list of paths is collapsible, the first 50, one block per target only when they differ.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../__fixtures__/runner.js'
import { planPaths } from '../src/paths/plan-paths.js'
import { listSource } from '../src/paths/source.js'
import { readSyncLogs } from '../src/paths/sync-log.js'
import { describePlan, type PlanDescription } from '../src/report/describe-plan.js'
import { Ledger } from '../src/report/ledger.js'
import { addPaths, writeSummary } from '../src/report/summary.js'
import { splitIntoBatches } from '../src/requests/batches.js'
import type { TargetRequests } from '../src/requests/plan-requests.js'
import type { Target } from '../src/targets.js'

const A: Target = { kind: 'distribution', id: 'EDFDVBD632BHDS5' }
const B: Target = { kind: 'tenant', id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB' }

function requestsFor(target: Target, items: string[]): TargetRequests {
  return { target, requests: splitIntoBatches(items).map(batch => ({ batch, callerReference: 'r' })) }
}

function summaryOf(lists: [Target, string[]][]): string {
  const sources = [
    listSource(
      'paths',
      (lists[0]?.[1] ?? []).map((path, i) => [path, i + 1] as const)
    )
  ]
  const description = describePlan(planPaths(sources), sources, [], '', [])
  core.summary.emptyBuffer()
  addPaths(
    core.summary,
    description,
    'sent',
    lists.map(([target, items]) => requestsFor(target, items))
  )
  return core.summary.stringify()
}

describe('the paths in the summary', () => {
  it('one block when every target got the same paths, escaped', () => {
    const text = summaryOf([
      [A, ['/a.html', '/<b>.html']],
      [B, ['/a.html', '/<b>.html']]
    ])
    expect(text.match(/<details>/g)).toHaveLength(1)
    expect(text).toContain('<summary>Paths sent (2)</summary><pre>\n/a.html\n/&lt;b&gt;.html</pre>')
  })

  it('one block per target when they differ, each named', () => {
    const text = summaryOf([
      [A, ['/a.html']],
      [B, ['/a.html', '/b.html']]
    ])
    expect(text).toContain('<summary>Paths sent to EDFDVBD632BHDS5 (1)</summary>')
    expect(text).toContain('<summary>Paths sent to tenant dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB (2)</summary>')
  })

  it('the first 50, then how many more, with thousands separators', () => {
    const items = Array.from({ length: 1_050 }, (_, i) => `/p${i}`)
    const text = summaryOf([[A, items]])
    expect(text).toContain('<summary>Paths sent (1,050)</summary>')
    expect(text).toContain('/p49\n… and 1,000 more</pre>')
    expect(text).not.toContain('/p50\n')
  })
})

describe('the order of the job summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summary-'))
  const file = join(dir, 'summary.md')
  let restore: () => void = () => undefined
  beforeEach(() => {
    writeFileSync(file, '')
    const saved = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = file
    core.summary.emptyBuffer()
    restore = () => {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = saved
    }
  })
  afterEach(() => restore())
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** A step that read a real sync-log, found its distribution by name and mapped it through its configuration. */
  function described(): { description: PlanDescription; requests: TargetRequests[] } {
    const syncLogs = readSyncLogs([join(ROOT, '__fixtures__', 'aws-s3-sync', 'second-sync.log')], '')
    const sources = [listSource('paths', [['/blog/index.html', 1] as const, ['/assets/app.77aa.css', 2] as const])]
    const description = describePlan(planPaths(sources), sources, syncLogs, '', [])
    description.found.push('www.example.com → EDFDVBD632BHDS5 (alternate domain name)')
    description.routing.push('EDFDVBD632BHDS5: serves my-site-bucket through origin site (S3 website endpoint)')
    return { description, requests: [requestsFor(A, ['/blog/index.html', '/assets/app.77aa.css'])] }
  }

  it('leads with the invalidations and the verdict, then the paths, the configuration and the sync-log', async () => {
    const { description, requests } = described()
    const ledger = new Ledger(0)
    ledger.add({
      target: A,
      invalidationId: 'I2J0I21PCUYOIK',
      status: 'Completed',
      callerReference: 'r',
      location: 'https://cloudfront.amazonaws.com/2020-05-31/distribution/EDFDVBD632BHDS5/invalidation/I2J0I21PCUYOIK',
      paths: 2,
      files: 2,
      wildcards: 0,
      createdAt: 0,
      completedAt: 12_300
    })
    ledger.verification = {
      output: 'true',
      failure: undefined,
      addTo: summary => void summary.addHeading('Verified', 3).addRaw('Asked 2 URLs: 2 served the deploy.', true)
    }
    await writeSummary(ledger, description, requests, 20_000)
    const text = readFileSync(file, 'utf8')
    const order = [
      '<th>Invalidation</th>',
      'I2J0I21PCUYOIK</a></td><td>Completed</td><td>2</td><td>12.3 s</td>',
      '<h3>Verified</h3>',
      '2 paths given, 2 sent.',
      '<summary>Paths sent (2)</summary>',
      'Distributions found:',
      "Each distribution's configuration:",
      'Details:',
      'second-sync.log'
    ].map(part => {
      expect(text).toContain(part)
      return text.indexOf(part)
    })
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('without an invalidation, says so first, then what failed, then the paths', async () => {
    const { description, requests } = described()
    const ledger = new Ledger(0)
    ledger.fail({ target: A, message: 'AccessDenied: not allowed.', notCreated: [{ batch: 1, paths: 2 }] })
    await writeSummary(ledger, description, requests, 0)
    const text = readFileSync(file, 'utf8')
    const order = ['No invalidation was created.', '<h3>Failed</h3>', 'AccessDenied', 'Paths planned', 'Details:'].map(
      part => {
        expect(text).toContain(part)
        return text.indexOf(part)
      }
    )
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  /** The lines of the summary outside <pre> blocks (whose lines are the paths, shown as they are). */
  function linesOutsidePre(text: string): string[] {
    return text
      .replace(/<pre>[^]*?<\/pre>/g, '<pre></pre>')
      .split('\n')
      .filter(line => line !== '')
  }

  it('every sentence is its own paragraph: GitHub runs bare lines after a heading or table into one', async () => {
    const { description, requests } = described()
    description.warnings.push('site-dir holds 1 of the 2 files the deploy uploaded.')
    const ledger = new Ledger(0)
    ledger.fail({ target: A, message: 'AccessDenied: not allowed.', notCreated: [{ batch: 1, paths: 2 }] })
    await writeSummary(ledger, description, requests, 0)
    const lines = linesOutsidePre(readFileSync(file, 'utf8'))
    expect(lines).toContain('<p>No invalidation was created.</p>')
    expect(lines).toContain('<p>Warning: site-dir holds 1 of the 2 files the deploy uploaded.</p>')
    expect(lines).toContain('<p>Details:</p>')
    // Every line starts with a tag: none is bare text inside the HTML block before it.
    expect(lines.filter(line => !line.startsWith('<'))).toEqual([])
  })

  it("the table's path count has thousands separators, as the text beside it does", async () => {
    const { description, requests } = described()
    const ledger = new Ledger(0)
    ledger.add({
      target: A,
      invalidationId: 'I2J0I21PCUYOIK',
      status: 'InProgress',
      callerReference: 'r',
      location: 'https://cloudfront.amazonaws.com/2020-05-31/distribution/EDFDVBD632BHDS5/invalidation/I2J0I21PCUYOIK',
      paths: 3_000,
      files: 3_000,
      wildcards: 0,
      createdAt: 0,
      completedAt: undefined
    })
    await writeSummary(ledger, description, requests, 1_000)
    expect(readFileSync(file, 'utf8')).toContain('I2J0I21PCUYOIK</a></td><td>InProgress</td><td>3,000</td>')
  })
})
