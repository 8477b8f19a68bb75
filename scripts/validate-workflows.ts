// `npm run lint` step: validates action.yml and every workflow against GitHub's own schemas, with
// @actions/workflow-parser (github.com/actions/languageservices, what the Actions extension for VS Code
// uses; it knows node24 and today's permission scopes). Run with tsx: the package imports its schemas
// as JSON without import attributes, which Node alone refuses.
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/index'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { workflowFiles } from './workflow-rules.js'

function schemaErrors(file: string, content: string, kind: 'action' | 'workflow'): string[] {
  const trace = new NoOperationTraceWriter()
  const result =
    kind === 'action' ? parseAction({ name: file, content }, trace) : parseWorkflow({ name: file, content }, trace)
  return result.context.errors.getErrors().map(error => error.message)
}

const root = process.cwd()
const files: [string, 'action' | 'workflow'][] = [
  ['action.yml', 'action'],
  ...workflowFiles(root).map((file): [string, 'workflow'] => [file, 'workflow'])
]
let failed = 0
for (const [file, kind] of files) {
  const errors = schemaErrors(file, readFileSync(join(root, file), 'utf8'), kind)
  failed += errors.length
  for (const message of errors) console.error(message)
}
if (failed > 0) {
  console.error(`${failed} schema error(s) in action.yml or .github/workflows/: fix them before pushing.`)
  process.exit(1)
}
console.log(
  `${files.length} files valid against GitHub's action and workflow schemas: ${files.map(([file]) => file).join(', ')}`
)
