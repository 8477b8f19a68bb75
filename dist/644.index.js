export const id = 644;
export const ids = [644];
export const modules = {

/***/ 2644:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ProxyRouting: () => (/* binding */ ProxyRouting),
/* harmony export */   addressOf: () => (/* binding */ addressOf)
/* harmony export */ });
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9783);
/* harmony import */ var agent_base__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8894);
/* harmony import */ var http_proxy_agent__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1970);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3669);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7067);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4708);






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
class ProxyRouting extends agent_base__WEBPACK_IMPORTED_MODULE_1__.Agent {
    direct = { http: new node_http__WEBPACK_IMPORTED_MODULE_4__.Agent({ keepAlive: true }), https: new node_https__WEBPACK_IMPORTED_MODULE_5__.Agent({ keepAlive: true }) };
    tunnels = new Map();
    /** The proxy of the latest proxied request, host and port only, and what it answered to CONNECT. */
    lastProxy;
    connect(_req, opts) {
        const secure = opts.secureEndpoint;
        const host = opts.host ?? 'localhost';
        const target = new URL(`${secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${opts.port}`);
        const proxy = (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__/* .getProxyUrl */ .s)(target);
        if (!proxy)
            return secure ? this.direct.https : this.direct.http;
        this.lastProxy = { address: addressOf(proxy), refusedWith: undefined };
        const key = `${secure ? 'https' : 'http'} ${proxy.href}`;
        let tunnel = this.tunnels.get(key);
        if (!tunnel) {
            const created = secure
                ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__.HttpsProxyAgent(proxy, { keepAlive: true })
                : new http_proxy_agent__WEBPACK_IMPORTED_MODULE_2__.HttpProxyAgent(proxy, { keepAlive: true });
            created.on('proxyConnect', (answer) => {
                if (this.lastProxy)
                    this.lastProxy.refusedWith = answer.statusCode === 200 ? undefined : answer.statusCode;
            });
            this.tunnels.set(key, created);
            tunnel = created;
        }
        return tunnel;
    }
    destroy() {
        this.direct.http.destroy();
        this.direct.https.destroy();
        for (const tunnel of this.tunnels.values())
            tunnel.destroy();
        super.destroy();
    }
}
/** Host and port of a proxy URL: never its user name or password. */
function addressOf(proxy) {
    return `${proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? '443' : '80')}`;
}


/***/ })

};
