// `npm run local-action [-- <env file>]`: runs src/main.ts through GitHub's @github/local-action, as
// actions/typescript-action's `npx @github/local-action . src/main.ts .env` does, with the inputs and
// environment of .env (copy .env.example). It is installed in tools/local-action and runs under the
// Node 24 of tools/node24 (or NODE24_BIN): the Node the action runs on, and the one its dependencies
// declare (README, "Running the action from source"). It prints the run: local-action's own
// "Action Metadata" section, a table of every input's and output's description in action.yml (some
// screens long), and its banner are left out.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
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
/**
 * local-action's output less its banner and its "Action Metadata" section. Its sections start with a
 * title between two lines of "=": a section is dropped from its title to the next one. What comes
 * before the first title (the banner) is held, and printed after all if no title ever comes.
 */
class RunOnly {
  /** The banner's lines while no title has come; undefined after. */
  private banner: string[] | undefined = []
  /** Where in a title block the next line is: its title, its closing rule, or the section's body. */
  private next: 'title' | 'closing rule' | 'body' = 'body'
  private openingRule = ''
  private skipping = false

  push(line: string): string[] {
    if (this.next === 'title') {
      this.next = 'closing rule'
      // chalk colours the output on a terminal only; compare without its escapes.
      this.skipping = line.replace(/\x1b\[[0-9;]*m/g, '').trim() === 'Action Metadata'
      return this.skipping ? [] : [this.openingRule, line]
    }
    if (this.next === 'closing rule') {
      this.next = 'body'
      return this.skipping ? [] : [line]
    }
    if (/^=+$/.test(line.replace(/\x1b\[[0-9;]*m/g, '').trim())) {
      this.banner = undefined
      this.openingRule = line
      this.next = 'title'
      return []
    }
    if (this.banner) {
      this.banner.push(line)
      return []
    }
    return this.skipping ? [] : [line]
  }

  end(): string[] {
    return this.banner ?? []
  }
}

const node = node24()
// local-action starts `npm exec tsx`: with Node 24 first on PATH, that runs under Node 24 too.
const child = spawn(node, [cli, '.', 'src/main.ts', envFile], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
  env: { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env['PATH'] ?? ''}` }
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
const shown = new RunOnly()
for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
  for (const kept of shown.push(line)) console.log(kept)
}
for (const kept of shown.end()) console.log(kept)
process.exit(await new Promise<number>(done => child.on('close', code => done(code ?? 1))))
