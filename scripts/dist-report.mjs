// Prints the size of the bundle after `npm run package`, so a growth shows in the build log: the main
// chunk (what every run parses) and the chunks loaded only when a run needs them.
import { readdirSync, statSync } from 'node:fs'

const dist = new URL('../dist/', import.meta.url)
const kib = bytes => `${(bytes / 1024).toFixed(0)} KiB`
const chunks = readdirSync(dist).filter(name => /^\d+\.index\.js$/.test(name))
const chunkBytes = chunks.reduce((sum, name) => sum + statSync(new URL(name, dist)).size, 0)
console.log(
  `dist/index.js: ${kib(statSync(new URL('index.js', dist)).size)}; ${chunks.length} chunks loaded on demand: ${kib(chunkBytes)}`
)
