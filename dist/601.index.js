export const id = 601;
export const ids = [601];
export const modules = {

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


/***/ }),

/***/ 2601:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  routeTargets: () => (/* binding */ routeTargets)
});

// UNUSED EXPORTS: RoutingError

// EXTERNAL MODULE: ./lib/cloudfront/explain.js
var explain = __webpack_require__(9367);
// EXTERNAL MODULE: ./lib/plural.js
var plural = __webpack_require__(6505);
// EXTERNAL MODULE: ./lib/targets.js
var targets = __webpack_require__(4697);
// EXTERNAL MODULE: ./lib/paths/normalize.js
var normalize = __webpack_require__(4839);
;// CONCATENATED MODULE: ./lib/routing/path-pattern.js
/**
 * Whether a cache behavior's path pattern matches a URL path, by the rules of CloudFront's developer
 * guide ("Path pattern"): `*` matches any run of characters, `/` included (images/*.jpg matches
 * images/product1/a.jpg); `?` matches exactly one character; everything else matches itself,
 * case-sensitively; a leading `/` on the pattern changes nothing. The whole path must match: the
 * pattern is anchored at both ends. The path is the URL path as a viewer requests it (what an
 * invalidation names), with its leading `/`.
 *
 * Written as a plain two-pointer glob walk rather than a RegExp built from the pattern: nothing to
 * escape, and no backtracking blow-up on a pattern of many `*` (the walk is at worst
 * pattern length × path length).
 */
function matchesPathPattern(pattern, path) {
    const p = pattern.startsWith('/') ? pattern.slice(1) : pattern;
    const s = path.startsWith('/') ? path.slice(1) : path;
    let pi = 0;
    let si = 0;
    // Where the last `*` was, and where in the path it started matching: on a mismatch, that `*`
    // swallows one more character and the walk resumes from there.
    let star = -1;
    let starAt = 0;
    while (si < s.length) {
        const c = p.charCodeAt(pi);
        if (pi < p.length && c !== STAR && (c === QUESTION || c === s.charCodeAt(si))) {
            pi++;
            si++;
        }
        else if (pi < p.length && c === STAR) {
            star = pi++;
            starAt = si;
        }
        else if (star !== -1) {
            pi = star + 1;
            si = ++starAt;
        }
        else {
            return false;
        }
    }
    while (pi < p.length && p.charCodeAt(pi) === STAR)
        pi++;
    return pi === p.length;
}
const STAR = 0x2a;
const QUESTION = 0x3f;

;// CONCATENATED MODULE: ./lib/routing/map-keys.js


/**
 * Maps an object key of the synced bucket to the URL paths the distribution serves it at, through its
 * configuration, or to why it serves it at none:
 * - through each origin that serves the bucket and whose origin path is a prefix of the key, the URL is
 *   the key without that prefix (an origin path excludes the other keys: "outside the origin path");
 * - the URL counts only when the cache behavior that matches it (the first in order, else the default)
 *   routes to that origin, or to an origin group with it, or to another origin of the bucket with the
 *   same origin path; otherwise another origin answers it ("served from another origin");
 * - when the key is the default root object (after the origin path) and `/` is routed to it too, `/`
 *   is served from it as well.
 * URLs are invalidation items: percent-encoded as keyToPath encodes them.
 */
function keyMapper(routing, serving) {
    const members = new Map();
    for (const origin of routing.origins)
        members.set(origin.id, [origin.id]);
    for (const group of routing.originGroups)
        members.set(group.id, group.members);
    /** Whether the behavior for `url` reaches the bucket through an origin with this key prefix. */
    const reaches = (url, keyPrefix) => {
        const behavior = routing.behaviors.find(b => matchesPathPattern(b.pathPattern, url));
        const origins = members.get(behavior?.targetOriginId ?? routing.defaultTargetOriginId) ?? [];
        return serving.some(o => o.keyPrefix === keyPrefix && origins.includes(o.id));
    };
    const rootObject = routing.defaultRootObject ?? '';
    const prefixes = [...new Set(serving.map(o => o.keyPrefix))];
    const rootReached = new Map(prefixes.map(prefix => [prefix, rootObject !== '' && reaches('/', prefix)]));
    return key => {
        const urls = [];
        let underOriginPath = false;
        for (const prefix of prefixes) {
            if (!key.startsWith(prefix) || key.length === prefix.length)
                continue;
            underOriginPath = true;
            const rest = key.slice(prefix.length);
            const url = (0,normalize/* keyToPath */.Mc)(rest);
            if (!reaches(url, prefix))
                continue;
            urls.push(url);
            if (rest === rootObject && rootReached.get(prefix) && !urls.includes('/'))
                urls.push('/');
        }
        if (urls.length > 0)
            return urls;
        return underOriginPath ? 'served from another origin' : 'outside the origin path';
    };
}

