import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs'
import { join, parse, relative, resolve } from 'node:path'
import { InputError, messageOf } from '../errors.js'
import { isWildcard, keyToPath } from './normalize.js'
import { lowerBound } from './reduce.js'

/** The objects a deploy uploaded from its local folder, as the URL paths that serve them. */
export interface SiteDir {
  readonly dir: string
  /** Every file below the folder as its URL path (sorted), read on first use: only a reduction needs it. */
  urlPaths(): readonly string[]
}

/** One folder's entries: readdirSync, or what a test puts in its place (a folder that cannot be read). */
export type ReadFolder = (folder: string) => Dirent[]

const readFolder: ReadFolder = folder => readdirSync(folder, { withFileTypes: true })

/**
 * Checks now that the folder exists and is not a filesystem root, so a typo fails before any request;
 * reads it only when asked (a reduction, before any request too), and an error while walking it names
 * site-dir and the folder inside it.
 */
export function readSiteDir(dir: string, read: ReadFolder = readFolder): SiteDir {
  const fullPath = resolve(dir)
  let isDirectory: boolean
  let realPath: string
  try {
    isDirectory = statSync(fullPath).isDirectory()
    realPath = realpathSync(fullPath)
  } catch (error) {
    throw new InputError(
      'site-dir',
      dir,
      `cannot be read (${messageOf(error)}): give the folder the deploy uploaded (such as public), relative to the workspace (${process.cwd()}).`
    )
  }
  if (!isDirectory) {
    throw new InputError(
      'site-dir',
      dir,
      'is a file, not a folder: give the folder the deploy uploaded, such as public.'
    )
  }
  // "/" (or a drive root) holds the whole system: /proc alone changes while it is walked. Never the site.
  if (parse(realPath).root === realPath) {
    throw new InputError(
      'site-dir',
      dir,
      `is the root of the filesystem (${realPath}): give the folder the deploy uploaded, such as public, relative to the workspace (${process.cwd()}).`
    )
  }
  let paths: string[] | undefined
  return {
    dir,
    urlPaths() {
      paths ??= walked(dir, fullPath, read)
      return paths
    }
  }
}

/** The walk, with any error it meets as an input error that names site-dir and where inside it. */
function walked(dir: string, fullPath: string, read: ReadFolder): string[] {
  const at = { folder: fullPath }
  try {
    return listUrlPaths(fullPath, read, at)
  } catch (error) {
    const inside = relative(fullPath, at.folder).split(/[\\/]/).join('/')
    throw new InputError(
      'site-dir',
      dir,
      `could not be walked at ${inside === '' ? 'its top folder' : `${inside} inside it`} (${messageOf(error)}): every folder under it must be readable by the runner's user and stay in place while the step runs: fix that folder's permissions (or what removes it), or give site-dir the folder the deploy uploaded.`
    )
  }
}

/** Most changed files are not in site-dir: it is not the folder the deploy uploaded (one level off, say). */
export interface SiteDirMismatch {
  dir: string
  /** Changed files (not deleted) not found under it, of how many. */
  missing: number
  of: number
  /** The first such path. */
  example: string
}

/**
 * The folder below site-dir that holds most of the changed files at their paths (`public` when
 * site-dir is the workspace), or undefined when none does: a guess for the error message, from the
 * folders whose files end with the first missing path.
 */
export function likelySiteDir(items: readonly string[], site: SiteDir, example: string): string | undefined {
  const files = site.urlPaths()
  const prefixes = new Set<string>()
  for (const file of files) {
    if (file.length > example.length && file.endsWith(example)) prefixes.add(file.slice(0, -example.length))
    if (prefixes.size === 5) break
  }
  let best: { prefix: string; found: number } | undefined
  for (const prefix of prefixes) {
    let found = 0
    for (const item of items) if (files[lowerBound(files, prefix + item)] === prefix + item) found++
    if (best === undefined || found > best.found) best = { prefix, found }
  }
  if (best === undefined) return undefined
  let folder = best.prefix.slice(1)
  try {
    folder = decodeURIComponent(folder)
  } catch {
    // A malformed escape: the folder is shown as its URL path.
  }
  return join(site.dir, ...folder.split('/'))
}

/**
 * Checks that site-dir holds most of the files the paths name, before its files are trusted to count
 * what a wildcard refreshes without need: a folder one level off holds none of them, and the counts
 * would then be fiction. Deleted objects, wildcards, directory URLs and cache tags are not looked for.
 */
export function siteDirMismatch(
  items: readonly string[],
  site: SiteDir,
  deleted: ReadonlySet<string>
): SiteDirMismatch | undefined {
  const files = site.urlPaths()
  const expected = filesExpectedIn(items, deleted)
  let missing = 0
  let example: string | undefined
  for (const path of expected) {
    if (files[lowerBound(files, path)] !== path) {
      missing++
      example ??= path
    }
  }
  return example !== undefined && missing * 2 > expected.length
    ? { dir: site.dir, missing, of: expected.length, example }
    : undefined
}

/** The files among the paths that site-dir should hold: not wildcards, directory URLs, cache tags or deleted objects; the query dropped. */
export function filesExpectedIn(items: readonly string[], deleted: ReadonlySet<string>): string[] {
  return items
    .filter(item => !isWildcard(item) && !item.endsWith('/') && !item.startsWith('#') && !deleted.has(item))
    .map(item => (item.includes('?') ? item.slice(0, item.indexOf('?')) : item))
}

/**
 * A plain walk, one readdir per folder, each key built from its folder's: Node's recursive readdir
 * stats every entry again and joins and relativizes every path, which cost seconds for 200,000 files.
 */
function listUrlPaths(root: string, read: ReadFolder, at: { folder: string }): string[] {
  const paths: string[] = []
  const pending: { folder: string; prefix: string }[] = [{ folder: root, prefix: '' }]
  const linkedFolders = new Set<string>([realpathSync(root)])
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { folder, prefix } = next
    at.folder = folder
    for (const entry of read(folder)) {
      const key = prefix + entry.name
      if (entry.isFile()) {
        paths.push(keyToPath(key))
      } else if (entry.isDirectory()) {
        pending.push({ folder: join(folder, entry.name), prefix: `${key}/` })
      } else if (entry.isSymbolicLink()) {
        // aws s3 sync follows symbolic links by default: a link to a file is an object, a link to a
        // folder is walked (once each: a link back up would otherwise loop).
        const target = join(folder, entry.name)
        at.folder = target
        const kind = kindBehindLink(target)
        if (kind === 'file') paths.push(keyToPath(key))
        if (kind === 'folder' && !linkedFolders.has(realpathSync(target))) {
          linkedFolders.add(realpathSync(target))
          pending.push({ folder: target, prefix: `${key}/` })
        }
      }
    }
  }
  return paths.sort()
}

function kindBehindLink(path: string): 'file' | 'folder' | 'none' {
  try {
    const stats = statSync(path)
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'none'
  } catch {
    return 'none' // a dangling link: aws s3 sync skips it with a warning
  }
}
