// Prepares a release on a clean checkout of main, and never pushes:
//
//   npm run release -- 1.4.0
//
// It checks, in this order, and refuses with the reason, changing nothing: the version (semver, above
// the newest v* tag and not below package.json), a clean work tree on main, a non-empty
// `## [Unreleased]` in CHANGELOG.md, README usage lines that name the version's major (`@v1`), a dist/
// that a fresh `npm run package` leaves unchanged, and passing tests (`npm test`). Then it sets the
// version in package.json and package-lock.json, turns `## [Unreleased]` into `## [1.4.0] - <today>`
// under a new empty `## [Unreleased]`, commits "Release v1.4.0", creates the annotated tag v1.4.0 whose
// message is that changelog section, and prints the commands that publish it. Publishing the GitHub
// release runs .github/workflows/release.yml, which attests dist/ and moves v1.
//
// RELEASE_TEST_COMMAND replaces `npm test` (the release command's own tests run it in a throwaway
// clone, where the whole suite would run itself again).
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'

class Refusal extends Error {}

const root = process.cwd()
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd()
}

function step(message: string): void {
  console.log(`release: ${message}`)
}

/** Runs a command with its output shown; true when it exits 0. */
function succeeds(command: string, args: string[], options: { shell?: boolean } = {}): boolean {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: options.shell ?? process.platform === 'win32'
  })
  return result.status === 0
}

