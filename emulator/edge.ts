import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { extname, join } from 'node:path'
import { listenOnLoopback } from './listen.js'
import type { CloudFrontEmulator } from './server.js'
import type { StoredOrigin } from './state.js'

/**
 * CloudFront's edge for the emulator's distributions: what a visitor gets at the distribution's domain
 * name. It serves a local folder per S3 bucket through each distribution's configuration (cache
 * behaviors in order, origin groups, OriginPath, DefaultRootObject), answering as the two S3 origin
 * kinds do (the REST endpoint: 403 AccessDenied for a missing key; the website endpoint: index
 * documents, a 302 for a folder without its slash, 404 pages), and caches every answer per URL as
 * CloudFront documents it: `X-Cache: Hit from cloudfront` with `Age` while a copy is held, a `Miss`
 * when the origin is asked, a `RefreshHit` when a copy past its TTL is revalidated unchanged. A copy
 * is dropped only by a Completed invalidation of its distribution that covers its URL (wildcards too)
 * and was created after the copy was cached. So a test can warm the cache with the previous version of
 * a site, deploy the new one to the folder, and see exactly what a visitor would see.
 */

/** What the edge reads from the CloudFront endpoint it stands beside: distributions and invalidations. */
export type EdgeSource = Pick<CloudFrontEmulator, 'distribution' | 'invalidations' | 'statusOf'>

export interface EdgeOptions {
  /** What each S3 bucket holds: a local folder per bucket name (its files are the keys). */
  buckets: Record<string, string>
  /** The website endpoint's IndexDocument, per bucket (default index.html). */
  indexDocuments?: Record<string, string>
  /** Serve https with this key and certificate (PEM), for the distribution's own domain name. */
  tls?: { key: string; cert: string }
  /** Seconds a copy is served before it is revalidated with the origin (CloudFront's default TTL: one day). */
  ttlSeconds?: number
}

/** One request the edge answered, for tests to assert on. */
export interface EdgeRequest {
  distributionId: string
  method: string
  path: string
  headers: Readonly<Record<string, string | string[] | undefined>>
  status: number
  xCache: string
}

interface OriginAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

interface CachedCopy extends OriginAnswer {
  cachedAt: number
}

const DEFAULT_TTL_SECONDS = 86_400
const HIT = 'Hit from cloudfront'
const MISS = 'Miss from cloudfront'
const REFRESH_HIT = 'RefreshHit from cloudfront'
const ERROR = 'Error from cloudfront'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.woff2': 'font/woff2'
}

// The S3 endpoint forms of a bucket: REST (B.s3.amazonaws.com, B.s3.REGION…, B.s3-REGION…, dualstack)
// and website (B.s3-website-REGION…, B.s3-website.REGION…).
const REST = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/
const WEBSITE = /^(.+)\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/

export class CloudFrontEdge {
  private readonly servers = new Map<string, Server>()
  private readonly sockets = new Set<Socket>()
  /** Per distribution, per URL path: the copy held. */
  private readonly cache = new Map<string, Map<string, CachedCopy>>()
  private readonly refusals = new Map<string, number>()
  private readonly faults = new Map<string, ({ reset: 'after-first' } | { status: number }) & { asked: number }>()
  private readonly answered: EdgeRequest[] = []

  constructor(
    private readonly source: EdgeSource,
    private readonly options: EdgeOptions
  ) {}

  /**
   * Starts the edge of one distribution on 127.0.0.1 (on `port`, default a free one) and returns its
   * base URL (http, or https with `tls`).
   */
  async serve(distributionId: string, port?: number): Promise<string> {
    this.source.distribution(distributionId) // fails now for an unknown ID
    const handler = (req: IncomingMessage, res: ServerResponse) => this.handle(distributionId, req, res)
    const { server, url } = await listenOnLoopback(handler, { port, tls: this.options.tls }, this.sockets)
    this.servers.set(distributionId, server)
    return url
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await Promise.all([...this.servers.values()].map(server => new Promise(resolve => server.close(resolve))))
    this.servers.clear()
  }

