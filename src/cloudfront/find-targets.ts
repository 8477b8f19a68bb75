import * as core from '@actions/core'
import type { StepContext } from '../step-context.js'
import { InputError } from '../errors.js'
import type { Settings } from '../inputs.js'
import type { NamedFiles } from '../paths/read-files.js'
import { plural } from '../plural.js'
import { partitionOf, type Target } from '../targets.js'
import type { DistributionInfo } from './client.js'
import { shown } from '../report/shown.js'

/** The targets, and what a ListDistributions pass listed while finding them (the next stage reuses it). */
export interface FoundTargets {
  targets: Target[]
  listed: Map<string, DistributionInfo> | undefined
}

/**
 * The targets: the IDs as given, and the distributions the step names by domain or tags, or, when it
 * names none and gives a sync-log, every distribution that serves the sync-log's bucket; found by
 * read-only lookups (a dry run makes them too). The lookup module is loaded only when needed.
 */
export async function findTargets({ settings, files, api, description, clock }: StepContext): Promise<FoundTargets> {
  const byBucket = settings.targets.length === 0 && settings.domains.length === 0 && settings.tags.length === 0
  if (!byBucket && settings.domains.length === 0 && settings.tags.length === 0) {
    return { targets: settings.targets, listed: undefined }
  }
  const { resolveTargets, findByBucket } = await import('./lookup.js')
  const title = `Finding distributions${settings.dryRun ? ' (read-only lookups, made in a dry run too)' : ''}`
  clock.enter('finding the distributions')
  // core.group closes the group however the lookup ends, so that a failure is not folded into it.
  return core.group(title, async () => {
    const partition = partitionOf(settings.awsRegion)
    const { signal } = clock
    const found = byBucket
      ? await findByBucket(await api(), syncedBucket(files), partition, signal)
      : await resolveTargets(
          await api(),
          {
            ids: settings.targets.filter(t => t.kind === 'distribution').map(t => t.id),
            domains: settings.domains,
            tags: settings.tags,
            partition
          },
          signal
        )
    for (const r of found.resolutions) {
      description.found.push(`${r.given} → ${r.ids.join(', ')} (${r.how})`)
    }
    core.info(`Searched ${plural(found.searched, 'distribution')}:`)
    for (const line of description.found) core.info(`  ${shown(line)}`)
    return { targets: [...found.targets, ...settings.targets.filter(t => t.kind === 'tenant')], listed: found.listed }
  })
}

/** The one bucket the sync-logs name, to find its distributions by; a named bucket, not an access point. */
function syncedBucket(files: NamedFiles): string {
  const bucket = [...new Set(files.syncLogs.flatMap(log => [...log.stats.buckets]))][0]
  if (bucket === undefined || bucket.startsWith('arn:')) {
    throw new InputError(
      'distribution-id',
      '',
      `is empty, and the sync-log ${bucket === undefined ? 'names no object' : `went through the access point ${bucket}`}, so no distribution can be found by its bucket: name the distribution in distribution-id.`
    )
  }
  return bucket
}

/** site-url names one site: with several distributions (named, or found by tags or bucket) it cannot say which. */
export function checkSiteUrl(settings: Settings, targets: readonly Target[]): void {
  if (settings.siteUrl === undefined || targets.length <= 1) return
  throw new InputError(
    'site-url',
    settings.siteUrl.href,
    `names one site, and the step found ${targets.length} distributions to invalidate: drop site-url (each is then asked at its own domain name), or verify each in a step of its own.`
  )
}
