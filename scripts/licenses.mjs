// Writes dist/licenses.txt: every package bundled into dist/, with its version, its license and the
// text of its license file. ncc's own `license` option is not used: it reads the packages from webpack's
// top-level modules only, so a package whose ES modules webpack concatenates into another module (with
// mainFields ["module", ...], most of the SDK, @actions/core, ...) was missing: 19 of 33 packages named.
// Here the packages come from every module webpack bundled, nested ones included.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const SEPARATOR = '='.repeat(80)

/** The package directories (…/node_modules/<name>) of every module in an ncc build's webpack stats. */
export function bundledPackageDirs(stats) {
  const dirs = new Set()
  const visit = module => {
    for (const inner of module.modules ?? []) visit(inner)
    const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(module.resource ?? '')
    if (match) dirs.add(match[1])
  }
  for (const module of stats.compilation.modules) visit(module)
  return [...dirs]
}

function licenseText(dir) {
  const files = readdirSync(dir).filter(name => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name))
  if (files.length === 0) return '(The package ships no license file; its package.json names the license above.)'
  return files.map(name => readFileSync(join(dir, name), 'utf8').trim()).join('\n\n')
}

/** The text of licenses.txt for these package directories, sorted by name, one entry per name and version. */
export function licensesFile(dirs) {
  const entries = new Map()
  for (const dir of dirs) {
    const manifest = join(dir, 'package.json')
    if (!existsSync(manifest)) throw new Error(`A bundled module's package has no package.json: ${dir}`)
    const { name, version, license } = JSON.parse(readFileSync(manifest, 'utf8'))
    if (!license)
      throw new Error(`${name}@${version} names no license in its package.json: check it before shipping it.`)
    entries.set(`${name}@${version}`, [SEPARATOR, `${name}@${version}`, license, '', licenseText(dir), ''].join('\n'))
  }
  const sorted = [...entries.keys()].sort().map(key => entries.get(key))
  return [
    `The packages bundled into dist/ (${sorted.length}), each with its license. Written by scripts/bundle.mjs.`,
    '',
    ...sorted
  ].join('\n')
}
