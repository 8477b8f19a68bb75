import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { Agent, type AgentConnectOpts } from 'agent-base'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import * as http from 'node:http'
import * as https from 'node:https'
import type { ClientRequest } from 'node:http'
import type { ProxyUse } from './explain.js'

/**
 * Routes each request the way the runner and @actions/http-client do: through HTTPS_PROXY (https
 * endpoints) or HTTP_PROXY (http ones), lower-case names first, unless NO_PROXY names the host (host,
 * domain suffix, port, or *) or the host is loopback. The AWS SDK reads none of these variables.
 *
 * The rules are @actions/http-client's own functions, so that this step goes direct or through the
 * proxy exactly where the runner's other steps do; the tunnels are the maintained https-proxy-agent
 * (CONNECT) and http-proxy-agent. This agent only picks one of them per request (agent-base lets
 * connect() hand the request to another agent), as the larger proxy-agent package does with other
 * rules and PAC and SOCKS support this action has no use for. Loaded only when a proxy variable is set.
 */
export class ProxyRouting extends Agent {
  private readonly direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) }
  private readonly tunnels = new Map<string, Agent>()
  /** The proxy of the latest proxied request, host and port only, and what it answered to CONNECT. */
  lastProxy: ProxyUse | undefined

  override connect(_req: ClientRequest, opts: AgentConnectOpts): http.Agent {
    const secure = opts.secureEndpoint
    const host = opts.host ?? 'localhost'
    const target = new URL(`${secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${opts.port}`)
    const proxy = getProxyUrl(target)
    if (!proxy) return secure ? this.direct.https : this.direct.http
    this.lastProxy = { address: addressOf(proxy), refusedWith: undefined }
    const key = `${secure ? 'https' : 'http'} ${proxy.href}`
    let tunnel = this.tunnels.get(key)
    if (!tunnel) {
      const created = secure
        ? new HttpsProxyAgent(proxy, { keepAlive: true })
        : new HttpProxyAgent(proxy, { keepAlive: true })
      created.on('proxyConnect', (answer: { statusCode: number }) => {
        if (this.lastProxy) this.lastProxy.refusedWith = answer.statusCode === 200 ? undefined : answer.statusCode
      })
      this.tunnels.set(key, created)
      tunnel = created
    }
    return tunnel
  }

  override destroy(): void {
    this.direct.http.destroy()
    this.direct.https.destroy()
    for (const tunnel of this.tunnels.values()) tunnel.destroy()
    super.destroy()
  }
}

/** Host and port of a proxy URL: never its user name or password. */
export function addressOf(proxy: URL): string {
  return `${proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? '443' : '80')}`
}
