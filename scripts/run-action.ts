// Runs the bundled action (dist/index.js, under Node 24) from a shell as a runner would: every input
// given as name=value, over the defaults of action.yml, which the runner fills in and a hand-written
// `env INPUT_…=… node dist/index.js` leaves out (index-document, so directory URLs would be missing).
// The shell's AWS credentials and endpoint variables reach it unchanged.
//
//   npm run action -- distribution-id=E2QWRUHAPOMQZL paths=/index.html dry-run=true
import { spawnSync } from 'node:child_process'
import { DIST, actionYml, inputEnv, node24 } from '../__fixtures__/runner.js'

const known = Object.keys(actionYml().inputs)
const inputs: Record<string, string> = {}
for (const arg of process.argv.slice(2)) {
  const equals = arg.indexOf('=')
  const name = arg.slice(0, equals)
  if (equals === -1 || !known.includes(name)) {
    console.error(`"${arg}" is not name=value with an input of action.yml (${known.join(', ')}).`)
    process.exit(2)
  }
  inputs[name] = arg.slice(equals + 1)
}
// The runner's own variables are not set here: outputs are printed as ::set-output lines, no job
// summary is written, and the CallerReference is a random one per run (no GITHUB_SHA).
const result = spawnSync(node24(), [DIST], { env: { ...process.env, ...inputEnv(inputs) }, stdio: 'inherit' })
process.exit(result.status ?? 1)
