/** The README's inputs and outputs tables say what action.yml says. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT, actionYml } from '../__fixtures__/runner.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

function table(heading: string): Map<string, string[]> {
  const section = readme.split(`### ${heading}\n`)[1]?.trim().split('\n\n')[0] ?? ''
  const rows = new Map<string, string[]>()
  for (const line of section.split('\n').slice(2)) {
    const cells = line.split('|').map(c => c.trim())
    const name = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1]
    if (name) rows.set(name, cells.slice(2, -1))
  }
  return rows
}

describe('README', () => {
  it('lists exactly the inputs of action.yml, with their defaults', () => {
    const inputs = actionYml().inputs
    const rows = table('Inputs')
    expect([...rows.keys()].sort()).toEqual(Object.keys(inputs).sort())
    for (const [name, spec] of Object.entries(inputs)) {
      if (spec.default !== undefined) expect(rows.get(name)?.[0]).toBe(`\`${spec.default}\``)
    }
  })

  it('lists exactly the outputs of action.yml', () => {
    const outputs = (parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { outputs: Record<string, unknown> })
      .outputs
    expect([...table('Outputs').keys()].sort()).toEqual(Object.keys(outputs).sort())
  })

  // The code invalidates every target given (e2e-scale.test.ts gives a distribution and a tenant together).
  it('says, in action.yml and the README alike, that distribution-tenant-id combines with distribution-id', () => {
    const described = actionYml().inputs['distribution-tenant-id'] as { description?: string }
    expect(described.description).toContain('Combined with distribution-id')
    expect(table('Inputs').get('distribution-tenant-id')?.[1]).toContain('Combined with `distribution-id`')
    for (const text of [described.description, table('Inputs').get('distribution-tenant-id')?.[1]]) {
      expect(text).not.toMatch(/instead|not both/)
    }
  })

  it('runs on the Node the end-to-end tests use', () => {
    expect(actionYml().runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})
