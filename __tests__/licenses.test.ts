// dist/licenses.txt must name every package that dist/ ships. The bundled packages are found here from
// the source maps of a fresh build (__fixtures__/bundled-sources.mjs), not from the module graph that
// scripts/licenses.mjs writes the file from.
import { describe, expect, it, beforeAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = process.cwd()
const SEPARATOR = '='.repeat(80)

/** `name@version` of the package each bundled source file belongs to (its innermost node_modules). */
function bundledPackages(sources: string[]): string[] {
  const packages = new Set<string>()
  for (const source of sources) {
    const match = /^(?:\.\.\/|\.\/)*(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(source)
    if (!match?.[1] || !match[2]) throw new Error(`Not a file of a package: ${source}`)
    const manifest = JSON.parse(readFileSync(join(root, match[1], 'package.json'), 'utf8')) as { version: string }
    packages.add(`${match[2]}@${manifest.version}`)
  }
  return [...packages].sort()
}

/** The bundled packages a licenses.txt does not name, or names without a license and its text. */
function missingLicenses(bundled: string[], licenses: string): string[] {
  const lines = licenses.split('\n')
  const complete = new Set<string>()
  for (let i = 0; i + 3 < lines.length; i++) {
    const [name, license, blank, text] = lines.slice(i + 1, i + 5)
    if (lines[i] === SEPARATOR && name && license?.trim() && blank === '' && text?.trim()) complete.add(name)
  }
  return bundled.filter(name => !complete.has(name))
}

describe('dist/licenses.txt', () => {
  let bundled: string[] = []
  let licenses = ''

  beforeAll(() => {
    const output = execFileSync(process.execPath, [join(root, '__fixtures__', 'bundled-sources.mjs')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    })
    bundled = bundledPackages(JSON.parse(output) as string[])
    licenses = readFileSync(join(root, 'dist', 'licenses.txt'), 'utf8')
  }, 180_000)

  it('names every package bundled into dist/, with its license and the license text', () => {
    // The runtime dependencies themselves, and some of theirs, at the least.
    for (const name of [
      '@actions/core',
      '@aws-sdk/client-cloudfront',
      '@smithy/core',
      'https-proxy-agent',
      'agent-base'
    ]) {
      expect(bundled.some(entry => entry.startsWith(`${name}@`))).toBe(true)
    }
    expect(missingLicenses(bundled, licenses)).toEqual([])
  })

  it('fails on a copy with one package left out', () => {
    const [first, second] = licenses.split(`${SEPARATOR}\n@actions/core@`)
    expect(second).toBeDefined()
    const withoutCore = `${first}${SEPARATOR}\n${(second ?? '').slice((second ?? '').indexOf(SEPARATOR) + SEPARATOR.length + 1)}`
    expect(missingLicenses(bundled, withoutCore)).toEqual([bundled.find(entry => entry.startsWith('@actions/core@'))])
  })

  it('fails on a copy whose entry has lost its license text', () => {
    const broken = licenses.replace(/(={80}\nagent-base@[^\n]+\nMIT\n\n)[^\n]+/, '$1')
    expect(broken).not.toBe(licenses)
    expect(missingLicenses(bundled, broken)).toEqual([bundled.find(entry => entry.startsWith('agent-base@'))])
  })

  it('names nothing that is not bundled', () => {
    const listed = licenses.split('\n').filter((_, i, all) => all[i - 1] === SEPARATOR)
    expect(listed.sort()).toEqual(bundled)
  })
})
