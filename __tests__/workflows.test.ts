// The workflows under .github/ keep the rules of scripts/workflow-rules.ts (pinned actions, narrow
// permissions, no persisted credentials, no expressions in scripts, no pull_request_target); each rule
// is shown to catch a broken copy. The schema check of `npm run lint` and the pin check against the
// actions' own tags (scripts/verify-action-pins.ts) are exercised here too, offline.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { checkWorkflow, checkWorkflows, workflowFiles, type ActionUse } from '../scripts/workflow-rules.js'
import { verifyPins } from '../scripts/verify-action-pins.js'
import { commit, git, runNode, tempDir } from '../__fixtures__/git.js'

const root = process.cwd()
const ci = readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8')
const CHECKOUT = /actions\/checkout@[0-9a-f]{40} # v\d+\.\d+\.\d+/

function rulesBroken(text: string): string[] {
  return checkWorkflow('broken.yml', text).violations.map(violation => violation.rule)
}

describe('the workflows of this repository', () => {
  const { violations, uses } = checkWorkflows(root)

  it('are all read: ci, live, mutation and release', () => {
    expect(workflowFiles(root).map(file => file.split('/').pop())).toEqual([
      'ci.yml',
      'live.yml',
      'mutation.yml',
      'release.yml'
    ])
    expect(uses.length).toBeGreaterThan(10)
  })

  it('keep every rule', () => {
    expect(violations).toEqual([])
  })

  it('pin each action to one commit and one version everywhere', () => {
    const byAction = new Map<string, Set<string>>()
    for (const use of uses)
      byAction.set(use.action, (byAction.get(use.action) ?? new Set()).add(`${use.ref} # ${use.comment}`))
    for (const [action, pins] of byAction) expect([action, [...pins]]).toEqual([action, [[...pins][0]]])
  })

  it('name the same majors as the README examples', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const majors = new Map(uses.map(use => [use.action, use.comment?.split('.')[0]]))
    const examples = [...readme.matchAll(/uses: ([\w.-]+\/[\w.-]+)@(v\d+)\b/g)].filter(([, action]) =>
      majors.has(action!)
    )
    expect(examples.length).toBeGreaterThanOrEqual(2)
    for (const [, action, major] of examples) expect([action, major]).toEqual([action, majors.get(action!)])
  })

  it('run mutation testing weekly, outside CI and .ci/run, and upload its report', () => {
    const mutation = readFileSync(join(root, '.github', 'workflows', 'mutation.yml'), 'utf8')
    expect(mutation).toMatch(/on:\n {2}schedule:\n {4}- cron: /)
    expect(mutation).toContain('- run: npm run mutate')
    expect(mutation).toMatch(/uses: actions\/upload-artifact@[0-9a-f]{40} # v\d+[^]*path: reports\/mutation\//)
    expect(ci).not.toContain('mutate')
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).not.toContain('mutate')
  })

  it('release on a published release, attest dist/ and move the major tag with the script', () => {
    const release = readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')
    expect(release).toMatch(/on:\n {2}release:\n {4}types: \[published\]/)
    expect(release).toMatch(/uses: actions\/attest@[0-9a-f]{40} # v\d+/)
    expect(release).toContain('subject-path: dist/*.js')
    expect(release).toContain('node scripts/move-major-tag.mjs "$TAG" --prerelease "$PRERELEASE"')
  })
})

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(join(root, '.github', 'dependabot.yml'), 'utf8')) as {
    version: number
    updates: {
      'package-ecosystem': string
      groups?: Record<string, { patterns?: string[]; 'dependency-type'?: string }>
    }[]
  }
  const ecosystem = (name: string) => config.updates.find(update => update['package-ecosystem'] === name)

  it('updates npm (the SDK packages in one group, development dependencies in another) and the actions', () => {
    expect(config.version).toBe(2)
    const groups = Object.values(ecosystem('npm')?.groups ?? {})
    expect(groups).toContainEqual({ patterns: ['@aws-sdk/*', '@smithy/*'] })
    expect(groups).toContainEqual({ 'dependency-type': 'development' })
    expect(ecosystem('github-actions')).toBeDefined()
  })
})

