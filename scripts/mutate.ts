// `npm run mutate [-- <stryker options>]`: Stryker (stryker.config.mjs) under Node 24, which Stryker 10
// needs (it requires Node 22 or later) while the tools run on the developer's Node: the same Node 24
// that the end-to-end tests use (tools/node24, or NODE24_BIN).
// One file while working: `npm run mutate -- --mutate src/paths/normalize.ts`.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, node24 } from '../__fixtures__/runner.js'

// Stryker has its own install (tools/stryker/package.json says why); it finds its jest runner beside
// it and the project's jest from the working folder.
const stryker = join(ROOT, 'tools', 'stryker', 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js')
const result = spawnSync(node24(), [stryker, 'run', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' })
if (result.error) throw result.error
process.exit(result.status ?? 1)
