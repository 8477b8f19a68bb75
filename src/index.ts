import { run } from './main.js'

await run()
// A poll's sleep or an idle keep-alive socket can outlive the work by seconds; the step is done now.
process.exit()
