// @actions/http-client imports ProxyAgent from undici for HttpClient.getAgentDispatcher(), which only
// Octokit-style fetch clients call. This action never does (it reads inputs and writes outputs with
// @actions/core; the AWS SDK has its own HTTP handler), so the stub fails loudly if that ever changes.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is stubbed out of this bundle (tools/undici-stub): ProxyAgent is not available')
  }
}

// @github/local-action (`npm run local-action`) imports fetch beside ProxyAgent for its @actions/github
// stub's Octokit, which this action never creates; the override reaches its dependencies too.
export function fetch() {
  throw new Error('undici is stubbed out of this project (tools/undici-stub): fetch is not available')
}
