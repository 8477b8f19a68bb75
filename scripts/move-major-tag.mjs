// Moves the major tag (v1) to a release (v1.4.2) and pushes it, as the release workflow's last step:
// users who write `uses: owner/cloudfront-invalidate-action@v1` get the release from then on.
//
//   node scripts/move-major-tag.mjs v1.4.2 [--prerelease true|false] [--remote origin]
//
// It refuses, changing nothing, a pre-release, a tag outside vX.Y.Z, a tag that does not exist, and a
// move backwards: when vX already points at a newer vX.Y.Z (a fix released for an older minor must not
// take v1 users back). Re-running it for the release vX already points at does nothing. Tags are read
// from the remote first, so a checkout without them gives the same answer.
import { execFileSync } from 'node:child_process'

const RELEASE = /^v(\d+)\.(\d+)\.(\d+)$/

function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

function commitOf(ref) {
  try {
    return git('rev-parse', '--verify', '--quiet', `refs/tags/${ref}^{commit}`)
  } catch {
    return undefined
  }
}

// By hand, not with semver: the release workflow runs this script without npm ci.
function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

function refuse(message) {
  console.error(`move-major-tag: ${message}`)
  process.exit(1)
}

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  if (at < 0) return fallback
  const [value] = args.splice(at, 2).slice(1)
  if (value === undefined) refuse(`${name} needs a value.`)
  return value
}
const prerelease = option('--prerelease', 'false')
const remote = option('--remote', 'origin')
const [tag, ...extra] = args
if (!tag || extra.length > 0)
  refuse('usage: node scripts/move-major-tag.mjs vX.Y.Z [--prerelease true|false] [--remote origin]')
if (prerelease !== 'false')
  refuse(`${tag} is a pre-release (--prerelease ${prerelease}): the major tag only moves to full releases.`)
const match = RELEASE.exec(tag)
if (!match)
  refuse(`"${tag}" is not a release tag of the form vX.Y.Z (pre-releases and other tags never move a major tag).`)
const version = match.slice(1).map(Number)
const major = `v${version[0]}`

git('fetch', '--quiet', '--force', '--tags', remote)
const target = commitOf(tag)
if (!target) refuse(`there is no tag ${tag} here or at ${remote}: publish the release's tag first.`)

const current = commitOf(major)
if (current === target) {
  console.log(`${major} already points at ${tag} (${target.slice(0, 12)}): nothing to move.`)
  process.exit(0)
}
if (current) {
  // The newest vX.Y.Z that names the commit vX points at: the release users of vX get today.
  let currentRelease
  for (const name of git('tag', '--list', `${major}.*`, '--points-at', current).split('\n')) {
    const found = RELEASE.exec(name)
    if (!found) continue
    const candidate = found.slice(1).map(Number)
    if (!currentRelease || compare(candidate, currentRelease.version) > 0) currentRelease = { name, version: candidate }
  }
  if (!currentRelease) {
    refuse(
      `${major} points at ${current.slice(0, 12)}, which no ${major}.Y.Z release names: check what moved it, then move it by hand.`
    )
  }
  if (compare(version, currentRelease.version) < 0) {
    refuse(
      `${major} points at ${currentRelease.name}, newer than ${tag}: moving it would take ${major} users back. Nothing moved.`
    )
  }
}

git('tag', '--force', major, target)
git('push', '--quiet', '--force', remote, `refs/tags/${major}`)
console.log(
  `${major} now points at ${tag} (${target.slice(0, 12)})${current ? `, was ${current.slice(0, 12)}` : ', its first release'}.`
)
