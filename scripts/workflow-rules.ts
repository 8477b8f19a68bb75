// The rules every workflow of this repository keeps, so that whoever moves another repository's tag or
// controls a pull request's title cannot run code with the workflow's token (the lesson of the March
// 2025 tj-actions/changed-files compromise, and OpenSSF Scorecard's pinned-dependencies and
// token-permissions checks). __tests__/workflows.test.ts applies them to every file under .github/.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml'

export interface Violation {
  file: string
  line: number
  rule: 'pinned' | 'permissions' | 'persist-credentials' | 'expression-in-run' | 'pull_request_target' | 'yaml'
  message: string
}

/** A `uses:` of another repository: `owner/repo[/path]@ref`, with the version its trailing comment names. */
export interface ActionUse {
  file: string
  line: number
  action: string
  ref: string
  comment: string | undefined
}

const SHA = /^[0-9a-f]{40}$/
/** A release's tag, vX.Y.Z (no pre-release): what a pin's comment names. */
export const RELEASE_TAG = /^v\d+\.\d+\.\d+$/

/**
 * Every workflow under a repository's .github/workflows/ (the only place GitHub runs them from), as
 * the names messages show: relative to the repository, with forward slashes on every system.
 */
export function workflowFiles(repositoryRoot: string): string[] {
  return readdirSync(join(repositoryRoot, '.github', 'workflows'))
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .map(name => `.github/workflows/${name}`)
}

function scalar(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined
}

function mapOf(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined
}

function entries(node: unknown): [string, unknown][] {
  return mapOf(node)?.items.map(pair => [String(isScalar(pair.key) ? pair.key.value : pair.key), pair.value]) ?? []
}

/** Checks one workflow; returns its violations and the `uses:` of other repositories it holds. */
export function checkWorkflow(file: string, text: string): { violations: Violation[]; uses: ActionUse[] } {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter })
  const violations: Violation[] = []
  const uses: ActionUse[] = []
  const lineOf = (node: unknown): number => {
    const range = (node as Node | undefined)?.range
    return range ? lineCounter.linePos(range[0]).line : 1
  }
  const violation = (node: unknown, rule: Violation['rule'], message: string): void => {
    violations.push({ file, line: lineOf(node), rule, message })
  }
  if (document.errors.length > 0) {
    for (const error of document.errors)
      violations.push({ file, line: error.linePos?.[0].line ?? 1, rule: 'yaml', message: error.message })
    return { violations, uses }
  }
  const root = mapOf(document.contents)
  if (!root) {
    violation(document.contents, 'yaml', 'A workflow is a mapping.')
    return { violations, uses }
  }

  // Triggers: pull_request_target runs with a write token and secrets on code from a fork.
  const on: unknown = root.get('on', true)
  const triggers = isScalar(on) ? [scalar(on)] : isSeq(on) ? on.items.map(scalar) : entries(on).map(([name]) => name)
  if (triggers.includes('pull_request_target')) {
    violation(on, 'pull_request_target', 'pull_request_target runs untrusted code with secrets: use pull_request.')
  }

  // Top-level permissions: no wider than contents: read; a job widens only what it needs.
  const permissions = root.get('permissions', true)
  if (permissions === undefined) {
    violation(
      root,
      'permissions',
      'No top-level permissions: add "permissions: contents: read" (jobs widen what they need).'
    )
  } else if (!isMap(permissions)) {
    violation(
      permissions,
      'permissions',
      `Top-level permissions "${scalar(permissions)}": list them, no wider than contents: read.`
    )
  } else {
    for (const [scope, level] of entries(permissions)) {
      const value = scalar(level)
      if (value !== 'none' && !(scope === 'contents' && value === 'read')) {
        violation(level, 'permissions', `Top-level permission ${scope}: ${value}: give it to the job that needs it.`)
      }
    }
  }

  const checkUses = (node: unknown): void => {
    const value = scalar(node)
    if (value === undefined || value.startsWith('./') || value.startsWith('docker://')) return
    const line = lineOf(node)
    const at = value.lastIndexOf('@')
    const comment = isScalar(node) ? node.comment?.trim() : undefined
    const use: ActionUse = {
      file,
      line,
      action: at > 0 ? value.slice(0, at) : value,
      ref: at > 0 ? value.slice(at + 1) : '',
      comment
    }
    uses.push(use)
    if (!SHA.test(use.ref)) {
      violation(
        node,
        'pinned',
        `${value} is not pinned: use the full 40-character commit SHA of a release, with "# vX.Y.Z" after it.`
      )
    } else if (!comment || !RELEASE_TAG.test(comment)) {
      violation(node, 'pinned', `${value} has no "# vX.Y.Z" comment naming the release of that commit.`)
    }
  }

  for (const [jobName, job] of entries(root.get('jobs', true))) {
    const jobMap = mapOf(job)
    if (!jobMap) continue
    checkUses(jobMap.get('uses', true))
    const jobContents = scalar(mapOf(jobMap.get('permissions', true))?.get('contents', true))
    const steps = jobMap.get('steps', true)
    for (const step of isSeq(steps) ? steps.items : []) {
      const stepMap = mapOf(step)
      if (!stepMap) continue
      const usesNode = stepMap.get('uses', true)
      checkUses(usesNode)
      const usesValue = scalar(usesNode) ?? ''
      if (usesValue.startsWith('actions/checkout@') && jobContents !== 'write') {
        const persist = scalar(mapOf(stepMap.get('with', true))?.get('persist-credentials', true))
        if (persist !== 'false') {
          violation(
            usesNode,
            'persist-credentials',
            `Job ${jobName}: a checkout that does not push needs "persist-credentials: false".`
          )
        }
      }
      const run = stepMap.get('run', true)
      if (scalar(run)?.includes('${{')) {
        violation(
          run,
          'expression-in-run',
          `Job ${jobName}: a \${{ }} expression inside run: is pasted into the script; pass it through env:.`
        )
      }
    }
  }
  return { violations, uses }
}

/** Checks every workflow of a repository. */
export function checkWorkflows(repositoryRoot: string): { violations: Violation[]; uses: ActionUse[] } {
  const violations: Violation[] = []
  const uses: ActionUse[] = []
  for (const file of workflowFiles(repositoryRoot)) {
    const result = checkWorkflow(file, readFileSync(join(repositoryRoot, file), 'utf8'))
    violations.push(...result.violations)
    uses.push(...result.uses)
  }
  return { violations, uses }
}
