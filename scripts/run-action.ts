// Runs the bundled action (dist/index.js, under Node 24) from a shell as a runner would: every input
// given as name=value, over the defaults of action.yml, which the runner fills in and a hand-written
// `env INPUT_…=… node dist/index.js` leaves out (index-document, so directory URLs would be missing).
// The shell's AWS credentials and endpoint variables reach it unchanged.
//
//   npm run action -- distribution-id=E2QWRUHAPOMQZL paths=/index.html dry-run=true
//
// Like a runner, it starts the action in GITHUB_WORKSPACE when that is set (file inputs such as
// sync-log are relative to it), else in the folder npm was run from; it shows the log as a run page
// does (workflow commands decoded: `Error: …`, no %0A or %2520), and the outputs at the end.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DIST, actionYml, inputEnv, node24, parseOutputFile } from '../__fixtures__/runner.js'
import { renderLine } from './workflow-commands.js'

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

// npm runs scripts in the package's folder and says where it was started in INIT_CWD.
const workspace = process.env.GITHUB_WORKSPACE || process.env.INIT_CWD || process.cwd()
if (!existsSync(workspace) || !statSync(workspace).isDirectory()) {
  const where = process.env.GITHUB_WORKSPACE ? 'GITHUB_WORKSPACE' : 'The folder npm was run from'
  console.error(`${where} "${workspace}" is not a folder: file inputs are relative to it. Set it to your checkout.`)
  process.exit(2)
}
// No GITHUB_SHA here: the CallerReference is a random one per run. The outputs go to a file, as on a
// runner (GITHUB_OUTPUT), and are shown at the end; a job summary is written only where
// GITHUB_STEP_SUMMARY names a file.
const dir = mkdtempSync(join(tmpdir(), 'run-action-'))
const outputFile = process.env.GITHUB_OUTPUT || join(dir, 'output')
if (!process.env.GITHUB_OUTPUT) writeFileSync(outputFile, '')
const debug = process.env.ACTIONS_STEP_DEBUG === 'true' || process.env.RUNNER_DEBUG === '1'
const child = spawn(node24(), [DIST], {
  cwd: workspace,
  env: { ...process.env, ...inputEnv(inputs), GITHUB_OUTPUT: outputFile },
  stdio: ['inherit', 'pipe', 'inherit']
})
// A Ctrl-C reaches the action too (same process group); a SIGTERM sent to this script is passed on,
// so the action reports what it created before it exits, as on a cancelled run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
  const shown = renderLine(line, debug)
  if (shown !== undefined) console.log(shown)
}
const code = await new Promise<number>(resolve => child.on('close', c => resolve(c ?? 1)))
const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'))
if (Object.keys(outputs).length > 0) {
  console.log('\nOutputs:')
  for (const [name, value] of Object.entries(outputs)) console.log(`  ${name}: ${value}`)
}
rmSync(dir, { recursive: true, force: true })
process.exit(code)