  /**
   * Fills the cache as visitors would have, `secondsAgo` seconds ago: each URL is fetched from the
   * origin now (the folder as it is: the previous version of the site) and held as if cached then.
   */
  warm(distributionId: string, paths: readonly string[], secondsAgo = 0): void {
    const copies = this.copiesOf(distributionId)
    for (const path of paths) {
      copies.set(path, { ...this.fromOrigin(distributionId, path), cachedAt: Date.now() - secondsAgo * 1000 })
    }
  }

  /** Answers every request to this distribution with `status`, as WAF, a geo restriction or signed URLs do (undefined: serve again). */
  refuse(distributionId: string, status: number | undefined): void {
    if (status === undefined) this.refusals.delete(distributionId)
    else this.refusals.set(distributionId, status)
  }

  /**
   * A fault at one URL of one distribution, for tests: `reset` answers the first ask as usual and then
   * resets the connection of every later one (as a keep-alive close can); `status` answers every ask
   * with that status, fresh (a rate limit, a proxy's 407); undefined clears it.
   */
  faultAt(
    distributionId: string,
    path: string,
    fault: { reset: 'after-first' } | { status: number } | undefined
  ): void {
    const key = `${distributionId} ${path}`
    if (fault === undefined) this.faults.delete(key)
    else this.faults.set(key, { ...fault, asked: 0 })
  }

  /** Every request answered, in order. */
  get requests(): readonly EdgeRequest[] {
    return this.answered
  }

