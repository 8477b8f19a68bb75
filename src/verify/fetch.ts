import { createHash } from 'node:crypto'
import * as http from 'node:http'
import * as https from 'node:https'
import type { Readable } from 'node:stream'
import * as zlib from 'node:zlib'
import type { Asked } from './judge.js'

/** At most this many requests to the edge at a time: a visitor's browser opens about as many. */
export const CONCURRENCY = 8
/** One request's limit: an edge that takes longer is reported as not answering, never as stale. */
export const REQUEST_TIMEOUT_MS = 10_000
const HEAD_BYTES = 64

export interface AskOptions {
  /** The proxy routing agent (client.ts proxyRouting) when a proxy variable is set, as for the API calls. */
  agent: http.Agent | undefined
  signal: AbortSignal
  timeoutMs?: number
}

/**
 * What a browser sends: CloudFront's cache key includes the normalized Accept-Encoding when
 * compression is on, so asking with `identity` would read a cache entry no visitor uses (a Miss,
 * fresh from the origin, beside a stale gzip copy). The body is decompressed before it is hashed.
 */
export const ACCEPT_ENCODING = 'gzip, deflate, br'

/**
 * One GET as a visitor's would be. Node's http rather than fetch(): fetch would need undici's own
 * proxy dispatcher, while node:http takes the same proxy agent as the API calls (one set of proxy
 * rules), and it follows no redirect. The body is decompressed and hashed as it arrives; only its
 * first bytes are kept.
 */
export function askEdge(url: URL, options: AskOptions): Promise<Asked> {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
  const send = url.protocol === 'https:' ? https.request : http.request
  return new Promise<Asked>(resolve => {
    const request = send(
      url,
      {
        method: 'GET',
        headers: { 'accept-encoding': ACCEPT_ENCODING, 'user-agent': 'cloudfront-invalidate-action (verify)' },
        signal,
        ...(options.agent ? { agent: options.agent } : {})
      },
      response => {
        const hash = createHash('sha256')
        const head: Buffer[] = []
        let length = 0
        const body = decoded(response)
        body.on('data', (chunk: Buffer) => {
          hash.update(chunk)
          if (length < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - length))
          length += chunk.length
        })
        body.on('end', () => {
          const { headers } = response
          resolve({
            answer: {
              status: response.statusCode ?? 0,
              xCache: headerText(headers['x-cache']),
              age: ageOf(headers.age),
              location: headers.location,
              digest: hash.digest('hex'),
              head: Buffer.concat(head),
              length,
              fromCloudFront:
                /cloudfront/i.test(headerText(headers['x-cache']) ?? '') ||
                /cloudfront/i.test(headerText(headers.via) ?? '') ||
                headers['x-amz-cf-id'] !== undefined
            }
          })
        })
        const failed = (error: Error) => resolve({ unreachable: failureText(error, signal, timeoutMs) })
        response.on('error', failed)
        if (body !== response) body.on('error', failed)
      }
    )
    request.on('error', error => resolve({ unreachable: failureText(error, signal, timeoutMs) }))
    request.end()
  })
}

/** Runs `work` on every item, at most `limit` at a time, results in the items' order. */
export async function eachLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** The body as stored: decompressed when the edge compressed it (gzip, deflate, br). */
function decoded(response: http.IncomingMessage): Readable {
  const encoding = headerText(response.headers['content-encoding'])?.trim().toLowerCase()
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined
  return decoder === undefined ? response : response.pipe(decoder)
}

/**
 * Age in whole seconds. A proxy or a second CDN in front can send it oddly ("3600 s"); its leading
 * digits are still the age, and an Age that says nothing readable is no evidence either way.
 */
function ageOf(value: string | undefined): number | undefined {
  const digits = value === undefined ? null : /^\s*(\d+)/.exec(value)
  return digits === null ? undefined : Number(digits[1])
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value
}

function failureText(error: Error, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted && (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`
  }
  const code = (error as NodeJS.ErrnoException).code
  return `could not be reached (${code ? `${code}: ` : ''}${error.message})`
}
