// Bundles lib/ (the compiled sources) into dist/ with ncc, as `ncc build --minify` would, plus
// one option the CLI does not offer: mainFields ["module", "main"]. With it, the AWS SDK packages that
// ship ES modules are bundled from them, so their dynamic import()s (the credential providers other
// than environment variables: SSO, ini files, web identity, IMDS, ...) become chunks of their own,
// loaded only when a run needs one, and their unused exports are dropped: a smaller main chunk that
// starts measurably faster (bench/results/RESULTS.md).
import ncc from '@vercel/ncc'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledPackageDirs, licensesFile } from './licenses.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'dist')
const { code, assets, stats } = await ncc(join(root, 'lib', 'index.js'), {
  minify: true,
  mainFields: ['module', 'main'],
  quiet: true
})
// From scratch, so that a chunk the new build no longer has does not linger in dist/.
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'index.js'), code)
for (const [name, asset] of Object.entries(assets)) {
  mkdirSync(dirname(join(out, name)), { recursive: true })
  writeFileSync(join(out, name), asset.source)
}
// The licenses of what ships (scripts/licenses.mjs says why not ncc's own list).
writeFileSync(join(out, 'licenses.txt'), licensesFile(bundledPackageDirs(stats)))
