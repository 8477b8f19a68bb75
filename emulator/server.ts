import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { applyFault, hostileAnswer, type Fault } from './faults.js'
import { listenOnLoopback } from './listen.js'
import { route, type Operation, type Route } from './routes.js'
import { ApiError, maxItemsOf } from './rules.js'
import {
  ACCOUNT,
  EmulatorState,
  distributionArn,
  type DistributionSpec,
  type StoredDistribution,
  type StoredInvalidation
} from './state.js'
import {
  API_VERSION,
  distributionConfigXml,
  distributionSummaryXml,
  distributionXml,
  errorXml,
  invalidationSummaryXml,
  invalidationXml,
  listXml,
  tagsXml,
  tenantDomainOf,
  tenantXml
} from './xml.js'

/**
 * A local CloudFront endpoint: the invalidation part of the REST-XML API, version 2020-05-31, and the
 * read-only calls that find distributions and read their configuration (ListDistributions,
 * ListTagsForResource, GetDistribution, GetDistributionConfig), as CloudFront
 * documents them, strict enough that passing against it means something. A development tool for tests,
 * the demo and the benchmark; not part of dist/, and sharing no code with src/. The pieces:
 * routes.ts (which operation a request is), rules.ts (CloudFront's limits and validation), state.ts
 * (distributions, tenants, invalidations), xml.ts (the answers), faults.ts (what tests inject).
 */

export { API_VERSION } from './xml.js'
export { pathProblem } from './rules.js'
export type { Fault } from './faults.js'
export type { Operation } from './routes.js'
export { defaultBucketOf } from './state.js'
export type {
  BehaviorSpec,
  DistributionSpec,
  OriginGroupSpec,
  OriginSpec,
  StoredDistribution,
  StoredInvalidation
} from './state.js'

export interface ReceivedRequest {
  operation: Operation | 'Unknown'
  method: string
  url: string
  headers: Readonly<Record<string, string | string[] | undefined>>
  body: string
  status: number | 'dropped' | 'hung'
  errorCode: string | undefined
  at: number
}

export interface EmulatorOptions {
  /** IDs, or whole descriptions with aliases, a domain name and tags. */
  distributions?: (string | DistributionSpec)[]
  tenants?: string[]
  /** How long an invalidation stays InProgress (default 0: Completed at the first look). */
  completionDelayMs?: number
  port?: number
  /** Serve https with this key and certificate (PEM), as CloudFront does, for tests through a CONNECT proxy. */
  tls?: { key: string; cert: string }
  /** Log each request to stderr. */
  verbose?: boolean
}

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[a-z0-9-]+\/cloudfront\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/

export class CloudFrontEmulator {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private readonly state = new EmulatorState()
  private readonly received: ReceivedRequest[] = []
  private readonly faults: (Fault & { remaining: number })[] = []
  private readonly denied = new Set<Operation>()
  private baseUrl = ''

  constructor(private readonly options: EmulatorOptions = {}) {
    for (const spec of options.distributions ?? []) this.state.addDistribution(spec)
    for (const id of options.tenants ?? []) this.state.tenants.add(id)
    this.state.completionDelayMs = options.completionDelayMs ?? 0
  }

