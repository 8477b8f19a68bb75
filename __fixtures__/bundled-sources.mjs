// Prints, as JSON, every file under node_modules that a fresh build of src/ bundles into dist/, read
// from the source maps of the build (index.js and every chunk). The licenses test compares these with
// dist/licenses.txt: a way to find the bundled packages that shares nothing with scripts/licenses.mjs,
// which reads webpack's module graph.
import ncc from '@vercel/ncc'
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// Inside the project, so that the compiled files resolve the project's node_modules.
const out = join(root, 'node_modules', '.cache', 'bundled-sources')
rmSync(out, { recursive: true, force: true })
execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out],
  {
    stdio: 'inherit'
  }
)
const { map, assets } = await ncc(join(out, 'index.js'), {
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  quiet: true
})
const maps = [
  map,
  ...Object.entries(assets)
    .filter(([name]) => name.endsWith('.js.map'))
    .map(([, asset]) => String(asset.source))
]
const sources = new Set()
for (const text of maps)
  for (const source of JSON.parse(text).sources)
    if (source.includes('node_modules/') && !source.includes('node_modules/.cache/')) sources.add(source)
rmSync(out, { recursive: true, force: true })
process.stdout.write(JSON.stringify([...sources].sort()))
