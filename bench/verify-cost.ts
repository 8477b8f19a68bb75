// The cost of verify: from the poll that saw every invalidation Completed to the step's exit, for a
// deploy of `count` pages served by the emulator's edge with a cache warmed an hour before.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CloudFrontEdge } from '../emulator/edge.js'
import type { CloudFrontEmulator } from '../emulator/server.js'

export interface VerifyCost {
  urls: number
  /** Last GetInvalidation (the one that saw Completed) to the process's exit, ms. */
  completionToVerifiedMs: number
  verified: string
}

interface Exit {
  endedAt: number
  code: number | null
  output: string
}

/**
 * One step with `verify: true` over `count` changed pages (and site-dir), on a distribution of its own
 * whose edge serves a local bucket folder. `run` starts the bundled action with these inputs and
 * resolves with its exit; `outputs` reads the step's outputs after it.
 */
export async function verifyCost(
  emulator: CloudFrontEmulator,
  work: string,
  id: string,
  count: number,
  run: (inputs: Record<string, string>) => Promise<Exit>,
  outputs: () => Record<string, string>
): Promise<VerifyCost> {
  const bucket = `bench-${id.toLowerCase()}`
  const folder = join(work, bucket)
  emulator.addDistribution({ id, origins: [{ id: 'site', domainName: `${bucket}.s3.us-east-1.amazonaws.com` }] })
  const pages = Array.from({ length: count }, (_, i) => `pages/${i % 10}/page-${i}.html`)
  const write = (version: string) => {
    rmSync(folder, { recursive: true, force: true })
    for (const page of pages) {
      mkdirSync(join(folder, page, '..'), { recursive: true })
      writeFileSync(join(folder, page), `<h1>${page}, ${version}</h1>`)
    }
  }
  const edge = new CloudFrontEdge(emulator, { buckets: { [bucket]: folder } })
  try {
    const siteUrl = await edge.serve(id)
    write('version 1')
    edge.warm(
      id,
      pages.map(page => `/${page}`),
      3600
    )
    write('version 2')
    writeFileSync(join(work, `${bucket}.paths`), pages.map(page => `/${page}`).join('\n') + '\n')
    const exit = await run({
      'distribution-id': id,
      'paths-file': join(work, `${bucket}.paths`),
      verify: 'true',
      'site-url': siteUrl,
      'site-dir': folder
    })
    if (exit.code !== 0) throw new Error(`verify of ${count} URLs failed:\n${exit.output}`)
    const polls = emulator.requests.filter(r => r.operation === 'GetInvalidation' && r.url.includes(id))
    const completed = polls[polls.length - 1]
    if (!completed) throw new Error(`verify of ${count} URLs: no GetInvalidation reached the server`)
    return { urls: count, completionToVerifiedMs: exit.endedAt - completed.at, verified: outputs().verified ?? '' }
  } finally {
    await edge.stop()
  }
}