/** The `## [Unreleased]` section of a changelog: where its body starts and ends. */
function unreleasedSection(changelog: string): { headingStart: number; bodyStart: number; bodyEnd: number } {
  const heading = /^## \[Unreleased\][^\n]*\n/m.exec(changelog)
  if (!heading)
    throw new Refusal('CHANGELOG.md has no "## [Unreleased]" section: add one with what this release changes.')
  const bodyStart = heading.index + heading[0].length
  const next = /^(## |\[[^\]]+\]: )/m.exec(changelog.slice(bodyStart))
  return { headingStart: heading.index, bodyStart, bodyEnd: next ? bodyStart + next.index : changelog.length }
}

/** The changelog with its Unreleased entries moved under `## [version] - date`, and that section. */
function rotateChangelog(changelog: string, version: string, date: string): { changelog: string; section: string } {
  const { headingStart, bodyStart, bodyEnd } = unreleasedSection(changelog)
  const body = changelog.slice(bodyStart, bodyEnd).trim()
  // Entries are list items; subheadings (### Added) alone are an empty section.
  if (!/^\s*[-*+] \S/m.test(body)) {
    throw new Refusal(
      'The "## [Unreleased]" section of CHANGELOG.md lists nothing: there is nothing to release. Add the changes first.'
    )
  }
  const section = `## [${version}] - ${date}\n\n${body}\n`
  const rotated = `${changelog.slice(0, headingStart)}## [Unreleased]\n\n${section}\n${changelog.slice(bodyEnd)}`
  return { changelog: `${rotated.trimEnd()}\n`, section }
}

/** The README lines that use this action (`uses: <owner>/<name>@vN`) and the major each names. */
function usageMajors(readme: string, actionName: string): { line: string; major: number }[] {
  const pattern = new RegExp(`uses:\\s*[\\w.-]+/${actionName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@v(\\d+)\\b`)
  const usages: { line: string; major: number }[] = []
  for (const line of readme.split('\n')) {
    const match = pattern.exec(line)
    if (match) usages.push({ line: line.trim(), major: Number(match[1]) })
  }
  return usages
}

function release(requested: string | undefined): void {
  // 1. The version.
  if (!requested) throw new Refusal('Name the version: npm run release -- X.Y.Z')
  const parsed = semver.parse(requested.replace(/^v/, ''))
  if (!parsed) throw new Refusal(`"${requested}" is not a semantic version X.Y.Z (https://semver.org).`)
  // parsed.version drops build metadata: refuse it rather than release something else than was asked.
  if (parsed.build.length > 0)
    throw new Refusal(`"${requested}": build metadata (+...) is not part of a release tag; leave it out.`)
  const version = parsed.version
  const tag = `v${version}`
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string }
  const released = git('tag', '--list', 'v*')
    .split('\n')
    .map(name => semver.valid(name.slice(1)))
    .filter((valid): valid is string => valid !== null)
    .sort(semver.rcompare)
  const newest = released[0]
  if (newest && !semver.gt(version, newest)) {
    throw new Refusal(`${tag} is not above the newest release tag, v${newest}: choose a higher version.`)
  }
  if (semver.lt(version, manifest.version)) {
    throw new Refusal(
      `${tag} is below package.json's version ${manifest.version}: choose ${manifest.version} or higher.`
    )
  }

  // 2. A clean checkout of main.
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD')
  if (branch !== 'main')
    throw new Refusal(`Releases are made from main, and this checkout is on ${branch}: git switch main.`)
  // A tag on a main that lacks commits from the remote could not be pushed as main: check when we can.
  const upstream = spawnSync('git', ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'], {
    cwd: root,
    encoding: 'utf8'
  })
  if (upstream.status === 0) {
    const [remoteName] = upstream.stdout.trim().split('/')
    const fetched = spawnSync('git', ['fetch', '--quiet', remoteName ?? 'origin', 'main'], {
      cwd: root,
      encoding: 'utf8'
    })
    if (fetched.status !== 0) step(`could not fetch ${remoteName} (${fetched.stderr.trim()}); not checked against it.`)
    else if (git('rev-list', '--count', 'HEAD..@{upstream}') !== '0') {
      throw new Refusal(`main is behind ${upstream.stdout.trim()}: git pull --ff-only, then release.`)
    }
  }
  const changes = git('status', '--porcelain')
  if (changes) {
    throw new Refusal(`There are uncommitted changes: commit or stash them, then release.\n${changes}`)
  }

  // 3. Something to release, and a README that tells users the right major.
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8')
  const today = new Date().toISOString().slice(0, 10)
  const rotated = rotateChangelog(changelog, version, today)
  const major = semver.major(version)
  const usages = usageMajors(readFileSync(join(root, 'README.md'), 'utf8'), manifest.name)
  const stale = usages.filter(usage => usage.major !== major)
  if (usages.length === 0 || stale.length > 0) {
    throw new Refusal(
      `The README's usage lines must name @v${major} before ${tag} is released; ` +
        (usages.length === 0
          ? `none uses ${manifest.name}@vN.`
          : `these do not:\n${stale.map(usage => `  ${usage.line}`).join('\n')}`)
    )
  }

  // 4. dist/ is what the sources build.
  step('npm run package, to check that dist/ is what the sources build')
  if (!succeeds(npm, ['run', 'package'])) throw new Refusal('npm run package failed: fix the build first.')
  const staleDist = git('status', '--porcelain', '--', 'dist/')
  if (staleDist) {
    git('checkout', '--', 'dist/')
    git('clean', '-fdq', '--', 'dist/')
    throw new Refusal(`A fresh npm run package changes dist/: run it, commit dist/, then release.\n${staleDist}`)
  }

  // 5. The tests.
  const testCommand = process.env['RELEASE_TEST_COMMAND']
  step(`tests: ${testCommand ?? 'npm test'}`)
  const passed = testCommand ? succeeds(testCommand, [], { shell: true }) : succeeds(npm, ['test'])
  if (!passed) throw new Refusal('The tests fail: fix them, then release.')
  const leftByTests = git('status', '--porcelain')
  if (leftByTests) throw new Refusal(`The tests left changes in the work tree: ${leftByTests}`)

  // The release: version, changelog, commit, annotated tag.
  execFileSync(npm, ['version', version, '--no-git-tag-version', '--allow-same-version'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32'
  })
  writeFileSync(join(root, 'CHANGELOG.md'), rotated.changelog)
  git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md')
  git('commit', '--quiet', '-m', `Release ${tag}`)
  // verbatim: the default cleanup would drop the section's "## " and "### " lines as comments.
  execFileSync('git', ['tag', '--annotate', '--cleanup=verbatim', '--file=-', tag], {
    cwd: root,
    input: rotated.section
  })

  const remote = git('remote').split('\n')[0] || 'origin'
  const prerelease = semver.prerelease(version) ? ' --prerelease' : ''
  console.log(
    [
      '',
      `Released ${tag} here (commit ${git('rev-parse', '--short', 'HEAD')}); nothing was pushed. To publish it:`,
      '',
      `  git push ${remote} main`,
      `  git push ${remote} ${tag}`,
      `  gh release create ${tag} --verify-tag --title ${tag} --notes-from-tag${prerelease}`,
      '',
      `Publishing the release runs .github/workflows/release.yml: it checks dist/, runs the tests, attests`,
      `dist/ and ${prerelease ? `leaves v${major} where it is (a pre-release).` : `moves v${major} to ${tag}.`}`
    ].join('\n')
  )
}

try {
  if (process.argv.length > 3)
    throw new Refusal(`One version, please: npm run release -- X.Y.Z (got ${process.argv.slice(2).join(' ')}).`)
  release(process.argv[2])
} catch (error) {
  if (!(error instanceof Refusal)) throw error
  console.error(`release: refused. ${error.message}`)
  process.exit(1)
}