  private handle(distributionId: string, req: IncomingMessage, res: ServerResponse): void {
    // CloudFront's default cache policy (CachingOptimized) keys on the path alone.
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const fault = this.faults.get(`${distributionId} ${path}`)
    if (fault && 'reset' in fault && fault.asked++ > 0) {
      this.answered.push({
        distributionId,
        method: req.method ?? '',
        path,
        headers: { ...req.headers },
        status: 0,
        xCache: 'reset'
      })
      req.socket.resetAndDestroy()
      return
    }
    const { status, headers, body, xCache } =
      fault && 'status' in fault
        ? { ...errorPage(fault.status, 'Fault injected.'), xCache: ERROR }
        : this.answer(distributionId, path)
    this.answered.push({ distributionId, method: req.method ?? '', path, headers: { ...req.headers }, status, xCache })
    res.writeHead(status, {
      ...headers,
      'content-length': String(body.length),
      'x-cache': xCache,
      via: `1.1 ${createHash('sha256').update(distributionId).digest('hex').slice(0, 32)}.cloudfront.net (CloudFront)`,
      'x-amz-cf-pop': 'LOC50-C1'
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  private answer(distributionId: string, path: string): OriginAnswer & { xCache: string } {
    const refusal = this.refusals.get(distributionId)
    if (refusal !== undefined) {
      return { ...errorPage(refusal, 'Request blocked.'), xCache: ERROR }
    }
    const copies = this.copiesOf(distributionId)
    const now = Date.now()
    const held = copies.get(path)
    if (held && !this.invalidatedSince(distributionId, path, held.cachedAt)) {
      const age = Math.floor((now - held.cachedAt) / 1000)
      if (age < (this.options.ttlSeconds ?? DEFAULT_TTL_SECONDS)) {
        // CloudFront labels an error page it serves from its cache "Error from cloudfront", with an Age.
        return { ...held, headers: { ...held.headers, age: String(age) }, xCache: held.status >= 400 ? ERROR : HIT }
      }
      const fresh = this.fromOrigin(distributionId, path)
      if (fresh.status === held.status && fresh.headers.etag === held.headers.etag) {
        copies.set(path, { ...held, cachedAt: now })
        return { ...held, xCache: REFRESH_HIT }
      }
      copies.set(path, { ...fresh, cachedAt: now })
      return { ...fresh, xCache: MISS }
    }
    const fresh = this.fromOrigin(distributionId, path)
    copies.set(path, { ...fresh, cachedAt: now })
    return { ...fresh, xCache: fresh.status >= 400 ? ERROR : MISS }
  }

  private copiesOf(distributionId: string): Map<string, CachedCopy> {
    let copies = this.cache.get(distributionId)
    if (!copies) this.cache.set(distributionId, (copies = new Map()))
    return copies
  }

  /** Whether a Completed invalidation of this distribution, created after `cachedAt`, covers the path. */
  private invalidatedSince(distributionId: string, path: string, cachedAt: number): boolean {
    return this.source.invalidations.some(
      i =>
        !i.tenant &&
        i.targetId === distributionId &&
        i.createdAt > cachedAt &&
        this.source.statusOf(i) === 'Completed' &&
        i.paths.some(p => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : p === path))
    )
  }

  /** What the distribution's origin answers for a URL path: the first matching behavior's, else the default's. */
  private fromOrigin(distributionId: string, path: string): OriginAnswer {
    const distribution = this.source.distribution(distributionId)
    const behavior = distribution.behaviors.find(b => pathPatternMatches(b.pathPattern, path))
    const targetId = behavior?.targetOriginId ?? distribution.defaultTargetOriginId
    // CloudFront adds the default root object to a request for the root only, never to a subfolder.
    const requested =
      path === '/' && distribution.defaultRootObject !== '' ? `/${distribution.defaultRootObject}` : path
    const group = distribution.originGroups.find(g => g.id === targetId)
    const members = group ? [...group.members] : [targetId]
    let answer: OriginAnswer = errorPage(502, 'No origin.')
    for (const originId of members) {
      const origin = distribution.origins.find(o => o.id === originId)
      answer = origin ? this.fromS3(origin, requested) : errorPage(502, `No origin ${originId}.`)
      // An origin group fails over on a server error (CloudFront's failover criteria, as usually set).
      if (answer.status < 500) break
    }
    return answer
  }

  /** The S3 REST or website endpoint of the origin's bucket, reading the bucket's local folder. */
  private fromS3(origin: StoredOrigin, path: string): OriginAnswer {
    const website = WEBSITE.exec(origin.domainName)
    const rest = website ? undefined : REST.exec(origin.domainName)
    const bucket = website?.[1] ?? rest?.[1]
    const folder = bucket === undefined ? undefined : this.options.buckets[bucket]
    if (bucket === undefined || folder === undefined) {
      return errorPage(502, `The origin ${origin.domainName} is not served by this emulator.`)
    }
    let key = decodeKey(`${origin.originPath.replace(/^\//, '')}${path}`.replace(/^\//, ''))
    if (key === undefined) return errorPage(400, 'Bad request.')
    if (!website) {
      const found = readObject(folder, key)
      return found ?? s3RestError()
    }
    const index = this.options.indexDocuments?.[bucket] ?? 'index.html'
    if (key === '' || key.endsWith('/')) key += index
    const found = readObject(folder, key)
    if (found) return found
    // A folder asked without its slash: the website endpoint redirects to the directory URL.
    if (readObject(folder, `${key}/${index}`)) {
      return { status: 302, headers: { location: `${path}/` }, body: Buffer.alloc(0) }
    }
    return errorPage(404, `404 Not Found: ${key}`)
  }
}

/** CloudFront's path pattern: `*` any run of characters (slashes too), `?` one, case-sensitive, leading `/` optional. */
export function pathPatternMatches(pattern: string, path: string): boolean {
  const body = pattern
    .replace(/^\//, '')
    .split('')
    .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^/?${body}$`).test(path)
}

function decodeKey(key: string): string | undefined {
  try {
    return decodeURIComponent(key)
  } catch {
    return undefined
  }
}

function readObject(folder: string, key: string): OriginAnswer | undefined {
  if (key === '' || key.endsWith('/') || key.split('/').some(part => part === '..' || part === '.')) return undefined
  const file = join(folder, ...key.split('/'))
  if (!existsSync(file) || !statSync(file).isFile()) return undefined
  const body = readFileSync(file)
  return {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[extname(key).toLowerCase()] ?? 'binary/octet-stream',
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      'last-modified': statSync(file).mtime.toUTCString()
    },
    body
  }
}

/** S3's REST answer for a missing key when the caller (CloudFront's OAC) may not list the bucket. */
function s3RestError(): OriginAnswer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
  return { status: 403, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml) }
}

function errorPage(status: number, text: string): OriginAnswer {
  return {
    status,
    headers: { 'content-type': 'text/html' },
    body: Buffer.from(`<html><body><h1>${status}</h1><p>${text}</p></body></html>`)
  }
}
