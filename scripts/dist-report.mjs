// Prints the size of the bundle after `npm run package`, so a growth shows in the build log.
import { statSync } from 'node:fs'
const bytes = statSync(new URL('../dist/index.js', import.meta.url)).size
console.log(`dist/index.js: ${(bytes / 1024).toFixed(0)} KiB`)
