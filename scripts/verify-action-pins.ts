// Checks every pinned `uses:` of the workflows against the action's own repository: the SHA must be the
// commit of the release its "# vX.Y.Z" comment names, and that release must be of the action's current
// major (its newest vX.Y.Z tag). Reads the tags with `git ls-remote`, so it needs the network; CI runs it
// on GitHub. ACTION_PINS_GIT_URL sets where a repository is read from ({repo} = owner/name), for a
// mirror or a test ({owner} and {name} too): default https://github.com/{repo}.git.
//
//   npx tsx scripts/verify-action-pins.ts
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import semver from 'semver'
import { checkWorkflows, RELEASE_TAG, type ActionUse } from './workflow-rules.js'

export interface PinProblem {
  use: ActionUse
  message: string
}

/** The commit each tag of a repository names (annotated tags peeled). */
export function tagCommits(url: string): Map<string, string> {
  const output = execFileSync('git', ['ls-remote', '--tags', url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const commits = new Map<string, string>()
  const peeled = new Map<string, string>()
  for (const line of output.split('\n')) {
    const [sha, ref] = line.split('\t')
    if (!sha || !ref?.startsWith('refs/tags/')) continue
    const name = ref.slice('refs/tags/'.length)
    if (name.endsWith('^{}')) peeled.set(name.slice(0, -3), sha)
    else commits.set(name, sha)
  }
  for (const [name, sha] of peeled) commits.set(name, sha)
  return commits
}

/** A repository's tags (tag → commit) and its newest release tag, if it has one. */
function releasesOf(url: string): { commits: Map<string, string>; newest: string | undefined } {
  const commits = tagCommits(url)
  const [newest] = semver.rsort([...commits.keys()].filter(name => RELEASE_TAG.test(name)))
  return { commits, newest }
}

export function verifyPins(uses: ActionUse[], urlTemplate = 'https://github.com/{repo}.git'): PinProblem[] {
  const problems: PinProblem[] = []
  const releasesByRepo = new Map<string, ReturnType<typeof releasesOf>>()
  for (const use of uses) {
    const repo = use.action.split('/').slice(0, 2).join('/')
    let releases = releasesByRepo.get(repo)
    if (!releases) {
      const [owner = '', name = ''] = repo.split('/')
      releases = releasesOf(urlTemplate.replace('{repo}', repo).replace('{owner}', owner).replace('{name}', name))
      releasesByRepo.set(repo, releases)
    }
    const { commits, newest } = releases
    const named = use.comment ? commits.get(use.comment) : undefined
    if (!use.comment || !RELEASE_TAG.test(use.comment)) {
      problems.push({ use, message: `no "# vX.Y.Z" comment (newest release: ${newest ?? 'none'})` })
    } else if (!named) {
      problems.push({ use, message: `${repo} has no tag ${use.comment}` })
    } else if (named !== use.ref) {
      problems.push({ use, message: `${use.ref} is not ${use.comment}, which is ${named}` })
    } else if (newest && semver.major(newest) !== semver.major(use.comment)) {
      problems.push({
        use,
        message: `${use.comment} is not the current major: the newest release is ${newest} (${commits.get(newest)})`
      })
    }
  }
  return problems
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { uses } = checkWorkflows(process.cwd())
  const problems = verifyPins(uses, process.env['ACTION_PINS_GIT_URL'] || undefined)
  for (const use of uses) {
    const problem = problems.find(p => p.use === use)
    console.log(
      `${problem ? 'FAIL' : 'ok  '} ${use.file}:${use.line} ${use.action}@${use.ref} # ${use.comment ?? ''}${problem ? `: ${problem.message}` : ''}`
    )
  }
  if (problems.length > 0) {
    console.error(
      `${problems.length} pinned action(s) do not match their releases: pin each to the commit of the newest release of its current major.`
    )
    process.exit(1)
  }
}