  /** Starts listening on 127.0.0.1 and returns the endpoint URL. */
  async start(): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res)
    const { server, url } = await listenOnLoopback(handler, this.options, this.sockets)
    this.server = server
    this.baseUrl = url
    return this.baseUrl
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
    this.server = undefined
  }

  get url(): string {
    return this.baseUrl
  }

  get port(): number {
    return Number(new URL(this.baseUrl).port)
  }

  // ---- test controls ----

  /** A distribution by ID, or with its aliases, domain name and tags. */
  addDistribution(spec: string | DistributionSpec): void {
    this.state.addDistribution(spec)
  }

  /** A distribution as stored: its configuration with CloudFront's defaults applied (read it, do not change it). */
  distribution(id: string): Readonly<StoredDistribution> {
    const found = this.state.distributions.get(id)
    if (!found) throw new Error(`no distribution ${id}`)
    return found
  }

  /** The domain name a distribution was given (d….cloudfront.net unless the test chose one). */
  domainNameOf(id: string): string {
    const found = this.state.distributions.get(id)
    if (!found) throw new Error(`no distribution ${id}`)
    return found.domainName
  }

  addTenant(id: string, domains?: string[]): void {
    this.state.tenants.add(id)
    if (domains) this.state.tenantDomains.set(id, domains)
  }

  /** How long invalidations created from now on stay InProgress. */
  setCompletionDelay(ms: number): void {
    this.state.completionDelayMs = ms
  }

  /** How long invalidations of this distribution or tenant stay InProgress, over the server-wide delay. */
  setCompletionDelayFor(targetId: string, ms: number): void {
    this.state.targetDelays.set(targetId, ms)
  }

  /** Makes an invalidation Completed now. */
  complete(id: string): void {
    const found = this.state.invalidations.find(i => i.id === id)
    if (found) found.completesAt = Math.min(found.completesAt, Date.now())
  }

  /** Answers this operation with AccessDenied, as a missing IAM permission would. */
  deny(operation: Operation): void {
    this.denied.add(operation)
  }

  injectFault(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.count ?? 1 })
  }

  /** Drops every fault not yet used up (the benchmark's runs share one emulator). */
  clearFaults(): void {
    this.faults.length = 0
  }

  /** Everything received, in order. */
  get requests(): readonly ReceivedRequest[] {
    return this.received
  }

  /** Everything created, in order. */
  get invalidations(): readonly StoredInvalidation[] {
    return this.state.invalidations
  }

  statusOf(invalidation: StoredInvalidation, now = Date.now()): 'InProgress' | 'Completed' {
    return this.state.statusOf(invalidation, now)
  }

  private inProgressBatches(targetId: string): number {
    const now = Date.now()
    return this.state.invalidations.filter(i => i.targetId === targetId && this.statusOf(i, now) === 'InProgress')
      .length
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname.startsWith('/__emulator/')) return this.control(url, req.method ?? 'GET', body, res)
    const found = route(req.method ?? 'GET', url)
    const record: ReceivedRequest = {
      operation: found?.operation ?? 'Unknown',
      method: req.method ?? '',
      url: req.url ?? '',
      headers: { ...req.headers },
      body,
      status: 0,
      errorCode: undefined,
      at: Date.now()
    }
    this.received.push(record)
    if (this.options.verbose) process.stderr.write(`emulator: ${record.method} ${record.url}\n`)

    const fault = found ? this.takeFault(found.operation) : undefined
    if (fault && !fault.afterCommit) {
      if (await applyFault(fault, record, res)) return
    }
    let status: number
    let xml: string
    let headers: Record<string, string> = {}
    try {
      if (!found) throw new ApiError(404, 'InvalidURI', `No such operation: ${req.method} ${url.pathname}`)
      this.authorize(req, found)
      ;({ status, xml, headers } = this.dispatch(found, url, body))
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', String(error))
      status = apiError.status
      xml = errorXml(apiError)
      record.errorCode = apiError.code
    }
    if (fault?.afterCommit) {
      if (await applyFault(fault, record, res)) return
    }
    if (fault?.kind === 'hostile' && status < 300) xml = hostileAnswer(fault, xml)
    record.status = status
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID(), ...headers })
    res.end(xml)
  }

  private takeFault(operation: Operation): Fault | undefined {
    const fault = this.faults.find(f => f.operation === operation && f.remaining > 0)
    if (fault) fault.remaining -= 1
    return fault
  }

  private authorize(req: IncomingMessage, found: Route): void {
    const auth = req.headers.authorization
    if (!auth || !SIGV4.test(auth)) {
      throw new ApiError(
        403,
        'AccessDenied',
        'Requests must be signed with AWS Signature Version 4 for the cloudfront service.'
      )
    }
    if (this.denied.has(found.operation)) {
      // ListDistributions cannot be scoped to a resource; the others name theirs.
      const resource =
        found.kind === 'invalidation'
          ? `arn:aws:cloudfront::${ACCOUNT}:${found.tenant ? 'distribution-tenant' : 'distribution'}/${found.targetId}`
          : found.kind === 'distribution'
            ? distributionArn(found.targetId)
            : found.kind === 'tenant'
              ? `arn:aws:cloudfront::${ACCOUNT}:distribution-tenant/${found.targetId}`
              : found.kind === 'tags'
                ? found.resource
                : `arn:aws:cloudfront::${ACCOUNT}:distribution/*`
      throw new ApiError(
        403,
        'AccessDenied',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/deploy/github-actions is not authorized to perform: cloudfront:${found.operation} on resource: ${resource} because no identity-based policy allows the cloudfront:${found.operation} action`
      )
    }
  }

  private dispatch(
    found: Route,
    url: URL,
    body: string
  ): { status: number; xml: string; headers: Record<string, string> } {
    if (found.kind === 'distributions') {
      const maxItems = maxItemsOf(url)
      const marker = url.searchParams.get('Marker') ?? ''
      const page = this.state.page([...this.state.distributions.values()], d => d.id, marker, maxItems)
      const items = page.items.map(d => distributionSummaryXml(d, distributionArn(d.id)))
      return {
        status: 200,
        xml: listXml('DistributionList', { marker, nextMarker: page.nextMarker, maxItems, items }),
        headers: {}
      }
    }
    if (found.kind === 'distribution') {
      const stored = this.state.distributions.get(found.targetId)
      if (!stored) throw new ApiError(404, 'NoSuchDistribution', 'The specified distribution does not exist.')
      const xml =
        found.operation === 'GetDistribution'
          ? distributionXml(stored, distributionArn(stored.id), this.inProgressBatches(stored.id))
          : distributionConfigXml(stored)
      return { status: 200, xml, headers: { etag: stored.etag } }
    }
    if (found.kind === 'tags') return { status: 200, xml: tagsXml(this.state.tagsOf(found.resource)), headers: {} }
    if (found.kind === 'tenant') {
      if (!this.state.tenants.has(found.targetId))
        throw new ApiError(404, 'EntityNotFound', 'The entity was not found.')
      const domains = this.state.tenantDomains.get(found.targetId) ?? [tenantDomainOf(found.targetId)]
      return { status: 200, xml: tenantXml(found.targetId, domains), headers: { etag: 'E1TENANT' } }
    }

    const known = found.tenant ? this.state.tenants.has(found.targetId) : this.state.distributions.has(found.targetId)
    if (!known) {
      throw found.tenant
        ? new ApiError(404, 'EntityNotFound', 'The entity was not found.')
        : new ApiError(404, 'NoSuchDistribution', 'The specified distribution does not exist.')
    }
    if (found.operation.startsWith('Create')) {
      const { invalidation, isNew } = this.state.createInvalidation(found.targetId, found.tenant, body)
      const location = `${this.baseUrl}/${API_VERSION}/${found.tenant ? 'distribution-tenant' : 'distribution'}/${found.targetId}/invalidation/${invalidation.id}`
      // A new invalidation is always InProgress in the answer to its create, as on CloudFront.
      return {
        status: 201,
        xml: invalidationXml(invalidation, isNew ? 'InProgress' : this.statusOf(invalidation)),
        headers: { location }
      }
    }
    if (found.invalidationId !== undefined) {
      const stored = this.state.invalidations.find(i => i.id === found.invalidationId && i.targetId === found.targetId)
      if (!stored) throw new ApiError(404, 'NoSuchInvalidation', 'The specified invalidation does not exist.')
      return { status: 200, xml: invalidationXml(stored, this.statusOf(stored)), headers: {} }
    }
    const maxItems = maxItemsOf(url)
    const marker = url.searchParams.get('Marker') ?? ''
    // Newest first, as CloudFront lists them.
    const all = this.state.invalidations.filter(i => i.targetId === found.targetId).reverse()
    const page = this.state.page(all, i => i.id, marker, maxItems)
    const items = page.items.map(i => invalidationSummaryXml(i, this.statusOf(i)))
    return {
      status: 200,
      xml: listXml('InvalidationList', { marker, nextMarker: page.nextMarker, maxItems, items }),
      headers: {}
    }
  }

  /** A JSON control API, for a server run in another process (the demo, the CLI). */
  private control(url: URL, method: string, body: string, res: ServerResponse): void {
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    try {
      const input = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>)
      switch (`${method} ${url.pathname}`) {
        case 'GET /__emulator/state':
          return reply(200, {
            invalidations: this.state.invalidations.map(i => ({ ...i, status: this.statusOf(i) })),
            requests: this.received.length
          })
        case 'POST /__emulator/distributions':
          this.addDistribution(input as unknown as DistributionSpec)
          return reply(200, { ok: true })
        case 'POST /__emulator/tenants':
          this.addTenant(String(input.id))
          return reply(200, { ok: true })
        case 'POST /__emulator/completion-delay':
          this.setCompletionDelay(Number(input.ms))
          return reply(200, { ok: true })
        case 'POST /__emulator/faults':
          this.injectFault(input as unknown as Fault)
          return reply(200, { ok: true })
        case 'POST /__emulator/deny':
          this.deny(input.operation as Operation)
          return reply(200, { ok: true })
        default:
          return reply(404, { error: `no control ${method} ${url.pathname}` })
      }
    } catch (error) {
      return reply(400, { error: String(error) })
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
