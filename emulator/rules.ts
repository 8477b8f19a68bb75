import { XMLParser } from 'fast-xml-parser'

/**
 * What CloudFront documents and enforces for invalidations: its limits, which paths it rejects, and how
 * it reads an InvalidationBatch. Written from CloudFront's documentation, sharing no code with src/.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export const LIMITS = {
  itemsPerRequest: 3000,
  filesInProgress: 3000,
  wildcardsInProgress: 15,
  pathLength: 4000,
  tagLength: 256,
  /** ListInvalidations and ListDistributions answer at most this many items a page. */
  maxItems: 100
}

// The characters CloudFront requires percent-encoded in a path (RFC 1738 unsafe, non-ASCII, controls).
const MUST_BE_ENCODED = /[^\x21-\x7e]|["<>{}|\\^[\]`]/

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: name => name === 'Path',
  trimValues: false
})

/** Reads an InvalidationBatch as CloudFront validates it. */
export function parseBatch(body: string): { callerReference: string; paths: string[] } {
  if (body.trim() === '')
    throw new ApiError(
      400,
      'MissingBody',
      'This operation requires a body. Ensure that the body is present and the Content-Type header is set.'
    )
  let doc: {
    InvalidationBatch?: { CallerReference?: unknown; Paths?: { Quantity?: unknown; Items?: { Path?: unknown[] } | '' } }
  }
  try {
    doc = parser.parse(body, true) as typeof doc
  } catch (error) {
    throw new ApiError(400, 'MalformedInput', `The XML you provided was not well-formed: ${String(error)}`)
  }
  const batch = doc.InvalidationBatch
  if (!batch || batch.Paths === undefined)
    throw new ApiError(400, 'MissingBody', 'The request has no InvalidationBatch with Paths.')
  const callerReference = typeof batch.CallerReference === 'string' ? batch.CallerReference : ''
  if (callerReference === '') throw new ApiError(400, 'InvalidArgument', 'CallerReference is required.')
  const quantityText = String(batch.Paths.Quantity ?? '')
  const items = batch.Paths.Items
  const paths = items && typeof items === 'object' && Array.isArray(items.Path) ? items.Path.map(String) : []
  if (!/^\d+$/.test(quantityText) || Number(quantityText) !== paths.length) {
    throw new ApiError(
      400,
      'InconsistentQuantities',
      `The value of Quantity (${quantityText}) and the size of Items (${paths.length}) do not match.`
    )
  }
  if (paths.length === 0) throw new ApiError(400, 'InvalidArgument', 'Paths must contain at least one item.')
  if (paths.length > LIMITS.itemsPerRequest) {
    throw new ApiError(
      413,
      'BatchTooLarge',
      `Invalidation batch specified is too large: ${paths.length} paths, at most ${LIMITS.itemsPerRequest}.`
    )
  }
  for (const path of paths) {
    const problem = pathProblem(path)
    if (problem)
      throw new ApiError(
        400,
        'InvalidArgument',
        `Your request contains one or more invalid invalidation paths: ${JSON.stringify(path)} ${problem}.`
      )
  }
  return { callerReference, paths }
}

/** Why CloudFront would reject an item, or undefined. */
export function pathProblem(path: string): string | undefined {
  if (path.startsWith('#')) {
    if (path.length > LIMITS.tagLength) return `is a cache tag over ${LIMITS.tagLength} characters`
    if (path.length === 1 || !/^#[\x21-\x7e]+$/.test(path) || path.includes(',')) return 'is not a valid cache tag'
    return undefined
  }
  if (!path.startsWith('/')) return 'does not start with /'
  if (path.length > LIMITS.pathLength) return `is over ${LIMITS.pathLength} characters`
  const star = path.indexOf('*')
  if (star !== -1 && star !== path.length - 1) return 'has * before its end'
  if (MUST_BE_ENCODED.test(path) || path.includes('#') || /%(?![0-9A-Fa-f]{2})/.test(path))
    return 'holds characters that must be URL-encoded'
  return undefined
}

/** MaxItems of a list request: 1 to 100, as CloudFront takes it. */
export function maxItemsOf(url: URL): number {
  const text = url.searchParams.get('MaxItems') ?? String(LIMITS.maxItems)
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > LIMITS.maxItems) {
    throw new ApiError(
      400,
      'InvalidArgument',
      `MaxItems must be a whole number from 1 to ${LIMITS.maxItems}, not "${text}".`
    )
  }
  return Number(text)
}