describe('each rule catches a broken copy of ci.yml', () => {
  it('the copy as it is passes', () => {
    expect(rulesBroken(ci)).toEqual([])
  })

  it('an action by a movable tag, or a SHA without its version', () => {
    expect(rulesBroken(ci.replace(CHECKOUT, 'actions/checkout@v7'))).toEqual(['pinned'])
    expect(rulesBroken(ci.replace(CHECKOUT, match => match.replace(/ # .*/, '')))).toEqual(['pinned'])
    expect(rulesBroken(ci.replace(CHECKOUT, match => match.replace(/@[0-9a-f]{40}/, '@3d3c42e')))).toEqual(['pinned'])
  })

  it('top-level permissions missing, wider than contents: read, or read-all', () => {
    expect(rulesBroken(ci.replace('permissions:\n  contents: read\n', ''))).toEqual(['permissions'])
    expect(rulesBroken(ci.replace('permissions:\n  contents: read\n', 'permissions:\n  contents: write\n'))).toEqual([
      'permissions'
    ])
    expect(
      rulesBroken(ci.replace('permissions:\n  contents: read\n', 'permissions:\n  contents: read\n  id-token: write\n'))
    ).toEqual(['permissions'])
    expect(rulesBroken(ci.replace('permissions:\n  contents: read\n', 'permissions: read-all\n'))).toEqual([
      'permissions'
    ])
  })

  it('a checkout that keeps its credentials in a job that does not push', () => {
    expect(rulesBroken(ci.replace(/\n {8}with:\n {10}persist-credentials: false/, ''))).toEqual(['persist-credentials'])
  })

  it('an expression inside a run: script', () => {
    const broken = ci.replace('      - run: npm ci\n', '      - run: echo "${{ github.event.pull_request.title }}"\n')
    expect(rulesBroken(broken)).toEqual(['expression-in-run'])
  })

  it('a pull_request_target trigger', () => {
    expect(rulesBroken(ci.replace('on:\n  pull_request:\n', 'on:\n  pull_request_target:\n'))).toEqual([
      'pull_request_target'
    ])
    expect(
      rulesBroken(
        ci.replace(/on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]\n/, 'on: [push, pull_request_target]\n')
      )
    ).toEqual(['pull_request_target'])
  })
})

describe('npm run lint: action.yml and the workflows against GitHub schemas', () => {
  const dir = tempDir('validate-workflows-')
  afterAll(() => dir.remove())
  const validate = (action: string, workflow: string) => {
    mkdirSync(join(dir.path, '.github', 'workflows'), { recursive: true })
    writeFileSync(join(dir.path, 'action.yml'), action)
    writeFileSync(join(dir.path, '.github', 'workflows', 'ci.yml'), workflow)
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
    return runNode(dir.path, tsx, [join(root, 'scripts', 'validate-workflows.ts')])
  }
  const action = readFileSync(join(root, 'action.yml'), 'utf8')

  it('passes the real files', () => {
    const result = validate(action, ci)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('fails a workflow with a misspelt key and an action on an unknown runtime', () => {
    const result = validate(
      action.replace('using: node24', 'using: node99'),
      ci.replace('    runs-on: ubuntu-latest\n', '    runs_on: ubuntu-latest\n')
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('action.yml (Line: ')
    expect(result.stderr).toContain("Unexpected value 'node99'")
    expect(result.stderr).toContain('.github/workflows/ci.yml (Line: ')
    expect(result.stderr).toContain("Unexpected value 'runs_on'")
  })
})

describe('verify-action-pins against a throwaway action repository', () => {
  const dir = tempDir('action-pins-')
  afterAll(() => dir.remove())
  const repo = join(dir.path, 'acme', 'deploy')
  mkdirSync(repo, { recursive: true })
  git(repo, 'init', '-q')
  const sha: Record<string, string> = {}
  for (const version of ['v1.0.0', 'v2.0.0', 'v2.1.0', 'v3.0.0-beta.1']) {
    sha[version] = commit(repo, version)
    if (version === 'v1.0.0') git(repo, 'tag', version)
    else git(repo, 'tag', '-a', version, '-m', version)
  }
  const url = join(dir.path, '{owner}', '{name}')
  const use = (ref: string, comment?: string): ActionUse => ({
    file: 'ci.yml',
    line: 1,
    action: 'acme/deploy',
    ref,
    comment
  })
  const problems = (...uses: ActionUse[]) => verifyPins(uses, url).map(problem => problem.message)

  it('accepts the commit of a release of the current major, annotated tag or not', () => {
    expect(problems(use(sha['v2.1.0']!, 'v2.1.0'), use(sha['v2.0.0']!, 'v2.0.0'))).toEqual([])
  })

  it('finds a SHA that is not the release its comment names', () => {
    expect(problems(use(sha['v2.0.0']!, 'v2.1.0'))).toEqual([
      `${sha['v2.0.0']} is not v2.1.0, which is ${sha['v2.1.0']}`
    ])
  })

  it('finds a release of an older major', () => {
    expect(problems(use(sha['v1.0.0']!, 'v1.0.0'))).toEqual([
      `v1.0.0 is not the current major: the newest release is v2.1.0 (${sha['v2.1.0']})`
    ])
  })

  it('finds a comment that names no release', () => {
    expect(problems(use(sha['v2.1.0']!, 'v2.2.0'))).toEqual(['acme/deploy has no tag v2.2.0'])
    expect(problems(use(sha['v2.1.0']!))).toEqual(['no "# vX.Y.Z" comment (newest release: v2.1.0)'])
  })
})
