/** The proxy routing rules, in-process: which agent each request gets (the e2e proxy tests send real traffic). */
import { afterEach, describe, expect, it } from '@jest/globals'
import type { AgentConnectOpts } from 'agent-base'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import * as http from 'node:http'
import * as https from 'node:https'
import { proxyConfigured } from '../src/cloudfront/client.js'
import { ProxyRouting, addressOf } from '../src/cloudfront/proxy.js'
import { redact } from '../src/report/redact.js'

const saved = { ...process.env }
afterEach(() => {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})
const setEnv = (env: Record<string, string>) => {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'])
    delete process.env[name]
  Object.assign(process.env, env)
}
const agentFor = (routing: ProxyRouting, host: string, port: number, secureEndpoint: boolean) =>
  routing.connect({} as http.ClientRequest, { host, port, secureEndpoint } as AgentConnectOpts)

describe('ProxyRouting', () => {
  it('https through HTTPS_PROXY by CONNECT, http through HTTP_PROXY, one tunnel agent per proxy', () => {
    setEnv({ HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:8080' })
    const routing = new ProxyRouting()
    const secure = agentFor(routing, 'cloudfront.amazonaws.com', 443, true)
    expect(secure).toBeInstanceOf(HttpsProxyAgent)
    expect(agentFor(routing, 'cloudfront.amazonaws.com', 443, true)).toBe(secure)
    expect(agentFor(routing, 'emulator.corp', 80, false)).toBeInstanceOf(HttpProxyAgent)
    expect(routing.lastProxy).toEqual({ address: 'proxy.corp:8080', refusedWith: undefined })
    routing.destroy()
  })

  it('NO_PROXY (host, domain suffix, port, *) and loopback go direct', () => {
    const direct = (env: Record<string, string>, host: string, port = 443) => {
      setEnv({ HTTPS_PROXY: 'http://proxy.corp:3128', ...env })
      const agent = agentFor(new ProxyRouting(), host, port, true)
      return agent instanceof https.Agent && !(agent instanceof HttpsProxyAgent)
    }
    expect(direct({}, 'cloudfront.amazonaws.com')).toBe(false)
    expect(direct({ NO_PROXY: 'cloudfront.amazonaws.com' }, 'cloudfront.amazonaws.com')).toBe(true)
    expect(direct({ no_proxy: 'amazonaws.com' }, 'cloudfront.amazonaws.com')).toBe(true)
    expect(direct({ NO_PROXY: '.amazonaws.com' }, 'cloudfront.amazonaws.com')).toBe(true)
    expect(direct({ NO_PROXY: 'cloudfront.amazonaws.com:8443' }, 'cloudfront.amazonaws.com', 443)).toBe(false)
    expect(direct({ NO_PROXY: 'cloudfront.amazonaws.com:8443' }, 'cloudfront.amazonaws.com', 8443)).toBe(true)
    expect(direct({ NO_PROXY: '*' }, 'cloudfront.amazonaws.com')).toBe(true)
    expect(direct({ NO_PROXY: 'example.com' }, 'cloudfront.amazonaws.com')).toBe(false)
    expect(direct({}, '127.0.0.1')).toBe(true)
    expect(direct({}, 'localhost')).toBe(true)
  })

  it('lower-case names first, as the runner reads them', () => {
    setEnv({ https_proxy: 'http://lower.corp:1', HTTPS_PROXY: 'http://upper.corp:2' })
    const routing = new ProxyRouting()
    agentFor(routing, 'cloudfront.amazonaws.com', 443, true)
    expect(routing.lastProxy?.address).toBe('lower.corp:1')
  })

  it('an http endpoint with only HTTPS_PROXY set goes direct', () => {
    setEnv({ HTTPS_PROXY: 'http://proxy.corp:3128' })
    const agent = agentFor(new ProxyRouting(), 'emulator.corp', 80, false)
    expect(agent).toBeInstanceOf(http.Agent)
    expect(agent).not.toBeInstanceOf(HttpProxyAgent)
  })
})

describe('proxy settings and secrets', () => {
  it('proxyConfigured sees any of the four variables, and not empty ones', () => {
    expect(proxyConfigured({})).toBe(false)
    expect(proxyConfigured({ HTTPS_PROXY: '' })).toBe(false)
    expect(proxyConfigured({ http_proxy: 'http://p:1' })).toBe(true)
  })

  it('addressOf gives host and port only', () => {
    expect(addressOf(new URL('http://user:secret@proxy.corp:3128'))).toBe('proxy.corp:3128')
    expect(addressOf(new URL('https://proxy.corp'))).toBe('proxy.corp:443')
  })

  it('redact removes a proxy password and any user:password@ in a URL', () => {
    const env = { HTTPS_PROXY: 'http://deploy:pr%40xy-pass@proxy.corp:3128' }
    expect(redact('tunnel to http://deploy:pr%40xy-pass@proxy.corp:3128 failed; pr@xy-pass', env)).toBe(
      'tunnel to http://[redacted]@proxy.corp:3128 failed; [redacted]'
    )
  })
})
