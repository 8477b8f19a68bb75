import { createHash } from 'node:crypto'
import * as http from 'node:http'
import * as https from 'node:https'
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
 * One GET as a visitor's would be, with `Accept-Encoding: identity` so that the body is the stored
 * bytes, not a compressed form of them. Node's http rather than fetch(): fetch would need undici's own
 * proxy dispatcher, while node:http takes the same proxy agent as the API calls (one set of proxy
 * rules), and it follows no redirect. The body is hashed as it arrives; only its first bytes are kept.
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
        headers: { 'accept-encoding': 'identity', 'user-agent': 'cloudfront-invalidate-action (verify)' },
        signal,
        ...(options.agent ? { agent: options.agent } : {})
      },
      response => {
        const hash = createHash('sha256')
        const head: Buffer[] = []
        let length = 0
        response.on('data', (chunk: Buffer) => {
          hash.update(chunk)
          if (length < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - length))
          length += chunk.length
        })
        response.on('end', () => {
          const age = Number(response.headers.age)
          const location = response.headers.location
          resolve({
            answer: {
              status: response.statusCode ?? 0,
              xCache: headerText(response.headers['x-cache']),
              age: response.headers.age !== undefined && Number.isFinite(age) ? age : undefined,
              location,
              digest: hash.digest('hex'),
              head: Buffer.concat(head),
              length
            }
          })
        })
        response.on('error', error => resolve({ unreachable: failureText(error, signal, timeoutMs) }))
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
