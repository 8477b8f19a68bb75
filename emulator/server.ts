import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { XMLParser } from 'fast-xml-parser'

/**
 * A local CloudFront endpoint: the invalidation part of the REST-XML API, version 2020-05-31, as
 * CloudFront documents it, strict enough that passing against it means something. A development tool
 * for tests, the demo and the benchmark; not part of dist/.
 */

export const API_VERSION = '2020-05-31'
const XMLNS = `http://cloudfront.amazonaws.com/doc/${API_VERSION}/`

export type Operation =
  | 'CreateInvalidation'
  | 'GetInvalidation'
  | 'ListInvalidations'
  | 'CreateInvalidationForDistributionTenant'
  | 'GetInvalidationForDistributionTenant'
  | 'ListInvalidationsForDistributionTenant'

/** What the next N requests of an operation get instead of a normal answer. */
export interface Fault {
  operation: Operation
  kind:
    | 'ServiceUnavailable'
    | 'InternalError'
    | 'Throttling'
    | 'error'
    | 'drop'
    | 'hang'
    | 'delay'
    | 'malformed'
    | 'truncated'
  /** For `error`: the CloudFront error code and HTTP status to answer with. */
  code?: string
  status?: number
  /** How many requests it hits (default 1). */
  count?: number
  /** For creates: make the invalidation first, then fail the answer, as a lost response would. */
  afterCommit?: boolean
  /** For `delay`: how long before answering normally. */
  delayMs?: number
}

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

export interface StoredInvalidation {
  id: string
  /** The distribution or tenant ID. */
  targetId: string
  tenant: boolean
  callerReference: string
  paths: string[]
  createdAt: number
  /** When the server starts reporting Completed (epoch ms). */
  completesAt: number
}

export interface EmulatorOptions {
  distributions?: string[]
  tenants?: string[]
  /** How long an invalidation stays InProgress (default 0: Completed at the first look). */
  completionDelayMs?: number
  port?: number
  /** Log each request to stderr. */
  verbose?: boolean
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

const LIMITS = {
  itemsPerRequest: 3000,
  filesInProgress: 3000,
  wildcardsInProgress: 15,
  pathLength: 4000,
  tagLength: 256
}
const ACCOUNT = '123456789012'
// The characters CloudFront requires percent-encoded in a path (RFC 1738 unsafe, non-ASCII, controls).
const MUST_BE_ENCODED = /[^\x21-\x7e]|["<>{}|\\^[\]`]/
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[a-z0-9-]+\/cloudfront\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/

export class CloudFrontEmulator {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private readonly distributions = new Set<string>()
  private readonly tenants = new Set<string>()
  private readonly stored: StoredInvalidation[] = []
  private readonly received: ReceivedRequest[] = []
  private readonly faults: (Fault & { remaining: number })[] = []
  private readonly denied = new Set<Operation>()
  private completionDelayMs: number
  private readonly targetDelays = new Map<string, number>()
  private baseUrl = ''

  constructor(private readonly options: EmulatorOptions = {}) {
    for (const id of options.distributions ?? []) this.distributions.add(id)
    for (const id of options.tenants ?? []) this.tenants.add(id)
    this.completionDelayMs = options.completionDelayMs ?? 0
  }

  /** Starts listening on 127.0.0.1 and returns the endpoint URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res))
    server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port ?? 0, '127.0.0.1', resolve)
    })
    this.server = server
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
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

  // ---- test controls ----

  addDistribution(id: string): void {
    this.distributions.add(id)
  }

  addTenant(id: string): void {
    this.tenants.add(id)
  }

  /** How long invalidations created from now on stay InProgress. */
  setCompletionDelay(ms: number): void {
    this.completionDelayMs = ms
  }

  /** How long invalidations of this distribution or tenant stay InProgress, over the server-wide delay. */
  setCompletionDelayFor(targetId: string, ms: number): void {
    this.targetDelays.set(targetId, ms)
  }

  /** Makes an invalidation Completed now. */
  complete(id: string): void {
    const found = this.stored.find(i => i.id === id)
    if (found) found.completesAt = Math.min(found.completesAt, Date.now())
  }

  /** Answers this operation with AccessDenied, as a missing IAM permission would. */
  deny(operation: Operation): void {
    this.denied.add(operation)
  }

  injectFault(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.count ?? 1 })
  }

