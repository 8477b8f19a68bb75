import { readdirSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { InputError, messageOf } from '../errors.js'
import { keyToPath } from './normalize.js'

/** The objects a deploy uploaded from its local folder, as the URL paths that serve them. */
export interface SiteDir {
  readonly dir: string
  /** Every file below the folder as its URL path (sorted), read on first use: only a reduction needs it. */
  urlPaths(): readonly string[]
}

/** Checks now that the folder exists, so a typo fails before any request; reads it only when asked. */
export function readSiteDir(dir: string): SiteDir {
  const fullPath = resolve(dir)
  let isDirectory: boolean
  try {
    isDirectory = statSync(fullPath).isDirectory()
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
  let paths: string[] | undefined
  return {
    dir,
    urlPaths() {
      paths ??= listUrlPaths(fullPath)
      return paths
    }
  }
}

function listUrlPaths(root: string): string[] {
  const paths: string[] = []
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name)
    // aws s3 sync follows symbolic links by default, so a link to a file is an object too.
    const isFile = entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(file))
    if (!isFile) continue
    const key = relative(root, file).split(sep).join('/')
    paths.push(keyToPath(key))
  }
  return paths.sort()
}

function isFileBehindLink(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false // a dangling link: aws s3 sync skips it with a warning
  }
}
