// scripts/move-major-tag.mjs against a throwaway repository whose remote is a local bare repository:
// what the release workflow does to `v1` on GitHub, and what it refuses.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { commit, git, runNode, tempDir } from '../__fixtures__/git.js'

const mover = join(process.cwd(), 'scripts', 'move-major-tag.mjs')

describe('move-major-tag', () => {
  const dir = tempDir('move-major-tag-')
  const remote = join(dir.path, 'remote.git')
  const clone = join(dir.path, 'clone')
  const shas: Record<string, string> = {}
  const remoteTag = (name: string): string | undefined => {
    const line = git(remote, 'ls-remote', '--tags', remote, `refs/tags/${name}`)
    return line ? line.split('\t')[0] : undefined
  }
  const move = (...args: string[]) => runNode(clone, mover, args)

  beforeAll(() => {
    git(dir.path, 'init', '-q', '--bare', remote)
    git(dir.path, 'clone', '-q', remote, clone)
    for (const version of ['v1.0.0', 'v1.1.0', 'v2.0.0']) {
      shas[version] = commit(clone, `release ${version}`)
      git(clone, 'tag', '-a', version, '-m', `Release ${version}`)
    }
    // A fix for 1.0 on a branch of its own, released after 1.1.
    git(clone, 'checkout', '-q', '-b', 'fix-1.0', shas['v1.0.0']!)
    shas['v1.0.1'] = commit(clone, 'release v1.0.1')
    git(clone, 'tag', 'v1.0.1')
    shas['v1.2.0-rc.1'] = commit(clone, 'release candidate')
    git(clone, 'tag', 'v1.2.0-rc.1')
    git(clone, 'push', '-q', 'origin', 'main', 'fix-1.0', '--tags')
  })
  afterAll(() => dir.remove())

  it('creates the major tag on the first release and pushes it', () => {
    const result = move('v1.0.0')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('v1 now points at v1.0.0')
    expect(remoteTag('v1')).toBe(shas['v1.0.0'])
  })

  it('moves it to a newer release', () => {
    const result = move('v1.1.0', '--prerelease', 'false')
    expect(result.status).toBe(0)
    expect(remoteTag('v1')).toBe(shas['v1.1.0'])
  })

  it('does nothing when the major tag already points at the release (a re-run)', () => {
    const result = move('v1.1.0')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('already points at v1.1.0')
    expect(remoteTag('v1')).toBe(shas['v1.1.0'])
  })

  it('refuses to take it backwards to an older release', () => {
    const result = move('v1.0.1')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('v1 points at v1.1.0, newer than v1.0.1')
    expect(remoteTag('v1')).toBe(shas['v1.1.0'])
  })

  it('refuses a pre-release, by the release flag or by the tag', () => {
    const flagged = move('v2.0.0', '--prerelease', 'true')
    expect(flagged.status).toBe(1)
    expect(flagged.stderr).toContain('v2.0.0 is a pre-release')
    expect(remoteTag('v2')).toBeUndefined()
    const tagged = move('v1.2.0-rc.1')
    expect(tagged.status).toBe(1)
    expect(tagged.stderr).toContain('"v1.2.0-rc.1" is not a release tag of the form vX.Y.Z')
    expect(remoteTag('v1')).toBe(shas['v1.1.0'])
  })

  it('refuses a tag that does not exist', () => {
    const result = move('v1.9.0')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('there is no tag v1.9.0')
    expect(remoteTag('v1')).toBe(shas['v1.1.0'])
  })

  it('starts a new major tag and leaves the old one', () => {
    const result = move('v2.0.0')
    expect(result.status).toBe(0)
    expect(remoteTag('v2')).toBe(shas['v2.0.0'])
    expect(remoteTag('v1')).toBe(shas['v1.1.0'])
  })

  it('refuses when the major tag was moved by hand to a commit no release names', () => {
    git(clone, 'tag', '-f', 'v2', shas['v1.2.0-rc.1']!)
    git(clone, 'push', '-q', '--force', 'origin', 'refs/tags/v2')
    const result = move('v2.0.0')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('which no v2.Y.Z release names')
    expect(remoteTag('v2')).toBe(shas['v1.2.0-rc.1'])
  })
})
