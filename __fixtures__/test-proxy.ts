/**
 * A real forward proxy (the `proxy` package: CONNECT and plain HTTP forwarding) and a company CA, for
 * end-to-end tests of traffic that must go through a proxy. Host names given to `resolveOnlyInProxy`
 * resolve to 127.0.0.1 in this process only, where the proxy runs: the action, a child process, can
 * reach them through the proxy and in no other way.
 */
import { execFileSync } from 'node:child_process'
import dns from 'node:dns'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProxy } from 'proxy'

type LookupCallback = (
  error: Error | null,
  address: string | { address: string; family: number }[],
  family?: number
) => void

/** Makes these host names resolve to 127.0.0.1 in this process; returns the function that undoes it. */
export function resolveOnlyInProxy(hosts: readonly string[]): () => void {
  const realLookup = dns.lookup
  const lookup = (hostname: string, options: unknown, callback?: LookupCallback) => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true
    if (!hosts.includes(hostname)) return (realLookup as (...args: unknown[]) => void)(hostname, options, callback)
    return process.nextTick(() => (all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)))
  }
  ;(dns as { lookup: unknown }).lookup = lookup
  return () => {
    ;(dns as { lookup: unknown }).lookup = realLookup
  }
}

/** A company root CA (its PEM file, for NODE_EXTRA_CA_CERTS) and a key and certificate it signed for `hosts`. */
export function testCertificates(hosts: readonly string[]): { ca: string; key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'test-ca-'))
  const file = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  // RSA, which every openssl takes (LibreSSL on macOS, the one in Git for Windows).
  const key = ['-newkey', 'rsa:2048', '-nodes']
  openssl(
    'req',
    '-x509',
    ...key,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Test Company Root CA'
  )
  openssl('req', ...key, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', `/CN=${hosts[0]}`)
  writeFileSync(file('san.ext'), `subjectAltName=${hosts.map(host => `DNS:${host}`).join(',')}\n`)
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
    '-out',
    file('server.pem')
  )
  return {
    ca: file('ca.pem'),
    key: readFileSync(file('server.key'), 'utf8'),
    cert: readFileSync(file('server.pem'), 'utf8')
  }
}

export interface RunningProxy {
  url: string
  port: number
  connects: string[]
  forwarded: string[]
  server: Server
}

/**
 * Starts the proxy on 127.0.0.1. `ports` maps a CONNECT target (host:port) to the port the proxy really
 * connects to, as a company proxy's own name resolution might: a test server cannot listen on 443.
 */
export async function startProxy(
  authenticate?: (req: IncomingMessage) => boolean,
  ports: Record<string, number> = {}
): Promise<RunningProxy> {
  const server = createProxy(createServer()) as Server & { authenticate?: (req: IncomingMessage) => boolean }
  if (authenticate) server.authenticate = authenticate
  const running: RunningProxy = { url: '', port: 0, connects: [], forwarded: [], server }
  // Before the proxy's own listener, which reads req.url to connect.
  server.prependListener('connect', (req: IncomingMessage) => {
    running.connects.push(req.url ?? '')
    const mapped = ports[req.url ?? '']
    if (mapped !== undefined) req.url = `${(req.url ?? '').replace(/:\d+$/, '')}:${mapped}`
  })
  server.on('request', (req: IncomingMessage) => running.forwarded.push(req.url ?? ''))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  running.port = (server.address() as AddressInfo).port
  running.url = `http://127.0.0.1:${running.port}`
  return running
}

export const stopProxy = (proxy: RunningProxy) =>
  new Promise<void>(resolve => {
    proxy.server.closeAllConnections()
    proxy.server.close(() => resolve())
  })

/** The proxy variables all empty, so that the runner's own settings cannot leak into a test. */
export const noProxyEnv = {
  HTTPS_PROXY: '',
  HTTP_PROXY: '',
  https_proxy: '',
  http_proxy: '',
  NO_PROXY: '',
  no_proxy: ''
}
