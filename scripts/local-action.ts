// `npm run local-action [-- <env file>]`: runs src/main.ts through GitHub's @github/local-action, as
// actions/typescript-action's `npx @github/local-action . src/main.ts .env` does, with the inputs and
// environment of .env (copy .env.example). It is installed in tools/local-action and runs under the
// Node 24 of tools/node24 (or NODE24_BIN): the Node the action runs on, and the one its dependencies
// declare (README, "Running the action from source").
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { node24 } from '../__fixtures__/runner.js'

const root = join(dirname(new URL(import.meta.url).pathname), '..')
const envFile = process.argv[2] ?? '.env'
const cli = join(root, 'tools', 'local-action', 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
if (!existsSync(cli)) {
  console.error(`local-action: ${cli} is missing: run npm ci (its postinstall installs tools/local-action).`)
  process.exit(1)
}
if (!existsSync(resolve(root, envFile))) {
  console.error(`local-action: no ${envFile}: cp .env.example .env, then set the inputs in it.`)
  process.exit(1)
}
const node = node24()
// local-action starts `npm exec tsx`: with Node 24 first on PATH, that runs under Node 24 too.
const result = spawnSync(node, [cli, '.', 'src/main.ts', envFile], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env['PATH'] ?? ''}` }
})
process.exit(result.status ?? 1)
