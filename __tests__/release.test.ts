// `npm run release` end to end, in a throwaway clone of this repository whose remote is a local bare
// repository: each refusal leaves the clone and the remote exactly as they were, and a release makes
// the commit and the annotated tag and pushes nothing. Each test writes the changelog it needs into the
// clone (setUnreleased): what this repository's CHANGELOG.md holds today must not matter, since every
// release leaves its `## [Unreleased]` empty. The clone's node_modules are hard links to this
// project's; RELEASE_TEST_COMMAND stands in for `npm test`, which would run this suite again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { git, gitEnv, linkTree, runNode, tempDir } from '../__fixtures__/git.js'

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

/**
 * Replaces the body of the clone's `## [Unreleased]` section (up to the next heading or the end) with
 * `body` (empty, or lines each ending in a newline) and commits.
 */
function setUnreleased(body: string, message: string): void {
  commitFile(
    'CHANGELOG.md',
    text => {
      const heading = /^## \[Unreleased\][^\n]*\n/m.exec(text)
      if (!heading) throw new Error('The clone\'s CHANGELOG.md has no "## [Unreleased]" section')
      const start = heading.index + heading[0].length
      const next = /^(## |\[[^\]]+\]: )/m.exec(text.slice(start))
      const rest = next ? text.slice(start + next.index) : ''
      return `${text.slice(0, heading.index)}## [Unreleased]\n\n${body}${rest ? `\n${rest}` : ''}`
    },
    message
  )
}

const ENTRY = '- A line this release test adds, to have something to release.'
const FIX = '- A fix this release test adds: the only entry of a patch release.'
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
  setUnreleased(`### Added\n\n${ENTRY}\n`, 'An entry to release')
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

  it("a version above the newest tag but below package.json's", () => {
    // After a release, anything below package.json's version is below the newest tag too: a
    // package.json ahead of the tags (bumped by hand) is what this check is for.
    const ahead = semver.inc(version, 'minor')!
    commitFile('package.json', text => text.replace(/"version": "[^"]+"/, `"version": "${ahead}"`), 'Bumped by hand')
    refuses({ version }, `v${version} is below package.json's version ${ahead}: choose ${ahead} or higher.`)
  })

  it('an empty Unreleased section, as every release leaves it, and one with headings only', () => {
    const reason = 'The "## [Unreleased]" section of CHANGELOG.md lists nothing: there is nothing to release.'
    setUnreleased('', 'Nothing to release')
    refuses({}, reason)
    setUnreleased('### Added\n\n### Fixed\n', 'Headings, nothing under them')
    refuses({}, reason)
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

/**
 * The project's own tests that read what a release changes (CHANGELOG.md, the tags, package.json's
 * version), run in the clone on the released commit: this file's set-up, which broke on the empty
 * `## [Unreleased]` that v1.0.0 left, and its refusals that build nothing (the others run
 * `npm run package` in yet another clone and add minutes, not coverage: the outer run has them). The
 * whole suite would run this file, and so itself, again.
 */
function projectTestsPassIn(dir: string): void {
  const jest = join(dir, 'node_modules', 'jest', 'bin', 'jest.js')
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings',
      jest,
      '--coverage=false',
      '__tests__/release.test.ts',
      '-t',
      'refuses, changing nothing (with uncommitted changes|off main|a main behind|a version|an empty Unreleased|a new major)'
    ],
    { cwd: dir, env: gitEnv, encoding: 'utf8' }
  )
  const output = `${result.stdout}${result.stderr}`
  expect(output).toMatch(/Tests: +\d+ skipped, 8 passed/)
  expect(result.status).toBe(0)
}

describe('npm run release, twice in a row: a minor with an Added entry, then a patch with only a fix', () => {
  const today = new Date().toISOString().slice(0, 10)
  let before: ReturnType<typeof state>
  let result: ReturnType<typeof release>
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
    expect(git(clone, 'tag', '--list', '--format=%(contents)', `v${version}`)).toBe(
      `## [${version}] - ${today}\n\n### Added\n\n${ENTRY}`
    )
  })

  it('pushes nothing', () => {
    expect(git(clone, 'ls-remote', remote)).toBe(before.remote)
  })

  it("leaves a commit on which the project's release tests pass", () => {
    projectTestsPassIn(clone)
  }, 600_000)

  it('then refuses the same version, a change left uncommitted, and nothing new to release', () => {
    const tags = git(clone, 'tag', '--list')
    const again = release(version)
    expect(again.status).toBe(1)
    expect(again.stderr).toContain(`v${version} is not above the newest release tag, v${version}`)
    const patch = semver.inc(version, 'patch')!
    const empty = release(patch)
    expect(empty.status).toBe(1)
    expect(empty.stderr).toContain('The "## [Unreleased]" section of CHANGELOG.md lists nothing')
    writeFileSync(join(clone, 'notes.txt'), 'not committed\n')
    const dirty = release(patch)
    expect(dirty.status).toBe(1)
    expect(dirty.stderr).toContain('There are uncommitted changes')
    expect(git(clone, 'tag', '--list')).toBe(tags)
    rmSync(join(clone, 'notes.txt'))
  })

  describe('then a patch release whose only entry is a fix', () => {
    let patch = ''
    let second: ReturnType<typeof release>
    let changelogBeforePatch = ''

    beforeAll(() => {
      patch = semver.inc(version, 'patch')!
      setUnreleased(`### Fixed\n\n${FIX}\n`, 'A fix to release')
      changelogBeforePatch = readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')
      second = release(patch)
    }, 120_000)

    it('succeeds, on top of the first release', () => {
      expect(second.stderr).toBe('')
      expect(second.status).toBe(0)
      expect(git(clone, 'log', '-3', '--format=%s').split('\n')).toEqual([
        `Release v${patch}`,
        'A fix to release',
        `Release v${version}`
      ])
      expect(JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).version).toBe(patch)
    })

    it('puts its section above the first release, under a new empty Unreleased section', () => {
      expect(readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')).toBe(
        changelogBeforePatch.replace(
          `## [Unreleased]\n\n### Fixed\n\n${FIX}\n\n`,
          `## [Unreleased]\n\n## [${patch}] - ${today}\n\n### Fixed\n\n${FIX}\n\n`
        )
      )
    })

    it("tags it with only its own section: the first release's entries are not in the message", () => {
      expect(git(clone, 'rev-parse', `v${patch}^{commit}`)).toBe(git(clone, 'rev-parse', 'HEAD'))
      expect(git(clone, 'tag', '--list', '--format=%(contents)', `v${patch}`)).toBe(
        `## [${patch}] - ${today}\n\n### Fixed\n\n${FIX}`
      )
    })

    it("leaves a commit on which the project's release tests pass", () => {
      projectTestsPassIn(clone)
    }, 600_000)
  })

  describe('then a release with several subsections', () => {
    const changed = '- A change this release test adds.'
    let minor = ''
    let third: ReturnType<typeof release>

    beforeAll(() => {
      minor = semver.inc(semver.inc(version, 'patch')!, 'minor')!
      setUnreleased(
        `### Added\n\n${ENTRY}\n\n### Changed\n\n${changed}\n\n### Fixed\n\n${FIX}\n`,
        'Three kinds of change'
      )
      third = release(minor)
    }, 120_000)

    it('tags it with every subsection, in order', () => {
      expect(third.status).toBe(0)
      expect(git(clone, 'tag', '--list', '--format=%(contents)', `v${minor}`)).toBe(
        `## [${minor}] - ${today}\n\n### Added\n\n${ENTRY}\n\n### Changed\n\n${changed}\n\n### Fixed\n\n${FIX}`
      )
    })
  })
})
