/**
 * The README says what is true: its inputs and outputs tables say what action.yml says, and its
 * figures are those of dist/ and of the latest benchmark run, so that none can drift.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { DIST, ROOT, actionYml } from '../__fixtures__/runner.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** The rows of the first Markdown table after a heading, by their first cell. */
function table(heading: string, text = readme): Map<string, string[]> {
  const section = text.split(`${heading}\n`)[1] ?? ''
  const all = section.split('\n')
  const start = all.findIndex(line => line.startsWith('|'))
  const end = all.findIndex((line, i) => i > start && !line.startsWith('|'))
  const lines = start === -1 ? [] : all.slice(start, end === -1 ? undefined : end)
  const rows = new Map<string, string[]>()
  for (const line of lines.slice(2)) {
    const cells = line.split('|').map(c => c.trim())
    rows.set(cells[1] ?? '', cells.slice(2, -1))
  }
  return rows
}

/** Input and output tables: rows by the name in the first cell's backticks. */
function namedTable(heading: string): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  for (const [first, cells] of table(`### ${heading}`)) {
    const name = /^`([^`]+)`$/.exec(first)?.[1]
    if (name) rows.set(name, cells)
  }
  return rows
}

interface Timing {
  count: number
  ms: number
  peakRssMb: number
}

/** What bench/bench.ts writes to bench/results/latest.json, as far as the README quotes it. */
interface BenchResult {
  date: string
  startup: { actionMedianMs: number; cliMedianMs: number }
  completionNoticed: { delayS: number; actionMedianS: number; cliMedianS: number }[]
  paths: Timing[]
  syncLogs: Timing[]
  table: string[]
}

const latest = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'latest.json'), 'utf8')) as BenchResult

describe('README', () => {
  it('lists exactly the inputs of action.yml, with their defaults', () => {
    const inputs = actionYml().inputs
    const rows = namedTable('Inputs')
    expect([...rows.keys()].sort()).toEqual(Object.keys(inputs).sort())
    for (const [name, spec] of Object.entries(inputs)) {
      if (spec.default !== undefined) expect(rows.get(name)?.[0]).toBe(`\`${spec.default}\``)
    }
  })

  it('lists exactly the outputs of action.yml', () => {
    const outputs = (parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { outputs: Record<string, unknown> })
      .outputs
    expect([...namedTable('Outputs').keys()].sort()).toEqual(Object.keys(outputs).sort())
  })

  it('runs on the Node the end-to-end tests use', () => {
    expect(actionYml().runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})

describe('README performance figures', () => {
  const rows = table('## Performance')
  const row = (figure: string) => rows.get(figure) ?? [`no row "${figure}" in the README's Performance table`]
  const seconds = (ms: number, digits: number) => `${(ms / 1000).toFixed(digits)} s`

  it("are the latest benchmark run's", () => {
    const tenSeconds = latest.completionNoticed.find(c => c.delayS === 10)
    const syncLog = latest.syncLogs[0]
    const million = latest.paths.find(p => p.count === 1_000_000)
    expect(readme).toContain(`(latest full run, ${latest.date.slice(0, 10)};`)
    expect(row('start to the first CreateInvalidation')).toEqual([
      `${latest.startup.actionMedianMs.toFixed(0)} ms`,
      `${latest.startup.cliMedianMs.toFixed(0)} ms`
    ])
    expect(row('completion of a 10 s invalidation noticed')).toEqual([
      `${tenSeconds?.actionMedianS.toFixed(1)} s`,
      `${tenSeconds?.cliMedianS.toFixed(1)} s`
    ])
    expect(row(`${syncLog?.count.toLocaleString('en-US')}-line sync log to requests ready`)).toEqual([
      seconds(syncLog?.ms ?? NaN, 2),
      ''
    ])
    expect(row('1,000,000 paths to requests ready, peak memory')).toEqual([
      `${seconds(million?.ms ?? NaN, 1)}, ${million?.peakRssMb.toFixed(0)} MB`,
      ''
    ])
  })

  it('give the size of dist/index.js as it is built now', () => {
    const [stated] = row('`dist/index.js`, the code every run loads')
    const kib = statSync(DIST).size / 1024
    // "about N KiB", to the nearest 10: true within 2% either side, so that it needs no edit for every
    // change of a few bytes, and fails once it no longer describes the file.
    const about = Number(/^about (\d+) KiB$/.exec(stated ?? '')?.[1])
    const message = `README.md says dist/index.js is ${stated}; it is ${kib.toFixed(0)} KiB: write "about ${Math.round(kib / 10) * 10} KiB"`
    expect({ ok: Math.abs(about - kib) <= kib * 0.02, message }).toEqual({ ok: true, message })
  })

  it("are in bench/results/RESULTS.md, whose table is the latest run's", () => {
    const results = readFileSync(join(ROOT, 'bench', 'results', 'RESULTS.md'), 'utf8')
    const between = results.split('<!-- bench:start -->')[1]?.split('<!-- bench:end -->')[0] ?? ''
    const cells = (text: string) =>
      text
        .split('\n')
        .filter(line => line.trim() !== '' && !/^\|[-| ]+\|$/.test(line))
        .map(line => line.split('|').map(cell => cell.trim()))
    expect(cells(between)).toEqual(cells(latest.table.join('\n')))
    expect(readme).toContain('[bench/results/RESULTS.md](bench/results/RESULTS.md)')
  })
})
