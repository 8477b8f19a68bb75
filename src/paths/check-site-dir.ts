import { join } from 'node:path'
import { InputError } from '../errors.js'
import { count, plural } from '../plural.js'
import { filesExpectedIn, likelySiteDir, siteDirMismatch, type SiteDir } from './site-dir.js'
import type { PathSource } from './source.js'

/** One distribution's planned paths, as verify will ask them: its own URLs (origin path taken off). */
export interface PlannedFiles {
  label: string
  changed: readonly string[]
  sources: readonly PathSource[]
}

/**
 * Before any invalidation, that site-dir is the folder verify should compare with, for each
 * distribution's own URLs: a folder that holds none of the files the deploy uploaded (one level too
 * high, say) would have verify judge every file as deleted and pass. None: an input error naming
 * site-dir and, when one exists below it, the folder that holds them. Few (under half): a warning,
 * returned for the log.
 */
export function checkSiteDirForVerify(site: SiteDir, plans: readonly PlannedFiles[]): string[] {
  const warnings: string[] = []
  for (const plan of plans) {
    const deleted = new Set(plan.sources.flatMap(source => source.deletedPaths?.() ?? []))
    const mismatch = siteDirMismatch(plan.changed, site, deleted)
    if (mismatch === undefined) continue
    const { example, missing, of } = mismatch
    const lookedFor = join(site.dir, ...safeDecode(example).split('/'))
    if (missing === of) {
      const likely = likelySiteDir(filesExpectedIn(plan.changed, deleted), site, example)
      throw new InputError(
        'site-dir',
        site.dir,
        `holds none of the ${plural(of, 'file')} the deploy uploaded that ${plan.label} serves (such as ${example}, looked for as ${lookedFor}), so verify could not compare a single one. ${likely === undefined ? 'Give the folder the deploy uploaded, whose root is the root of the site.' : `${likely} holds them at those paths: give site-dir: ${likely}.`}`
      )
    }
    warnings.push(
      `site-dir ${site.dir}: ${count(missing)} of the ${plural(of, 'file')} the deploy uploaded that ${plan.label} serves are not in it (such as ${example}, looked for as ${lookedFor}). Is it the folder the deploy uploaded, its root the site's root? verify judges those by freshness alone.`
    )
  }
  return warnings
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path.slice(1))
  } catch {
    return path.slice(1) // a malformed escape: shown as it is
  }
}
