/**
 * End-to-end through a real forward proxy (the `proxy` package: CONNECT and plain HTTP forwarding),
 * with the emulator behind it. The endpoint's host name, cloudfront.proxy-only.test, resolves only
 * inside the proxy (this process answers its DNS lookups for that name), so a request that bypasses
 * the proxy cannot reach the emulator: each success below is traffic that went through it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { CloudFrontEmulator } from '../emulator/server.js'
import { errorsOf, runAction, type RunResult } from '../__fixtures__/runner.js'
import {
  noProxyEnv,
  resolveOnlyInProxy,
  startProxy,
  stopProxy,
  testCertificates,
  type RunningProxy
} from '../__fixtures__/test-proxy.js'

const HOST = 'cloudfront.proxy-only.test'
const DIST = 'EDFDVBD632BHDS5'

// The name only the proxy can resolve.
let undoResolve: () => void
beforeAll(() => {
  undoResolve = resolveOnlyInProxy([HOST])
})
afterAll(() => undoResolve())

const everything = (result: RunResult) =>
  result.stdout + result.stderr + result.summary + JSON.stringify(result.outputs)

describe('https through a CONNECT proxy, with a company CA', () => {
  let emulator: CloudFrontEmulator
  let proxy: RunningProxy
  let ca: string
  let endpoint: string

  beforeAll(async () => {
    const certificates = testCertificates([HOST])
    ca = certificates.ca
    emulator = new CloudFrontEmulator({
      distributions: [DIST],
      tls: { key: certificates.key, cert: certificates.cert }
    })
    await emulator.start()
    endpoint = `https://${HOST}:${emulator.port}`
  })
  afterAll(() => emulator.stop())
  beforeEach(async () => {
    proxy = await startProxy()
  })
  afterEach(() => stopProxy(proxy))

  const run = (env: Record<string, string>, inputs: Record<string, string> = {}) =>
    runAction({
      endpoint,
      inputs: { 'distribution-id': DIST, paths: '/index.html', wait: 'true', ...inputs },
      env: { ...noProxyEnv, NODE_EXTRA_CA_CERTS: ca, ...env },
      timeoutMs: 60_000
    })

  it('creates and waits for an invalidation through the proxy; every request tunnelled', async () => {
    emulator.setCompletionDelay(1500)
    const created = emulator.invalidations.length
    const result = await run({ HTTPS_PROXY: proxy.url })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('Completed')
    expect(emulator.invalidations.length).toBe(created + 1)
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1)
    expect(new Set(proxy.connects)).toEqual(new Set([`${HOST}:${emulator.port}`]))
    expect(result.stdout).toContain(`HTTPS_PROXY: requests go through the proxy at 127.0.0.1:${proxy.port}`)
    emulator.setCompletionDelay(0)
  })

  it('the lower-case https_proxy works too', async () => {
    const result = await run({ https_proxy: proxy.url })
    expect(result.code).toBe(0)
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1)
  })

  it('without the proxy setting the same step fails: the endpoint resolves only inside the proxy', async () => {
    const result = await run({})
    expect(result.code).toBe(1)
    expect(proxy.connects).toEqual([])
    expect(errorsOf(result).join('\n')).toContain('ENOTFOUND')
  })

  it('NO_PROXY sends the host direct (and so, here, nowhere)', async () => {
    const result = await run({ HTTPS_PROXY: proxy.url, NO_PROXY: '.proxy-only.test' })
    expect(result.code).toBe(1)
    expect(proxy.connects).toEqual([])
    expect(errorsOf(result).join('\n')).toContain('ENOTFOUND')
  })

  it('without the company CA, TLS through the proxy is refused', async () => {
    const result = await run({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: '' })
    expect(result.code).toBe(1)
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1)
    expect(errorsOf(result).join('\n')).toMatch(/certificate/i)
  })

  it('a lookup by domain name goes through the proxy too', async () => {
    const result = await run(
      { HTTPS_PROXY: proxy.url },
      { 'distribution-id': emulator.domainNameOf(DIST), wait: 'false' }
    )
    expect(result.code).toBe(0)
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1)
  })
})

describe('http through a forwarding proxy', () => {
  let emulator: CloudFrontEmulator
  let proxy: RunningProxy

  beforeAll(async () => {
    emulator = new CloudFrontEmulator({ distributions: [DIST] })
    await emulator.start()
  })
  afterAll(() => emulator.stop())
  beforeEach(async () => {
    proxy = await startProxy()
  })
  afterEach(() => stopProxy(proxy))

  it('HTTP_PROXY carries requests to an http endpoint', async () => {
    const result = await runAction({
      endpoint: `http://${HOST}:${emulator.port}`,
      inputs: { 'distribution-id': DIST, paths: '/index.html' },
      env: { ...noProxyEnv, HTTP_PROXY: proxy.url }
    })
    expect(result.code).toBe(0)
    expect(proxy.forwarded).toEqual([`http://${HOST}:${emulator.port}/2020-05-31/distribution/${DIST}/invalidation`])
  })
})

describe('a proxy that refuses, or is not there', () => {
  let emulator: CloudFrontEmulator

  beforeAll(async () => {
    emulator = new CloudFrontEmulator({ distributions: [DIST] })
    await emulator.start()
  })
  afterAll(() => emulator.stop())

  // An https endpoint behind the proxy: never reached in these tests, the proxy stops them first.
  const run = (env: Record<string, string>) =>
    runAction({
      endpoint: `https://${HOST}:${emulator.port}`,
      inputs: { 'distribution-id': DIST, paths: '/index.html' },
      env: { ...noProxyEnv, ...env },
      timeoutMs: 60_000
    })

  it('credentials in the proxy URL are sent, and never shown', async () => {
    const password = 'pr0xy-S3cret!'
    const proxy = await startProxy(
      req => req.headers['proxy-authorization'] === `Basic ${Buffer.from(`deploy:${password}`).toString('base64')}`
    )
    try {
      const result = await runAction({
        endpoint: `http://${HOST}:${emulator.port}`,
        inputs: { 'distribution-id': DIST, paths: '/index.html' },
        env: { ...noProxyEnv, HTTP_PROXY: `http://deploy:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}` }
      })
      expect(result.code).toBe(0)
      expect(proxy.forwarded).toHaveLength(1)
      expect(everything(result)).not.toContain(password)
      expect(everything(result)).not.toContain(encodeURIComponent(password))
      expect(result.stdout).toContain(`HTTP_PROXY: requests go through the proxy at 127.0.0.1:${proxy.port}`)
    } finally {
      await stopProxy(proxy)
    }
  })

  it('a proxy that asks for credentials (407): the error names it, says what to do, shows no password', async () => {
    const proxy = await startProxy(() => false)
    try {
      const before = emulator.requests.length
      const result = await run({ HTTPS_PROXY: `http://deploy:wrong-Passw0rd@127.0.0.1:${proxy.port}` })
      expect(result.code).toBe(1)
      expect(emulator.requests.length).toBe(before)
      const [error] = errorsOf(result)
      expect(error).toContain(`did not get through the proxy 127.0.0.1:${proxy.port}: it asked for credentials (407)`)
      expect(everything(result)).not.toContain('wrong-Passw0rd')
    } finally {
      await stopProxy(proxy)
    }
  })

  it('a proxy that cannot be reached: the error names it (host and port) and what to check', async () => {
    const closed = await startProxy()
    const port = closed.port
    await stopProxy(closed)
    const before = emulator.requests.length
    const result = await run({ HTTPS_PROXY: `http://127.0.0.1:${port}` })
    expect(result.code).toBe(1)
    const [error] = errorsOf(result)
    expect(error).toContain(`did not get through the proxy 127.0.0.1:${port}: it could not be reached`)
    expect(error).toContain('Check HTTPS_PROXY / HTTP_PROXY and NO_PROXY')
    // Nothing got past the missing proxy to the endpoint behind it.
    expect(emulator.requests.length).toBe(before)
  })
})
