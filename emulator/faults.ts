import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { ApiError } from './rules.js'
import type { Operation } from './routes.js'
import { XMLNS, errorXml, escapeXml } from './xml.js'

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
    | 'hostile'
  /** For `error`: the CloudFront error code and HTTP status to answer with. */
  code?: string
  status?: number
  /** How many requests it hits (default 1). */
  count?: number
  /** For creates: make the invalidation first, then fail the answer, as a lost response would. */
  afterCommit?: boolean
  /** For `delay`: how long before answering normally. */
  delayMs?: number
  /**
   * For `hostile`: the normal answer, with its first Id and/or Status (an invalidation's; in a list, the
   * first item's) replaced by these values, XML-escaped so that a client reads them exactly, as a
   * compromised or broken endpoint could send. Only a successful answer is changed.
   */
  invalidationId?: string
  invalidationStatus?: string
}

/** What a fault did to the request's record. */
export interface FaultRecord {
  status: number | 'dropped' | 'hung'
  errorCode: string | undefined
}

/** Answers with the fault; false for `delay`, after which the normal answer goes out. */
export async function applyFault(fault: Fault, record: FaultRecord, res: ServerResponse): Promise<boolean> {
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
      // unref: a delay still running when a test stops the emulator must not hold the test process.
      await new Promise(resolve => setTimeout(resolve, fault.delayMs ?? 1000).unref())
      return false
    case 'hostile':
      return false // the normal answer goes out, reshaped by hostileAnswer()
  }
}

/** The answer's first Id and Status replaced as a `hostile` fault says (other answers unchanged). */
export function hostileAnswer(fault: Fault, xml: string): string {
  let out = xml
  if (fault.invalidationId !== undefined)
    out = out.replace(/<Id>[^<]*<\/Id>/, `<Id>${escapeXml(fault.invalidationId)}</Id>`)
  if (fault.invalidationStatus !== undefined) {
    out = out.replace(/<Status>[^<]*<\/Status>/, `<Status>${escapeXml(fault.invalidationStatus)}</Status>`)
  }
  return out
}
