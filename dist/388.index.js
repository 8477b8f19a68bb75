export const id = 388;
export const ids = [388];
export const modules = {

/***/ 6388:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveTargets: () => (/* binding */ resolveTargets)
/* harmony export */ });
/* unused harmony export matchDomain */
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9367);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(452);
/* harmony import */ var _plural_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6505);



// ListTagsForResource calls at once: a few, so that an account of a thousand distributions stays inside
// CloudFront's API rate (the SDK retries any throttling on top).
const TAG_CONCURRENCY = 4;
/**
 * Resolves `ids` (kept as given), `domains` and `tags` to distributions: ListDistributions, every page,
 * once; ListTagsForResource only when tags are given. Two names of the same distribution give one target.
 */
async function resolveTargets(api, given, signal) {
    const distributions = await listAll(api, signal);
    const resolutions = [];
    for (const domain of given.domains) {
        const match = matchDomain(domain, distributions);
        if (!match) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LookupError */ .FN(`Input "distribution-id": no distribution serves "${domain}": ${distributions.length === 1 ? "the account's one distribution does not have it" : `none of the account's ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_2__/* .count */ .U9)(distributions.length)} distributions has it`} as an alternate domain name (or a wildcard one) or as its domain name. Check the spelling, and that the credentials are for the account that owns the distribution.`);
        }
        resolutions.push({ given: domain, ids: [match.distribution.id], how: match.how });
    }
    if (given.tags.length > 0) {
        const label = given.tags.map(t => `${t.key}=${t.value}`).join(', ');
        const tagged = await withTags(api, distributions, given.tags, signal);
        if (tagged.length === 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LookupError */ .FN(`Input "distribution-tags": no distribution carries ${label}: ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(distributions.length, 'distribution')} ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_2__/* .agree */ .d5)(distributions.length, 'was', 'were')} searched. Check the tags in the CloudFront console (keys and values are case-sensitive), and that the credentials are for the account that owns the distributions.`);
        }
        resolutions.push({ given: label, ids: tagged.map(d => d.id), how: 'tags' });
    }
    const byId = new Map();
    const add = (id, name) => {
        const existing = byId.get(id);
        if (existing)
            existing.given = [...(existing.given ?? []), name];
        else
            byId.set(id, {
                kind: 'distribution',
                id,
                given: [name],
                ...(given.partition ? { partition: given.partition } : {})
            });
    };
    for (const id of given.ids)
        add(id, id);
    for (const r of resolutions)
        for (const id of r.ids)
            add(id, r.given);
    return { targets: [...byId.values()], resolutions, searched: distributions.length };
}
async function listAll(api, signal) {
    const all = [];
    let marker;
    do {
        const page = await call(() => api.listDistributions(marker, signal), 'ListDistributions');
        all.push(...page.distributions);
        marker = page.nextMarker;
    } while (marker !== undefined);
    return all;
}
async function withTags(api, distributions, filters, signal) {
    const matches = new Array(distributions.length).fill(false);
    let next = 0;
    const worker = async () => {
        while (next < distributions.length) {
            const index = next++;
            const distribution = distributions[index];
            const tags = await call(() => api.tagsOf(distribution.arn, signal), 'ListTagsForResource');
            matches[index] = filters.every(f => tags[f.key] === f.value);
        }
    };
    await Promise.all(Array.from({ length: Math.min(TAG_CONCURRENCY, distributions.length) }, worker));
    return distributions.filter((_, i) => matches[i]);
}
async function call(request, operation) {
    try {
        return await request();
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LookupError */ .FN((0,_explain_js__WEBPACK_IMPORTED_MODULE_0__/* .explainLookupError */ .Cq)(error, operation));
    }
}
/**
 * The distribution that serves a host name, as CloudFront routes it: an exact alternate domain name
 * first, then a wildcard one (*.example.com serves www.example.com, not a.b.example.com nor
 * example.com), then the distribution's own domain name (d111111abcdef8.cloudfront.net). Host names are
 * case-insensitive.
 */
function matchDomain(name, distributions) {
    const host = name.toLowerCase();
    const exact = distributions.find(d => d.aliases.some(alias => alias.toLowerCase() === host));
    if (exact)
        return { distribution: exact, how: 'alternate domain name' };
    const dot = host.indexOf('.');
    const parent = dot === -1 ? undefined : host.slice(dot + 1);
    const wildcard = parent && dot > 0
        ? distributions.find(d => d.aliases.some(alias => alias.toLowerCase() === `*.${parent}`))
        : undefined;
    if (wildcard)
        return { distribution: wildcard, how: `wildcard alternate domain name *.${parent}` };
    const own = distributions.find(d => d.domainName.toLowerCase() === host);
    if (own)
        return { distribution: own, how: 'its CloudFront domain name' };
    return undefined;
}


/***/ })

};
