import type { Settings } from '../inputs.js'
import { readPathsFile } from './paths-file.js'
import { readSiteDir, type SiteDir } from './site-dir.js'
import { listSource, type PathSource } from './source.js'
import { readSyncLogs, type SyncLogSource } from './sync-log.js'

/** The files the inputs name, read and checked, and every source of paths in order. */
export interface NamedFiles {
  /** The `paths` input, the paths-file, then each sync-log; or the default /* when none is given. */
  sources: PathSource[]
  /** The sync-logs among `sources`, for what they held and skipped. */
  syncLogs: SyncLogSource[]
  siteDir: SiteDir | undefined
}

/**
 * Opens every file an input names, after every input is parsed and before any request: an unreadable
 * file, a paths-file with no path or a sync-log of two buckets fails the step here, with the input's
 * name. A paths-file is kept as bytes and the site folder is walked only if a reduction asks for it.
 */
export function readNamedFiles(settings: Settings): NamedFiles {
  const syncLogs = readSyncLogs(settings.syncLogFiles, settings.originPath)
  const siteDir = settings.siteDir === undefined ? undefined : readSiteDir(settings.siteDir)
  const sources: PathSource[] = settings.paths.length === 0 ? [] : [listSource('paths', settings.paths)]
  if (settings.pathsFile !== undefined) sources.push(readPathsFile(settings.pathsFile))
  sources.push(...syncLogs)
  // The one default that code applies: nothing given at all means the whole distribution. A sync-log
  // that changed nothing is not "nothing given": it means nothing to invalidate.
  if (sources.length === 0) sources.push(listSource('default', [['/*', 0]]))
  return { sources, syncLogs, siteDir }
}
