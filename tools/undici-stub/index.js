// @actions/http-client imports ProxyAgent from undici for HttpClient.getAgentDispatcher(), which only
// Octokit-style fetch clients call. This action never does (it reads inputs and writes outputs with
// @actions/core; the AWS SDK has its own HTTP handler), so the stub fails loudly if that ever changes.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is stubbed out of this bundle (tools/undici-stub): ProxyAgent is not available')
  }
}
