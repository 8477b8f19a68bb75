// `npm run release` end to end, in a throwaway clone of this repository whose remote is a local bare
// repository: each refusal leaves the clone and the remote exactly as they were, and a release makes
// the commit and the annotated tag and pushes nothing. The clone's node_modules are hard links to this
// project's; RELEASE_TEST_COMMAND stands in for `npm test`, which would run this suite again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { git, linkTree, runNode, tempDir } from '../__fixtures__/git.js'

const root = process.cwd()
const dir = tempDir('release-')
const remote = join(dir.path, 'remote.git')
const clone = join(dir.path, 'clone')
const marker = join(dir.path, 'tests-ran')
const passingTests = `node -e "require('fs').writeFileSync(process.env.RELEASE_TEST_MARKER, 'ran')"`

function release(version: string, env: NodeJS.ProcessEnv = {}) {
  const tsx = join(clone, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  return runNode(clone, tsx, [join('scripts', 'release.ts'), version], {
    RELEASE_TEST_COMMAND: passingTests,
    RELEASE_TEST_MARKER: marker,
    ...env
  })
}

/** Everything a release could change: the clone's commits, tags, work tree, and the remote's refs. */
function state() {
  return {
    head: git(clone, 'rev-parse', 'HEAD'),
    branch: git(clone, 'rev-parse', '--abbrev-ref', 'HEAD'),
    tags: git(clone, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/tags'),
    status: git(clone, 'status', '--porcelain'),
    remote: git(clone, 'ls-remote', remote)
  }
}

function commitFile(path: string, edit: (text: string) => string, message: string): void {
  writeFileSync(join(clone, path), edit(readFileSync(join(clone, path), 'utf8')))
  git(clone, 'commit', '-q', '-am', message)
}

const ENTRY = '- A line this release test adds, to have something to release.'
let version = ''
let baseline = ''
let baselineRemoteMain = ''
let baselineTags = new Set<string>()

beforeAll(() => {
  git(dir.path, 'init', '-q', '--bare', remote)
  git(dir.path, 'clone', '-q', '--no-local', root, clone)
  // The project may be checked out on a detached commit (CI); releases are made from main.
  git(clone, 'switch', '-q', '-C', 'main')
  git(clone, 'remote', 'set-url', 'origin', remote)
  git(clone, 'push', '-q', '-u', 'origin', 'main', '--tags')
  baselineRemoteMain = git(clone, 'rev-parse', 'HEAD')
  linkTree(join(root, 'node_modules'), join(clone, 'node_modules'))
  const manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { version: string }
  const newest = git(clone, 'tag', '--list', 'v*', '--sort=-v:refname').split('\n')[0]
  // Above the newest tag and package.json, same major: the version changes in package.json.
  const base = newest && semver.gt(newest.slice(1), manifest.version) ? newest.slice(1) : manifest.version
  version = semver.inc(base, 'minor')!
  commitFile(
    'CHANGELOG.md',
    text => text.replace('## [Unreleased]\n\n### Added\n\n', `## [Unreleased]\n\n### Added\n\n${ENTRY}\n`),
    'An entry to release'
  )
  baseline = git(clone, 'rev-parse', 'HEAD')
  baselineTags = new Set(git(clone, 'tag', '--list').split('\n'))
}, 120_000)
afterAll(() => dir.remove())

describe('npm run release refuses, changing nothing', () => {
  // Whatever a test set up (or a failed one left), the next starts from the same clone.
  afterEach(() => {
    git(clone, 'switch', '-q', '--force', 'main')
    git(clone, 'reset', '-q', '--hard', baseline)
    git(clone, 'clean', '-fdq')
    for (const tag of git(clone, 'tag', '--list').split('\n'))
      if (tag && !baselineTags.has(tag)) git(clone, 'tag', '-d', tag)
    for (const branch of git(clone, 'branch', '--format=%(refname:short)').split('\n'))
      if (branch !== 'main') git(clone, 'branch', '-q', '-D', branch)
  })

  const refuses = (args: { version?: string; env?: NodeJS.ProcessEnv }, reason: string) => {
    const before = state()
    const result = release(args.version ?? version, args.env)
    expect(result.stderr).toContain(reason)
    expect(result.status).toBe(1)
    expect(state()).toEqual(before)
  }

  it('with uncommitted changes', () => {
    writeFileSync(
      join(clone, 'README.md'),
      `${readFileSync(join(clone, 'README.md'), 'utf8')}\nA change not committed.\n`
    )
    refuses({}, 'There are uncommitted changes: commit or stash them, then release.\n M README.md')
  })

  it('off main', () => {
    git(clone, 'switch', '-q', '-c', 'feature')
    refuses({}, 'Releases are made from main, and this checkout is on feature')
  })

  it('a main behind its remote', () => {
    const other = join(dir.path, 'other')
    git(dir.path, 'clone', '-q', remote, other)
    writeFileSync(join(other, 'elsewhere.txt'), 'pushed by someone else\n')
    git(other, 'add', 'elsewhere.txt')
    git(other, 'commit', '-q', '-m', 'A commit pushed elsewhere')
    git(other, 'push', '-q', 'origin', 'main')
    try {
      refuses({}, 'main is behind origin/main: git pull --ff-only, then release.')
    } finally {
      git(other, 'push', '-q', '--force', 'origin', `${baselineRemoteMain}:main`)
    }
  })

  it('a version that is not semver', () => {
    refuses({ version: '1.2' }, '"1.2" is not a semantic version X.Y.Z')
    refuses({ version: 'v1.x.0' }, '"v1.x.0" is not a semantic version X.Y.Z')
    refuses(
      { version: `${version}+build.5` },
      `"${version}+build.5": build metadata (+...) is not part of a release tag; leave it out.`
    )
  })

  it('a version not above the newest tag', () => {
    const newer = semver.inc(version, 'patch')!
    git(clone, 'tag', `v${newer}`)
    refuses({ version }, `v${version} is not above the newest release tag, v${newer}: choose a higher version.`)
    refuses({ version: newer }, `v${newer} is not above the newest release tag, v${newer}`)
  })

  it("a version below package.json's", () => {
    const manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { version: string }
    const lower = `0.${semver.major(manifest.version)}.0`
    refuses({ version: lower }, `v${lower} is below package.json's version ${manifest.version}`)
  })

  it('an empty Unreleased section', () => {
    commitFile(
      'CHANGELOG.md',
      text => text.replace(`${ENTRY}\n`, '').replace(/^- .*\n(?: {2}.*\n)*/gm, ''),
      'Nothing to release'
    )
    refuses({}, 'The "## [Unreleased]" section of CHANGELOG.md lists nothing: there is nothing to release.')
  })

  it('a new major that the README usage lines do not name', () => {
    const major = semver.major(version) + 1
    refuses(
      { version: `${major}.0.0` },
      `The README's usage lines must name @v${major} before v${major}.0.0 is released; these do not:\n  - uses:`
    )
  })

  it('a dist/ that a fresh build changes', () => {
    commitFile(
      'src/index.ts',
      text => `${text}process.env['RELEASE_TEST'] ??= 'a source change without its dist/'\n`,
      'A source change'
    )
    refuses({}, 'A fresh npm run package changes dist/: run it, commit dist/, then release.\n M dist/index.js')
  }, 120_000)

  it('failing tests', () => {
    refuses({ env: { RELEASE_TEST_COMMAND: 'node -e "process.exit(3)"' } }, 'The tests fail: fix them, then release.')
  }, 120_000)
})

describe('npm run release on a clean main with something to release', () => {
  let before: ReturnType<typeof state>
  let result: ReturnType<typeof release>
  const today = new Date().toISOString().slice(0, 10)

  let changelogBefore = ''

  beforeAll(() => {
    before = state()
    changelogBefore = readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')
    result = release(version)
  }, 120_000)

  it('exits 0 after building and running the tests, and prints the commands that publish', () => {
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(existsSync(marker)).toBe(true)
    expect(result.stdout).toContain(
      `  git push origin main\n  git push origin v${version}\n  gh release create v${version} --verify-tag`
    )
  })

  it('commits "Release vX.Y.Z" on top of main with the version in package.json and its lockfile', () => {
    expect(git(clone, 'log', '-1', '--format=%s')).toBe(`Release v${version}`)
    expect(git(clone, 'rev-parse', 'HEAD~1')).toBe(before.head)
    expect(git(clone, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
      'CHANGELOG.md',
      'package-lock.json',
      'package.json'
    ])
    expect(JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).version).toBe(version)
    const lock = JSON.parse(readFileSync(join(clone, 'package-lock.json'), 'utf8'))
    expect([lock.version, lock.packages[''].version]).toEqual([version, version])
    expect(git(clone, 'status', '--porcelain')).toBe('')
  })

  it('rotates the changelog under a new empty Unreleased section', () => {
    // Every entry of the Unreleased section moves, in order, under the release's heading.
    const expected = changelogBefore.replace('## [Unreleased]\n\n', `## [Unreleased]\n\n## [${version}] - ${today}\n\n`)
    expect(expected).toContain(`## [${version}] - ${today}\n\n### Added\n\n${ENTRY}\n`)
    expect(readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')).toBe(expected)
  })

  it('tags the commit v<version>, annotated, with the changelog section as its message', () => {
    expect(git(clone, 'cat-file', '-t', `v${version}`)).toBe('tag')
    expect(git(clone, 'rev-parse', `v${version}^{commit}`)).toBe(git(clone, 'rev-parse', 'HEAD'))
    const message = git(clone, 'tag', '--list', '--format=%(contents)', `v${version}`)
    expect(message.startsWith(`## [${version}] - ${today}\n\n### Added\n\n${ENTRY}\n`)).toBe(true)
    expect(message).not.toContain('## [Unreleased]')
  })

  it('pushes nothing', () => {
    expect(git(clone, 'ls-remote', remote)).toBe(before.remote)
  })

  it('then refuses the same version, and a change left uncommitted, creating no tag', () => {
    const tags = git(clone, 'tag', '--list')
    const again = release(version)
    expect(again.status).toBe(1)
    expect(again.stderr).toContain(`v${version} is not above the newest release tag, v${version}`)
    writeFileSync(join(clone, 'notes.txt'), 'not committed\n')
    const dirty = release(semver.inc(version, 'patch')!)
    expect(dirty.status).toBe(1)
    expect(dirty.stderr).toContain('There are uncommitted changes')
    expect(git(clone, 'tag', '--list')).toBe(tags)
  })
})
