export const id = 388;
export const ids = [388];
export const modules = {

/***/ 6388:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findByBucket: () => (/* binding */ findByBucket),
/* harmony export */   resolveTargets: () => (/* binding */ resolveTargets)
/* harmony export */ });
/* unused harmony export matchDomain */
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9367);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(452);
/* harmony import */ var _plural_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6505);
/* harmony import */ var _distribution_origins_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5589);




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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LookupError */ .FN(`Input "distribution-id": no distribution serves "${domain}": ${noneOfTheAccounts(distributions.length, 'does not have it', 'has it')} as an alternate domain name (or a wildcard one) or as its domain name. Check the spelling, and that the credentials are for the account that owns the distribution.`);
        }
        resolutions.push({ given: domain, ids: [match.distribution.id], how: match.how });
    }
    if (given.tags.length > 0) {
        const label = given.tags.map(t => `${t.key}=${t.value}`).join(', ');
        const tagged = await withTags(api, distributions, given.tags, signal);
        if (tagged.length === 0) {
            // Values may hold commas, so "Env=prod,Site=www" is one tag; when nothing carries it, a second tag was likely meant.
            const joined = given.tags.find(t => /,\s*[^\s=,][^=,]*=/.test(t.value));
            const oneLine = joined
                ? ` The value of ${joined.key} is "${joined.value}": if that holds a second tag, give each Key=Value on its own line.`
                : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LookupError */ .FN(`Input "distribution-tags": no distribution carries ${label}: ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(distributions.length, 'distribution')} ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .agree */ .d5)(distributions.length, 'was', 'were')} searched. Check the tags in the CloudFront console (keys and values are case-sensitive), and that the credentials are for the account that owns the distributions.${oneLine}`);
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
    return { targets: [...byId.values()], resolutions, searched: distributions.length, listed: listedById(distributions) };
}
/**
 * The distributions with an origin that serves `bucket` (a step that names none, with a sync-log):
 * one ListDistributions pass, whose summaries carry every origin.
 */
async function findByBucket(api, bucket, partition, signal) {
    const distributions = await listAll(api, signal, 'the bucket the sync-log names');
    const serving = distributions.filter(d => d.routing && (0,_distribution_origins_js__WEBPACK_IMPORTED_MODULE_2__/* .originsFor */ .J)(d.routing, bucket).serving.length > 0);
    if (serving.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LookupError */ .FN(`Input "distribution-id" is empty, and no distribution serves the bucket ${bucket} that the sync-log names: ${noneOfTheAccounts(distributions.length, 'has no origin that is an S3 endpoint of it', 'has an origin that is an S3 endpoint of it')}. Name the distribution in distribution-id, or check that the credentials are for the account that owns it.`);
    }
    const given = `bucket ${bucket}`;
    return {
        targets: serving.map(d => ({
            kind: 'distribution',
            id: d.id,
            given: [given],
            ...(partition ? { partition } : {})
        })),
        resolutions: [{ given, ids: serving.map(d => d.id), how: 'an origin serves it' }],
        searched: distributions.length,
        listed: listedById(distributions)
    };
}
/** What a lookup found in none of the account's distributions, worded for one or for several. */
function noneOfTheAccounts(distributions, one, many) {
    return distributions === 1
        ? `the account's one distribution ${one}`
        : `none of the account's ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .LS)(distributions, 'distribution')} ${many}`;
}
function listedById(distributions) {
    return new Map(distributions.map(d => [d.id, d]));
}
async function listAll(api, signal, by) {
    const all = [];
    let marker;
    do {
        const page = await call(() => api.listDistributions(marker, signal), 'ListDistributions', by);
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
async function call(request, operation, by) {
    try {
        return await request();
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LookupError */ .FN((0,_explain_js__WEBPACK_IMPORTED_MODULE_0__/* .explainLookupError */ .Cq)(error, operation, by));
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


/***/ }),

/***/ 5589:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J: () => (/* binding */ originsFor)
});

// UNUSED EXPORTS: keyPrefixOf

;// CONCATENATED MODULE: ./lib/distribution/s3-endpoint.js
// us-east-1, ap-southeast-2, us-gov-west-1, cn-north-1, eu-central-2, …
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
/**
 * The endpoint forms S3 answers a bucket at, as S3's documentation lists them (each anchored at the
 * end; the bucket is everything before, dots included):
 *   REST:     B.s3.amazonaws.com, B.s3.REGION.amazonaws.com, B.s3-REGION.amazonaws.com (legacy),
 *             B.s3-external-1.amazonaws.com, B.s3.dualstack.REGION.amazonaws.com, B.s3-fips.REGION…,
 *             and in China B.s3.cn-REGION.amazonaws.com.cn (and dualstack);
 *   website:  B.s3-website-REGION.amazonaws.com, B.s3-website.REGION.amazonaws.com, and in China
 *             B.s3-website.cn-REGION.amazonaws.com.cn.
 * Access points (…s3-accesspoint…), Object Lambda and PrivateLink (…vpce…) domains are not a bucket's
 * endpoint: they fall through to "not S3", as any other domain does.
 */
const FORMS = [
    { kind: 'rest', pattern: /^(.+)\.s3\.amazonaws\.com$/ },
    {
        kind: 'rest',
        pattern: new RegExp(`^(.+)\\.s3(?:-fips)?(?:\\.dualstack)?\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`)
    },
    { kind: 'rest', pattern: new RegExp(`^(.+)\\.s3-(${REGION}|external-1)\\.amazonaws\\.com$`) },
    { kind: 'website', pattern: new RegExp(`^(.+)\\.s3-website-(${REGION})\\.amazonaws\\.com$`) },
    { kind: 'website', pattern: new RegExp(`^(.+)\\.s3-website\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`) }
];
// S3's rules for bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, starting and
// ending with a letter or digit, no two dots in a row, and not shaped like an IP address.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
/** The bucket an origin domain name reaches, or undefined when it is not an S3 bucket endpoint. */
function s3EndpointOf(domainName) {
    // Host names are case-insensitive; a trailing dot (fully qualified) names the same host.
    const host = domainName.toLowerCase().replace(/\.$/, '');
    for (const { kind, pattern } of FORMS) {
        const match = pattern.exec(host);
        if (!match)
            continue;
        const [, bucket = '', region, china] = match;
        // China's endpoints end in .amazonaws.com.cn, and only China's regions (cn-…) are reached there.
        if (region !== undefined && region !== 'external-1' && (china !== undefined) !== region.startsWith('cn-')) {
            return undefined;
        }
        return isBucketName(bucket) ? { bucket, kind } : undefined;
    }
    return undefined;
}
function isBucketName(name) {
    return BUCKET.test(name) && !name.includes('..') && !IP_ADDRESS.test(name);
}

;// CONCATENATED MODULE: ./lib/distribution/origins.js

function originsFor(routing, bucket) {
    const serving = [];
    const otherBuckets = new Set();
    const unknown = [];
    for (const origin of routing.origins) {
        const endpoint = s3EndpointOf(origin.domainName);
        if (endpoint === undefined)
            unknown.push({ id: origin.id, domainName: origin.domainName });
        else if (endpoint.bucket === bucket)
            serving.push({ ...origin, keyPrefix: keyPrefixOf(origin.originPath) });
        else
            otherBuckets.add(endpoint.bucket);
    }
    return { serving, otherBuckets: [...otherBuckets], unknown };
}
/** CloudFront's OriginPath ('/prod', '/a/b') as the key prefix it serves ('prod/', 'a/b/'); '' for the bucket's root. */
function keyPrefixOf(originPath) {
    const path = originPath.replace(/^\/+|\/+$/g, '');
    return path === '' ? '' : `${path}/`;
}


/***/ })

};
