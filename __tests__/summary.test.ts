/** The job summary's list of paths: collapsible, the first 50, one block per target only when they differ. */
import { describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { planPaths } from '../src/paths/plan-paths.js'
import { listSource } from '../src/paths/source.js'
import { describePlan } from '../src/report/describe-plan.js'
import { addPaths } from '../src/report/summary.js'
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
