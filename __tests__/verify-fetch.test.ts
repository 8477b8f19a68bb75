/** The requests verify sends to the edge: what they ask for, what they report, at most 8 at a time. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { AddressInfo } from 'node:net'
import { askEdge, CONCURRENCY, eachLimited } from '../src/verify/fetch.js'

let server: Server
let base: string
const seen: IncomingHttpHeaders[] = []
let inFlight = 0
let mostInFlight = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers)
    if (req.url === '/hang') return undefined // never answers
    inFlight++
    mostInFlight = Math.max(mostInFlight, inFlight)
    const done = () => inFlight--
    if (req.url === '/moved') {
      res.writeHead(301, { location: '/target', 'x-cache': 'Hit from cloudfront', age: '7' })
      return res.end(done)
    }
    if (req.url === '/gzip' || req.url === '/br') {
      const page = Buffer.from('<h1>compressed</h1>')
      res.writeHead(200, {
        'content-encoding': req.url.slice(1),
        via: '1.1 abc.cloudfront.net (CloudFront)',
        age: '12 s'
      })
      return res.end(req.url === '/gzip' ? gzipSync(page) : brotliCompressSync(page), done)
    }
    if (req.url === '/big') {
      res.writeHead(200, { 'x-cache': 'Miss from cloudfront' })
      res.write(Buffer.alloc(100_000, 0x61))
      return res.end(done)
    }
    return setTimeout(() => {
      res.writeHead(200, { 'x-cache': 'Miss from cloudfront' })
      res.end('hello', done)
    }, 20)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

const options = { agent: undefined, signal: new AbortController().signal }

describe('askEdge', () => {
  it("GETs with a browser's Accept-Encoding and reports status, headers and the digest of the body", async () => {
    const asked = await askEdge(new URL('/big', base), options)
    // The cache entry visitors use: CloudFront keys on the normalized Accept-Encoding.
    expect(seen.at(-1)?.['accept-encoding']).toBe('gzip, deflate, br')
    expect(asked).toMatchObject({
      answer: {
        status: 200,
        xCache: 'Miss from cloudfront',
        age: undefined,
        length: 100_000,
        digest: createHash('sha256').update(Buffer.alloc(100_000, 0x61)).digest('hex')
      }
    })
    expect('answer' in asked && asked.answer.head.length).toBe(64)
    expect('answer' in asked && asked.answer.fromCloudFront).toBe(true)
  })

  it('a gzip or br body is hashed as the stored bytes; an Age with a unit is read by its digits', async () => {
    for (const encoding of ['gzip', 'br']) {
      const asked = await askEdge(new URL(`/${encoding}`, base), options)
      expect(asked).toMatchObject({
        answer: {
          status: 200,
          age: 12,
          fromCloudFront: true,
          digest: createHash('sha256').update('<h1>compressed</h1>').digest('hex')
        }
      })
    }
  })

  it('follows no redirect: the redirect itself is the answer, with its Age and Location', async () => {
    const asked = await askEdge(new URL('/moved', base), options)
    expect(asked).toMatchObject({ answer: { status: 301, location: '/target', age: 7 } })
  })

  it('an edge that does not answer in time, or cannot be reached, is reported as such', async () => {
    expect(await askEdge(new URL('/hang', base), { ...options, timeoutMs: 300 })).toEqual({
      unreachable: 'no answer within 0.3 s'
    })
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    const asked = await askEdge(new URL(`http://127.0.0.1:${port}/`), options)
    expect(asked).toMatchObject({ unreachable: expect.stringContaining('could not be reached (ECONNREFUSED') })
  })
})

describe('eachLimited', () => {
  it(`keeps at most ${CONCURRENCY} requests in flight and the results in order`, async () => {
    mostInFlight = 0
    const urls = Array.from({ length: 30 }, (_, i) => `/page-${i}`)
    const results = await eachLimited(urls, CONCURRENCY, async url => {
      const asked = await askEdge(new URL(url, base), options)
      return `${url} ${'answer' in asked ? asked.answer.status : 'none'}`
    })
    expect(results).toEqual(urls.map(url => `${url} 200`))
    expect(mostInFlight).toBe(CONCURRENCY)
  })
})