  /** Everything received, in order. */
  get requests(): readonly ReceivedRequest[] {
    return this.received
  }

  /** Everything created, in order. */
  get invalidations(): readonly StoredInvalidation[] {
    return this.stored
  }

  statusOf(invalidation: StoredInvalidation, now = Date.now()): 'InProgress' | 'Completed' {
    return now >= invalidation.completesAt ? 'Completed' : 'InProgress'
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname.startsWith('/__emulator/')) return this.control(url, req.method ?? 'GET', body, res)
    const route = this.route(req.method ?? 'GET', url.pathname)
    const record: ReceivedRequest = {
      operation: route?.operation ?? 'Unknown',
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

    const fault = route ? this.takeFault(route.operation) : undefined
    if (fault && !fault.afterCommit) {
      if (await this.applyFault(fault, record, res)) return
    }
    let status: number
    let xml: string
    let headers: Record<string, string> = {}
    try {
      if (!route) throw new ApiError(404, 'InvalidURI', `No such operation: ${req.method} ${url.pathname}`)
      this.authorize(req, route.operation, route.targetId, route.tenant)
      ;({ status, xml, headers } = this.dispatch(route, url, body))
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', String(error))
      status = apiError.status
      xml = errorXml(apiError)
      record.errorCode = apiError.code
    }
    if (fault?.afterCommit) {
      if (await this.applyFault(fault, record, res)) return
    }
    record.status = status
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID(), ...headers })
    res.end(xml)
  }

  private takeFault(operation: Operation): Fault | undefined {
    const fault = this.faults.find(f => f.operation === operation && f.remaining > 0)
    if (fault) fault.remaining -= 1
    return fault
  }

  /** Answers with the fault; false for `delay`, after which the normal answer goes out. */
  private async applyFault(fault: Fault, record: ReceivedRequest, res: ServerResponse): Promise<boolean> {
    const send = (status: number, code: string, message: string, type = 'Receiver') => {
      record.status = status
      record.errorCode = code
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() })
      res.end(errorXml(new ApiError(status, code, message), type))
    }
    switch (fault.kind) {
      case 'ServiceUnavailable':
        send(503, 'ServiceUnavailable', 'The service is unavailable. Please retry.')
        return true
      case 'InternalError':
        send(500, 'InternalError', 'We encountered an internal error. Please try again.')
        return true
      case 'Throttling':
        send(400, 'Throttling', 'Rate exceeded', 'Sender')
        return true
      case 'error':
        send(
          fault.status ?? 400,
          fault.code ?? 'InvalidArgument',
          `Injected ${fault.code ?? 'InvalidArgument'}`,
          'Sender'
        )
        return true
      case 'drop':
        record.status = 'dropped'
        res.socket?.destroy()
        return true
      case 'hang':
        record.status = 'hung'
        return true
      case 'malformed':
        record.status = 200
        res.writeHead(200, { 'content-type': 'text/xml' })
        res.end('<html><body>502 Bad Gateway from a proxy</body>')
        return true
      case 'truncated':
        record.status = 200
        res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '400' })
        res.write(`<?xml version="1.0"?>\n<Invalidation xmlns="${XMLNS}"><Id>I`)
        setTimeout(() => res.socket?.destroy(), 10)
        return true
      case 'delay':
        await new Promise(resolve => setTimeout(resolve, fault.delayMs ?? 1000))
        return false
    }
  }

  private route(
    method: string,
    path: string
  ): { operation: Operation; targetId: string; tenant: boolean; invalidationId?: string } | undefined {
    const match = /^\/2020-05-31\/(distribution|distribution-tenant)\/([^/]+)\/invalidation(?:\/([^/]+))?$/.exec(path)
    if (!match) return undefined
    const tenant = match[1] === 'distribution-tenant'
    const targetId = decodeURIComponent(match[2] ?? '')
    const suffix = tenant ? 'ForDistributionTenant' : ''
    if (method === 'POST' && !match[3])
      return { operation: `CreateInvalidation${suffix}` as Operation, targetId, tenant }
    if (method === 'GET' && match[3])
      return {
        operation: `GetInvalidation${suffix}` as Operation,
        targetId,
        tenant,
        invalidationId: decodeURIComponent(match[3])
      }
    if (method === 'GET') return { operation: `ListInvalidations${suffix}` as Operation, targetId, tenant }
    return undefined
  }

  private authorize(req: IncomingMessage, operation: Operation, targetId: string, tenant: boolean): void {
    const auth = req.headers.authorization
    if (!auth || !SIGV4.test(auth)) {
      throw new ApiError(
        403,
        'AccessDenied',
        'Requests must be signed with AWS Signature Version 4 for the cloudfront service.'
      )
    }
    if (this.denied.has(operation)) {
      const resource = `arn:aws:cloudfront::${ACCOUNT}:${tenant ? 'distribution-tenant' : 'distribution'}/${targetId}`
      throw new ApiError(
        403,
        'AccessDenied',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/deploy/github-actions is not authorized to perform: cloudfront:${operation} on resource: ${resource} because no identity-based policy allows the cloudfront:${operation} action`
      )
    }
  }

  private dispatch(
    route: { operation: Operation; targetId: string; tenant: boolean; invalidationId?: string },
    url: URL,
    body: string
  ): { status: number; xml: string; headers: Record<string, string> } {
    const known = route.tenant ? this.tenants.has(route.targetId) : this.distributions.has(route.targetId)
    if (!known) {
      throw route.tenant
        ? new ApiError(404, 'EntityNotFound', 'The entity was not found.')
        : new ApiError(404, 'NoSuchDistribution', 'The specified distribution does not exist.')
    }
    if (route.operation.startsWith('Create')) {
      const { invalidation, status, isNew } = this.create(route.targetId, route.tenant, body)
      const location = `${this.baseUrl}/${API_VERSION}/${route.tenant ? 'distribution-tenant' : 'distribution'}/${route.targetId}/invalidation/${invalidation.id}`
      // A new invalidation is always InProgress in the answer to its create, as on CloudFront.
      return {
        status,
        xml: invalidationXml(invalidation, isNew ? 'InProgress' : this.statusOf(invalidation)),
        headers: { location }
      }
    }
    if (route.invalidationId !== undefined) {
      const found = this.stored.find(i => i.id === route.invalidationId && i.targetId === route.targetId)
      if (!found) throw new ApiError(404, 'NoSuchInvalidation', 'The specified invalidation does not exist.')
      return { status: 200, xml: invalidationXml(found, this.statusOf(found)), headers: {} }
    }
    return { status: 200, xml: this.list(route.targetId, url), headers: {} }
  }

  private create(
    targetId: string,
    tenant: boolean,
    body: string
  ): { invalidation: StoredInvalidation; status: number; isNew: boolean } {
    const batch = parseBatch(body)
    const existing = this.stored.find(i => i.targetId === targetId && i.callerReference === batch.callerReference)
    if (existing) {
      if (sameSet(existing.paths, batch.paths)) return { invalidation: existing, status: 201, isNew: false }
      throw new ApiError(
        409,
        'InvalidationBatchAlreadyExists',
        'The CallerReference is already used by an invalidation batch with different paths.'
      )
    }
    const now = Date.now()
    const inProgress = this.stored
      .filter(i => i.targetId === targetId && this.statusOf(i, now) === 'InProgress')
      .flatMap(i => i.paths)
    const wildcards = (paths: string[]) => paths.filter(p => p.endsWith('*')).length
    const all = [...inProgress, ...batch.paths]
    if (wildcards(all) > LIMITS.wildcardsInProgress || all.length - wildcards(all) > LIMITS.filesInProgress) {
      throw new ApiError(
        400,
        'TooManyInvalidationsInProgress',
        'Processing your request would cause the maximum number of in-progress wildcard invalidations (15) or file invalidations (3000) to be exceeded.'
      )
    }
    const delay = this.targetDelays.get(targetId) ?? this.completionDelayMs
    const invalidation: StoredInvalidation = {
      id: `I${randomBytes(10).toString('hex').toUpperCase().slice(0, 13)}`,
      targetId,
      tenant,
      callerReference: batch.callerReference,
      paths: batch.paths,
      createdAt: now,
      completesAt: now + delay
    }
    this.stored.push(invalidation)
    return { invalidation, status: 201, isNew: true }
  }

  private list(targetId: string, url: URL): string {
    const maxItemsText = url.searchParams.get('MaxItems') ?? '100'
    if (!/^\d+$/.test(maxItemsText) || Number(maxItemsText) < 1 || Number(maxItemsText) > 100) {
      throw new ApiError(
        400,
        'InvalidArgument',
        `MaxItems must be a whole number from 1 to 100, not "${maxItemsText}".`
      )
    }
    const maxItems = Number(maxItemsText)
    const marker = url.searchParams.get('Marker') ?? ''
    // Newest first, as CloudFront lists them.
    const all = this.stored.filter(i => i.targetId === targetId).reverse()
    const start = marker === '' ? 0 : all.findIndex(i => i.id === marker) + 1
    const page = all.slice(start, start + maxItems)
    const truncated = start + maxItems < all.length
    const items = page
      .map(
        i =>
          `<InvalidationSummary><Id>${i.id}</Id><CreateTime>${iso(i.createdAt)}</CreateTime><Status>${this.statusOf(i)}</Status></InvalidationSummary>`
      )
      .join('')
    return `<?xml version="1.0"?>\n<InvalidationList xmlns="${XMLNS}"><Marker>${escapeXml(marker)}</Marker>${
      truncated ? `<NextMarker>${page[page.length - 1]?.id ?? ''}</NextMarker>` : ''
    }<MaxItems>${maxItems}</MaxItems><IsTruncated>${truncated}</IsTruncated><Quantity>${page.length}</Quantity>${
      page.length > 0 ? `<Items>${items}</Items>` : ''
    }</InvalidationList>`
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
            invalidations: this.stored.map(i => ({ ...i, status: this.statusOf(i) })),
            requests: this.received.length
          })
        case 'POST /__emulator/distributions':
          this.addDistribution(String(input.id))
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

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: name => name === 'Path',
  trimValues: false
})

/** Reads an InvalidationBatch as CloudFront validates it. */
function parseBatch(body: string): { callerReference: string; paths: string[] } {
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

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const sortedB = [...b].sort()
  return [...a].sort().every((value, i) => value === sortedB[i])
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function invalidationXml(i: StoredInvalidation, status: string): string {
  const paths = i.paths.map(p => `<Path>${escapeXml(p)}</Path>`).join('')
  return `<?xml version="1.0"?>\n<Invalidation xmlns="${XMLNS}"><Id>${i.id}</Id><Status>${status}</Status><CreateTime>${iso(i.createdAt)}</CreateTime><InvalidationBatch><Paths><Quantity>${i.paths.length}</Quantity><Items>${paths}</Items></Paths><CallerReference>${escapeXml(i.callerReference)}</CallerReference></InvalidationBatch></Invalidation>`
}

function errorXml(error: ApiError, type = error.status >= 500 ? 'Receiver' : 'Sender'): string {
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
}
