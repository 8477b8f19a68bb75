import {
  ListInvalidationsCommand,
  ListInvalidationsForDistributionTenantCommand,
  type CloudFrontClient
} from '@aws-sdk/client-cloudfront'
import type { Target } from '../targets.js'
import { invalidationId, required, type ListedInvalidation } from './client.js'

// ListInvalidations pages read at most when looking for what is in progress (100 a page).
const IN_PROGRESS_PAGES = 3

/**
 * ListInvalidations (…ForDistributionTenant): the target's invalidations in progress. Loaded only by a
 * step that CloudFront refuses with TooManyInvalidationsInProgress (create.ts).
 */
export async function listInProgress(
  client: CloudFrontClient,
  target: Target,
  signal: AbortSignal
): Promise<ListedInvalidation[]> {
  const listed: ListedInvalidation[] = []
  let marker: string | undefined
  // Newest first: the in-progress ones lead the list, so a page that ends with a completed one ends
  // the search. Past three pages the rest stay unseen: the next refusal looks again.
  for (let page = 0; page < IN_PROGRESS_PAGES; page++) {
    const paging = { MaxItems: 100, ...(marker === undefined ? {} : { Marker: marker }) }
    const output =
      target.kind === 'distribution'
        ? await client.send(new ListInvalidationsCommand({ DistributionId: target.id, ...paging }), {
            abortSignal: signal
          })
        : await client.send(new ListInvalidationsForDistributionTenantCommand({ Id: target.id, ...paging }), {
            abortSignal: signal
          })
    const list = required(output.InvalidationList, 'ListInvalidations')
    const items = list.Items ?? []
    for (const item of items) {
      if (item.Status === 'Completed') continue
      listed.push({
        // An ID of another shape would reach the log ("waits for …") and the polls: a malformed answer.
        invalidationId: invalidationId(required(item.Id, 'ListInvalidations'), 'ListInvalidations'),
        createdAt: item.CreateTime?.getTime() ?? 0
      })
    }
    const last = items[items.length - 1]
    if (!list.IsTruncated || !list.NextMarker || last === undefined || last.Status === 'Completed') break
    marker = list.NextMarker
  }
  return listed
}