// EXTERNAL MODULE: ./lib/distribution/origins.js + 1 modules
var distribution_origins = __webpack_require__(5589);
;// CONCATENATED MODULE: ./lib/routing/route-targets.js





const NOT_READ = { how: 'not read' };
class RoutingError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RoutingError';
    }
}
async function routeTargets(api, input) {
    const bucket = [...new Set(input.syncLogs.flatMap(log => [...log.stats.buckets]))][0];
    const configured = (target, why, read = NOT_READ) => ({
        target,
        sources: undefined,
        read,
        line: `${(0,targets/* targetLabel */.Op)(target)}: ${why}; keys mapped as the step is configured (origin-path ${input.originPath === '' ? 'none' : originPathOf(input.originPath)}).`
    });
    if (bucket === undefined)
        return input.targets.map(t => configured(t, 'the sync-log changed no object'));
    if (bucket.startsWith('arn:')) {
        return input.targets.map(t => configured(t, `the sync-log went through the access point ${bucket}, whose bucket the origins cannot be matched with`));
    }
    const reads = await Promise.all(input.targets.map(target => readRouting(api, target, input)));
    const routed = [];
    const failures = [];
    for (const [index, target] of input.targets.entries()) {
        const read = reads[index] ?? NOT_READ;
        const routing = read.how === 'GetDistribution' ? read.routing : read.how === 'denied' ? read.summary : undefined;
        if (target.kind === 'tenant') {
            routed.push(configured(target, "a tenant's configuration is its distribution's and is not read"));
            continue;
        }
        if (routing === undefined) {
            routed.push(configured(target, 'its configuration could not be read (see the warning)', read));
            continue;
        }
        const origins = (0,distribution_origins/* originsFor */.J)(routing, bucket);
        if (origins.serving.length === 0) {
            if (origins.unknown.length === 0) {
                failures.push(wrongBucket(target, bucket, origins.otherBuckets));
                continue;
            }
            const unknown = origins.unknown.map(o => `${o.id} (${o.domainName})`).join(', ');
            const unchecked = configured(target, `no origin is an S3 endpoint of ${bucket}, and ${unknown} ${origins.unknown.length === 1 ? 'is' : 'are'} not an S3 bucket endpoint, so whether it serves ${bucket} could not be checked`, read);
            // Not a failure (a custom origin may proxy the bucket), but not silent either: the same words as
            // a wrong bucket would get, so that a wrong distribution-id is seen on the run page.
            input.warn(`${unchecked.line} If it does not serve ${bucket}, the deployed site stays stale: check distribution-id and the bucket of the sync.`);
            routed.push(unchecked);
            continue;
        }
        const contradiction = contradictsOriginPath(input.originPath, origins.serving);
        if (contradiction) {
            failures.push(`${(0,targets/* targetLabel */.Op)(target)}: ${contradiction}`);
            continue;
        }
        routed.push({ ...mapThrough(target, routing, origins.serving, input.syncLogs, bucket), read });
    }
    if (failures.length > 0) {
        throw new RoutingError(`${failures.join('\n')}\nNo invalidation was created.`);
    }
    return routed;
}
/** One GetDistribution; denied, a warning, and the ListDistributions summary if this step has one. */
async function readRouting(api, target, input) {
    if (target.kind === 'tenant')
        return NOT_READ;
    try {
        return { how: 'GetDistribution', routing: await api.routingOf(target.id, input.signal) };
    }
    catch (error) {
        if ((0,explain/* errorName */.Is)(error) !== 'AccessDenied')
            throw new RoutingError((0,explain/* explainApiError */.cU)(error, 'GetDistribution', target));
        const summary = input.listed?.get(target.id)?.routing;
        input.warn((0,explain/* routingDeniedWarning */.mD)(error, target, summary ? 'summary' : 'as configured'));
        return { how: 'denied', summary };
    }
}
function wrongBucket(target, bucket, otherBuckets) {
    const serves = otherBuckets.length === 0
        ? 'no S3 bucket'
        : `${otherBuckets.length === 1 ? 'the bucket' : 'the buckets'} ${otherBuckets.join(', ')}`;
    return `${(0,targets/* targetLabel */.Op)(target)} does not serve the bucket ${bucket} that the sync-log names: its origins serve ${serves}. Wrong distribution, or wrong bucket? Check distribution-id and the bucket of the sync (invalidating it would leave the deployed site stale).`;
}
/** Why origin-path, when given, disagrees with every origin of the bucket, or undefined. */
function contradictsOriginPath(prefix, serving) {
    if (prefix === '' || serving.some(o => o.keyPrefix === prefix))
        return undefined;
    const theirs = [...new Set(serving.map(o => (o.originPath === '' ? 'none (the bucket root)' : o.originPath)))];
    return `origin-path is ${originPathOf(prefix)}, and the distribution's origin path for ${serving[0]?.domainName ?? ''} is ${theirs.join(' or ')}: the step would invalidate URLs the distribution does not serve. Correct origin-path, or drop it: the distribution's own origin path is used.`;
}
/** The key prefix "prod/" as CloudFront writes an OriginPath: /prod. */
function originPathOf(prefix) {
    return `/${prefix.slice(0, -1)}`;
}
/** Every sync-log's keys through the configuration, counted for the report. */
function mapThrough(target, routing, serving, syncLogs, bucket) {
    const map = keyMapper(routing, serving);
    const skipped = { 'outside the origin path': 0, 'served from another origin': 0 };
    let objects = 0;
    let urls = 0;
    let root = false;
    const sources = syncLogs.map((log) => {
        const paths = [];
        const lines = [];
        for (const [i, key] of log.keys.entries()) {
            objects++;
            const mapped = map(key);
            if (typeof mapped === 'string') {
                skipped[mapped]++;
                continue;
            }
            for (const url of mapped) {
                paths.push(url);
                lines.push(log.keyLines[i]);
                if (url === '/')
                    root = true;
            }
            urls += mapped.length;
        }
        return {
            input: 'sync-log',
            file: log.file,
            normalized: true,
            forEach(visit) {
                for (let i = 0; i < paths.length; i++)
                    visit(paths[i], lines[i]);
            },
            // The URLs of the deleted objects, through the same configuration: verify expects them gone.
            deletedPaths: () => log.deletedKeys().flatMap(key => {
                const urls = map(key);
                return typeof urls === 'string' ? [] : urls;
            })
        };
    });
    const through = serving
        .map(o => `origin ${o.id} (${o.domainName}), origin path ${o.originPath === '' ? 'none' : o.originPath}`)
        .join('; ');
    // Counts that say what they count: the objects mapped and the URLs they became, then each object
    // not invalidated here and why, so that the parts add up to the objects the sync-log changed.
    const notHere = {
        'outside the origin path': 'outside the origin path (not served by it)',
        'served from another origin': 'served by another origin (not invalidated here)'
    };
    const skips = Object.entries(skipped)
        .filter(([, n]) => n > 0)
        .map(([why, n]) => `${n} ${notHere[why]}`);
    const mapped = objects - skipped['outside the origin path'] - skipped['served from another origin'];
    const line = `${(0,targets/* targetLabel */.Op)(target)}: ${bucket} is served through ${through}; ${(0,plural/* plural */.LS)(objects, 'object')} changed: ${(0,plural/* count */.U9)(mapped)} → ${(0,plural/* plural */.LS)(urls, 'URL')}${root ? ` (/ too: the default root object ${routing.defaultRootObject ?? ''} changed)` : ''}${skips.length > 0 ? `; ${skips.join('; ')}` : ''}.`;
    return { target, sources, line };
}


/***/ })

};
