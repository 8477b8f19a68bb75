export const id = 303;
export const ids = [303];
export const modules = {

/***/ 4303:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyAfterCompletion: () => (/* binding */ verifyAfterCompletion),
  verifyPreview: () => (/* binding */ verifyPreview)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/cloudfront/explain.js
var explain = __webpack_require__(9367);
// EXTERNAL MODULE: ./lib/errors.js
var errors = __webpack_require__(452);
// EXTERNAL MODULE: ./lib/targets.js
var targets = __webpack_require__(4697);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(1234);
// EXTERNAL MODULE: ./lib/report/summary.js
var report_summary = __webpack_require__(3394);
// EXTERNAL MODULE: ./lib/plural.js
var plural = __webpack_require__(6505);
// EXTERNAL MODULE: ./lib/report/shown.js
var shown = __webpack_require__(1659);
;// CONCATENATED MODULE: ./lib/verify/judge.js

const HIT = 'hit from cloudfront';
/**
 * Whether an answer is certainly a copy cached before the invalidation: CloudFront says it is a Hit
 * (or says nothing, as a cache in front of it may not) and its Age is more than the seconds since the
 * invalidation was created. Age is whole seconds, rounded down, so Age > elapsed means the copy is
 * older than the invalidation even when measured late. A Miss, a RefreshHit (revalidated with the
 * origin) or an Error (not from the cache) is fresh; so is a Hit without Age, for lack of evidence.
 */
function isOldCopy(answer, secondsSinceInvalidation) {
    const xCache = answer.xCache?.trim().toLowerCase();
    if (xCache !== undefined && xCache !== HIT)
        return false;
    return answer.age !== undefined && answer.age > secondsSinceInvalidation;
}
/**
 * Judges one answer. Only positive evidence is `stale`: other bytes than the deployed file, an old
 * copy (when no bytes decide), or an error status for a file the deploy uploaded. With site-dir the
 * bytes of a 2xx answer decide alone: the deployed bytes pass whatever X-Cache and Age say. A refusal (401/403) of an object that should
 * be there, an unreachable edge, a timeout or a 5xx says nothing about the cache: `unverifiable`. A
 * redirect is judged by its own freshness (it is what the edge serves at that URL; the target is
 * another URL). A deleted object passes on any status, a 403 or 404 or a custom error page, if fresh.
 */
function judge(asked, expected, secondsSinceInvalidation) {
    if ('unreachable' in asked)
        return { outcome: 'unverifiable', why: asked.unreachable };
    const { answer } = asked;
    const stale = (why) => ({ outcome: 'stale', why });
    if ((answer.status === 401 || answer.status === 403) && expected.kind !== 'absent') {
        return { outcome: 'unverifiable', why: `refused (${answer.status})` };
    }
    if (answer.status >= 500) {
        return { outcome: 'unverifiable', why: `an error from the edge or the origin (${answer.status})` };
    }
    const old = isOldCopy(answer, secondsSinceInvalidation);
    const oldCopy = `a copy cached before the invalidation (Age ${answer.age} s, the invalidation is ${Math.floor(secondsSinceInvalidation)} s old)`;
    // With site-dir the bytes decide: the deployed bytes pass even from a copy cached a moment too early.
    if (expected.kind === 'bytes' && answer.status >= 200 && answer.status < 300) {
        if (answer.digest === expected.digest)
            return { outcome: 'served', how: `the bytes of ${expected.file}` };
        return stale(`other bytes than ${expected.file}${old ? `, ${oldCopy}` : ''}`);
    }
    if (old)
        return stale(oldCopy);
    if (answer.status >= 300 && answer.status < 400)
        return { outcome: 'served', how: 'a fresh redirect' };
    if (expected.kind === 'absent')
        return { outcome: 'served', how: `fresh (${answer.status}) for a deleted object` };
    if (expected.kind === 'fresh')
        return { outcome: 'served', how: 'fresh' };
    return stale(`${answer.status} for ${expected.file}, which the deploy holds`);
}
/** The answer in one line, for the log, the summary and the failure message. */
function describeAnswer(asked, expected) {
    // The edge's headers and errors are outside text: shown, never obeyed (report/shown.ts).
    if ('unreachable' in asked)
        return (0,shown/* shown */.SP)(asked.unreachable);
    const { answer } = asked;
    const parts = [
        String(answer.status),
        `X-Cache: ${(0,shown/* shown */.SP)(answer.xCache ?? '(none)')}`,
        `Age: ${answer.age ?? '(none)'}`
    ];
    if (answer.location !== undefined)
        parts.push(`Location: ${(0,shown/* shown */.SP)(answer.location)}`);
    if (expected.kind === 'bytes' && answer.digest !== expected.digest) {
        parts.push(`${answer.length} bytes, SHA-256 ${answer.digest.slice(0, 12)}… (expected ${expected.digest.slice(0, 12)}…)`);
        parts.push(`begins ${JSON.stringify(printable(answer.head))}`);
    }
    return parts.join(', ');
}
/** The first bytes as text, with anything unprintable shown as "." so that a binary body cannot garble the log. */
function printable(head) {
    return head.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
}

;// CONCATENATED MODULE: ./lib/verify/report.js





const LIKELY_CAUSES = [
    'the site is served by another distribution than the one invalidated (check distribution-id against the domain visitors use)',
    "the distribution's origin has an origin path the paths do not account for (origin-path)",
    'a CloudFront Function or Lambda@Edge rewrites the URLs visitors ask for, so the cache holds other keys than the paths invalidated',
    'a directory URL (/blog/) is served by an index document and was not invalidated (index-document)'
];
/**
 * Logs what verify found, and returns what the outputs, the summary and the failure message need. An
 * edge that refused or missed every request is one warning, never a failure: only positive evidence of
 * a stale page fails the step.
 */
function reportVerification(verification, waitTimeoutSeconds) {
    const { checks, selections } = verification;
    const served = checks.filter(c => c.verdict.outcome === 'served');
    const stale = checks.filter(c => c.verdict.outcome === 'stale');
    const unverifiable = checks.filter(c => c.verdict.outcome === 'unverifiable');
    const where = selections
        .map(s => `${(0,targets/* targetLabel */.Op)(s.target)} at ${typeof s.base === 'string' ? s.base : '(unknown address)'}`)
        .join(', ');
    const headline = `Asked ${(0,plural/* plural */.LS)(checks.length, 'URL')} (${where}): ${served.length} served the deploy${stale.length > 0 ? `, ${stale.length} stale` : ''}${unverifiable.length > 0 ? `, ${unverifiable.length} could not be checked` : ''}.`;
    core/* startGroup */.Oh('Verified');
    for (const { target, selection } of selections) {
        if (selection.candidates > selection.urls.length) {
            core/* info */.pq(`${(0,targets/* targetLabel */.Op)(target)}: ${selection.candidates} file and directory URLs invalidated; asking a fixed sample of ${selection.urls.length} (/ and the directory URLs first, then by a hash of each URL).`);
        }
        if (selection.skipped > 0) {
            core/* info */.pq(`${(0,targets/* targetLabel */.Op)(target)}: ${(0,plural/* plural */.LS)(selection.skipped, 'path')} not asked (wildcards, cache tags, query strings).`);
        }
    }
    core/* info */.pq(headline);
    for (const check of [...stale, ...unverifiable])
        core/* info */.pq(`  ${row(check).join(' | ')}`);
    core/* endGroup */.N4();
    // A deleted object passes on a fresh 403, which a refusing edge answers too: when every URL that
    // should serve a file went unchecked, nothing was verified, whatever the deleted ones answered.
    const present = checks.filter(c => c.expected.kind !== 'absent');
    const nothingVerified = unverifiable.length > 0 && (present.length > 0 ? present : checks).every(c => c.verdict.outcome === 'unverifiable');
    const { outOfTime } = verification;
    if (outOfTime.length > 0) {
        const shown = outOfTime.slice(0, 3).map(c => c.url);
        core/* warning */.$e(`wait-timeout (${waitTimeoutSeconds} s) ran out while verifying: ${(0,plural/* plural */.LS)(outOfTime.length, 'URL')} not checked (${shown.join(', ')}${outOfTime.length > shown.length ? ', …' : ''}). The invalidations completed; raise wait-timeout to leave verify time after completion (it asks a stale URL again for up to 20 s).`);
    }
    else if (nothingVerified && stale.length === 0) {
        const first = unverifiable[0];
        const answered = `${first.url}: ${describeAnswer(first.asked, first.expected)}`;
        // No answer at all is a network matter (a name that does not resolve here, a firewall), not a refusal.
        const noAnswer = unverifiable.every(check => 'unreachable' in check.asked);
        core/* warning */.$e(noAnswer
            ? `Nothing could be verified: the edge could not be reached from this runner (${answered}). The invalidations completed; give site-url the address visitors use (it must resolve and be reachable from the runner, through the proxy if one is set), or set verify: false.`
            : `Nothing could be verified: every request was refused or went unanswered (${answered}). The invalidations completed; verify asks as an anonymous visitor, which a private distribution (signed URLs or cookies, WAF, a geo restriction) refuses. Give site-url an address visitors can reach, or set verify: false.`);
    }
    const output = stale.length > 0 ? 'false' : served.length > 0 && !nothingVerified ? 'true' : '';
    return {
        output,
        addTo(summary) {
            summary.addHeading('Verified', 3).addRaw((0,report_summary/* escapeHtml */.ZD)(headline), true);
            const rows = [...stale, ...unverifiable];
            if (rows.length === 0)
                return;
            summary.addTable([
                ['URL', 'Distribution', 'Verdict', 'The edge answered'].map(data => ({ data, header: true })),
                ...rows.map(check => row(check).map(report_summary/* escapeHtml */.ZD))
            ]);
        },
        failure: stale.length === 0 ? undefined : staleMessage(stale, verification.retriedForMs)
    };
}
function row(check) {
    const verdict = check.verdict;
    const text = verdict.outcome === 'served'
        ? verdict.how
        : `${verdict.outcome === 'stale' ? 'stale' : 'not checked'}: ${verdict.why}`;
    // With no answer, the verdict already says why; the last column then says only that.
    const answered = 'unreachable' in check.asked ? 'no answer' : describeAnswer(check.asked, check.expected);
    return [check.url, (0,targets/* targetLabel */.Op)(check.target), text, answered];
}
function staleMessage(stale, retriedForMs) {
    const lines = [
        `${(0,plural/* plural */.LS)(stale.length, 'URL')} still ${(0,plural/* agree */.d5)(stale.length, 'serves', 'serve')} what the deploy replaced, after every invalidation completed and ${Math.round(retriedForMs / 1000)} s of asking again:`,
        ...stale.map(check => `  ${check.url} (${(0,targets/* targetLabel */.Op)(check.target)}): ${check.verdict.outcome === 'stale' ? check.verdict.why : ''}; the edge answered ${describeAnswer(check.asked, check.expected)}`),
        `Likely causes: ${LIKELY_CAUSES.join('; ')}.`
    ];
    return lines.join('\n');
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./lib/verify/select.js

/** At most this many URLs are asked per distribution: enough to catch a wrong mapping, few enough to be quick. */
const MAX_CHECKED = 100;
/**
 * The file and directory URLs among the invalidated paths, never a wildcard (it names no one URL), a
 * cache tag (not a URL) or a URL with a query string (the step does not know which query strings the
 * cache keys on). Past `max`, a deterministic sample: `/` and the directory URLs first (a directory URL
 * is the one an index-document or origin-path mistake leaves stale), then the other URLs in the order
 * of a hash of each, so that a re-run asks the same URLs and a sample is spread over the whole site
 * rather than the first folder in alphabetical order.
 */
function selectUrls(items, max = MAX_CHECKED) {
    const urls = items.filter(isAskable);
    const skipped = items.length - urls.length;
    if (urls.length <= max)
        return { urls, candidates: urls.length, skipped };
    const directories = urls.filter(url => url.endsWith('/')).sort(rootFirst);
    const files = urls
        .filter(url => !url.endsWith('/'))
        .map(url => ({ url, rank: (0,external_node_crypto_.createHash)('sha256').update(url).digest('hex') }))
        .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
        .map(entry => entry.url);
    return { urls: [...directories, ...files].slice(0, max), candidates: urls.length, skipped };
}
function isAskable(item) {
    return item.startsWith('/') && !item.endsWith('*') && !item.includes('?');
}
/** `/` first, then shallower directories before deeper ones, each level in order. */
function rootFirst(a, b) {
    const depth = (url) => url.split('/').length;
    return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./lib/verify/expected.js

/**
 * The file of the deployed folder that a URL serves, as a path relative to that folder, or undefined
 * when no file can be named (a directory URL without an index document). `/blog/` serves
 * blog/<index document>; `/` the default root object, else the index document; any other URL the file
 * of its decoded path (`/caf%C3%A9.html` is café.html), as aws s3 sync names keys after files.
 */
function expectedFile(url, mapping) {
    if (url === '/') {
        if (mapping.defaultRootObject === undefined)
            return undefined;
        const root = mapping.defaultRootObject || mapping.indexDocument;
        return root === '' ? undefined : root;
    }
    const path = decodePath(url.slice(1));
    if (path === undefined)
        return undefined;
    if (path.endsWith('/'))
        return mapping.indexDocument === '' ? undefined : `${path}${mapping.indexDocument}`;
    return path;
}
/** The file's full name under the site folder; a path that climbs out of it (`..`) names none. */
function fileUnder(siteDir, relative) {
    if (relative.split('/').some(part => part === '..' || part === '.'))
        return undefined;
    return (0,external_node_path_.join)(siteDir, ...relative.split('/'));
}
function decodePath(path) {
    try {
        return decodeURIComponent(path);
    }
    catch {
        return undefined; // a malformed escape names no file
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./lib/verify/fetch.js



/** At most this many requests to the edge at a time: a visitor's browser opens about as many. */
const CONCURRENCY = 8;
/** One request's limit: an edge that takes longer is reported as not answering, never as stale. */
const REQUEST_TIMEOUT_MS = 10_000;
const HEAD_BYTES = 64;
/**
 * One GET as a visitor's would be, with `Accept-Encoding: identity` so that the body is the stored
 * bytes, not a compressed form of them. Node's http rather than fetch(): fetch would need undici's own
 * proxy dispatcher, while node:http takes the same proxy agent as the API calls (one set of proxy
 * rules), and it follows no redirect. The body is hashed as it arrives; only its first bytes are kept.
 */
function askEdge(url, options) {
    const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]);
    const send = url.protocol === 'https:' ? external_node_https_.request : external_node_http_.request;
    return new Promise(resolve => {
        const request = send(url, {
            method: 'GET',
            headers: { 'accept-encoding': 'identity', 'user-agent': 'cloudfront-invalidate-action (verify)' },
            signal,
            ...(options.agent ? { agent: options.agent } : {})
        }, response => {
            const hash = (0,external_node_crypto_.createHash)('sha256');
            const head = [];
            let length = 0;
            response.on('data', (chunk) => {
                hash.update(chunk);
                if (length < HEAD_BYTES)
                    head.push(chunk.subarray(0, HEAD_BYTES - length));
                length += chunk.length;
            });
            response.on('end', () => {
                const age = Number(response.headers.age);
                const location = response.headers.location;
                resolve({
                    answer: {
                        status: response.statusCode ?? 0,
                        xCache: headerText(response.headers['x-cache']),
                        age: response.headers.age !== undefined && Number.isFinite(age) ? age : undefined,
                        location,
                        digest: hash.digest('hex'),
                        head: Buffer.concat(head),
                        length
                    }
                });
            });
            response.on('error', error => resolve({ unreachable: failureText(error, signal, timeoutMs) }));
        });
        request.on('error', error => resolve({ unreachable: failureText(error, signal, timeoutMs) }));
        request.end();
    });
}
/** Runs `work` on every item, at most `limit` at a time, results in the items' order. */
async function eachLimited(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        for (let index = next++; index < items.length; index = next++) {
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
function headerText(value) {
    return Array.isArray(value) ? value.join(', ') : value;
}
function failureText(error, signal, timeoutMs) {
    if (signal.aborted && signal.reason?.name === 'TimeoutError') {
        return `no answer within ${timeoutMs / 1000} s`;
    }
    const code = error.code;
    return `could not be reached (${code ? `${code}: ` : ''}${error.message})`;
}

;// CONCATENATED MODULE: ./lib/verify/verify.js






/** How long a stale URL is asked again: an edge location can lag the Completed status by a moment. */
const STALE_RETRY_MS = 20_000;
const FIRST_RETRY_MS = 1_000;
/**
 * Asks each distribution's edge for the URLs its invalidations named, as a visitor would, and judges
 * every answer. A stale answer is asked again, after 1, 2, 4, 8 s… for up to 20 s: an edge location
 * can lag the Completed status by a moment, and only a page still stale after that is reported.
 */
async function verifyDeploy(targets, deps) {
    const digests = new Map();
    const checks = [];
    const askable = [];
    const selections = [];
    for (const { target, base, mapping, items } of targets) {
        const selection = selectUrls(items);
        selections.push({ target, base, selection });
        for (const path of selection.urls) {
            const expected = expectationFor(path, mapping, deps.siteDir, digests);
            if (typeof base === 'string') {
                const check = {
                    target,
                    path,
                    url: joinUrl(base, path),
                    expected,
                    asked: NOT_ASKED,
                    verdict: NOT_JUDGED
                };
                checks.push(check);
                askable.push(check);
            }
            else {
                // No address to ask at (the domain name could not be read): nothing to judge, said once per URL.
                const asked = { unreachable: base.unknown };
                checks.push({ target, path, url: path, expected, asked, verdict: judge(asked, expected, 0) });
            }
        }
    }
    await askAll(askable, deps);
    const started = deps.now();
    const until = Math.min(started + STALE_RETRY_MS, deps.deadline);
    let delay = FIRST_RETRY_MS;
    let stale = staleOf(askable);
    for (; stale.length > 0 && deps.now() < until && !outOfTime(deps); stale = staleOf(stale)) {
        deps.log(`${stale.length} URL${stale.length === 1 ? '' : 's'} stale; asking again in ${delay / 1000} s`);
        await sleepUnlessOutOfTime(Math.min(delay, until - deps.now()), deps);
        await askAll(stale, deps);
        delay *= 2;
    }
    const retriedForMs = deps.now() - started;
    // Only a page still stale after 20 s of asking again is reported stale: an edge location can lag.
    const unconfirmed = retriedForMs < STALE_RETRY_MS ? stale : [];
    for (const check of unconfirmed) {
        check.verdict = {
            outcome: 'unverifiable',
            why: `stale, and wait-timeout ran out after ${Math.round(retriedForMs / 1000)} s of the ${STALE_RETRY_MS / 1000} s of asking again that an edge may need`
        };
    }
    const unasked = askable.filter(check => check.asked === NOT_ASKED);
    for (const check of unasked)
        check.verdict = { outcome: 'unverifiable', why: 'no answer before wait-timeout ran out' };
    return { checks, selections, retriedForMs, outOfTime: [...unconfirmed, ...unasked] };
}
const NOT_ASKED = { unreachable: 'not asked' };
const NOT_JUDGED = { outcome: 'unverifiable', why: 'not asked' };
/**
 * Whether the step's deadline has passed: wait-timeout on the step's clock, or the signal it aborts
 * with. A cancelled run is not out of time: it stops the step, as it stops the wait.
 */
function outOfTime(deps) {
    if (deps.signal.aborted && deps.signal.reason?.name !== 'TimeoutError') {
        throw deps.signal.reason;
    }
    return deps.signal.aborted || deps.now() >= deps.deadline;
}
async function sleepUnlessOutOfTime(ms, deps) {
    try {
        await deps.sleep(ms, deps.signal);
    }
    catch (error) {
        if (!outOfTime(deps))
            throw error;
    }
}
/** Asks each URL once; none is asked past the deadline, and one the deadline cut off stays not asked. */
async function askAll(checks, deps) {
    await eachLimited(checks, CONCURRENCY, async (check) => {
        if (outOfTime(deps))
            return;
        const asked = await askEdge(new URL(check.url), { agent: deps.agent, signal: deps.signal });
        if ('unreachable' in asked && outOfTime(deps))
            return;
        check.asked = asked;
        check.verdict = judge(check.asked, check.expected, (deps.now() - deps.invalidatedAt) / 1000);
    });
}
function staleOf(checks) {
    return checks.filter(check => check.verdict.outcome === 'stale');
}
/** The base URL and the path, keeping the base's own path prefix (https://example.com/docs + /a.html). */
function joinUrl(base, path) {
    return `${base.replace(/\/+$/, '')}${path}`;
}
/**
 * What the URL should serve: with site-dir, the bytes of its file there, or, when the folder holds no
 * such file (the deploy deleted it), any fresh answer; without site-dir, any fresh answer.
 */
function expectationFor(path, mapping, siteDir, digests) {
    if (siteDir === undefined)
        return { kind: 'fresh' };
    const file = expectedFile(path, mapping);
    const fullName = file === undefined ? undefined : fileUnder(siteDir, file);
    if (file === undefined || fullName === undefined)
        return { kind: 'fresh' };
    let digest = digests.get(fullName);
    if (digest === undefined) {
        if (!isFile(fullName))
            return { kind: 'absent', file };
        digest = (0,external_node_crypto_.createHash)('sha256').update((0,external_node_fs_.readFileSync)(fullName)).digest('hex');
        digests.set(fullName, digest);
    }
    return { kind: 'bytes', file, digest };
}
function isFile(name) {
    try {
        return (0,external_node_fs_.statSync)(name).isFile();
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./lib/verify/step.js







/**
 * The verify stage, after every invalidation completed: for each distribution that got its
 * invalidations, where to ask (site-url, else https:// and its domain name) and what `/` serves, then
 * the asking and the report. `routed` is what the configuration stage read (a step with sync-log).
 * Loaded by main.ts with import() only when verify is true.
 */
async function verifyAfterCompletion(settings, siteDir, requests, routed, ledger, deps) {
    const targets = [];
    for (const { target, requests: sent } of requests) {
        const created = new Set(ledger.created.filter(c => c.target === target).map(c => c.callerReference));
        const items = sent.filter(r => created.has(r.callerReference)).flatMap(r => r.batch.items);
        const read = routed?.find(r => r.target.id === target.id)?.read;
        if (items.length > 0)
            targets.push(await verifyTarget(settings, siteDir, target, items, read, deps));
    }
    const verification = await verifyDeploy(targets, {
        ...deps,
        siteDir: siteDir ? (0,external_node_path_.resolve)(siteDir.dir) : undefined,
        invalidatedAt: ledger.startedAt
    });
    return reportVerification(verification, settings.waitTimeoutSeconds);
}
/**
 * Where to ask for one distribution, and what `/` serves: its domain name and default root object, as
 * the configuration stage read them (a step with sync-log), else from one GetDistribution, read only
 * when needed: without site-url, or with site-dir when `/` is asked. A GetDistribution denied to the
 * configuration stage is not called again.
 */
async function verifyTarget(settings, siteDir, target, items, read, deps) {
    const siteUrl = settings.siteUrl?.href;
    const needsRootObject = siteDir !== undefined && items.includes('/');
    const at = (base, defaultRootObject) => ({
        target,
        base,
        mapping: { indexDocument: settings.indexDocument, defaultRootObject },
        items
    });
    if (siteUrl !== undefined && !needsRootObject)
        return at(siteUrl, undefined);
    if (target.kind === 'tenant')
        return at(siteUrl ?? { unknown: "a tenant's domain names are not read: give site-url" }, undefined);
    if (read?.how === 'denied') {
        const listed = read.summary?.domainName ?? '';
        const base = siteUrl ?? (listed === '' ? unreadable(denied(target)) : `https://${listed}`);
        const where = typeof base === 'string'
            ? `${base}${siteUrl ? '' : ' (the domain name ListDistributions listed)'}`
            : 'no address: give site-url';
        deps.log(`${(0,targets/* targetLabel */.Op)(target)}: cloudfront:GetDistribution was denied when its configuration was read, so verify does not call it again: it asks at ${where}${needsRootObject ? ', and judges / by freshness alone (its default root object is unknown)' : ''}.`);
        return at(base, undefined);
    }
    let routing;
    try {
        routing = read?.how === 'GetDistribution' ? read.routing : await deps.api.routingOf(target.id, deps.signal);
    }
    catch (error) {
        const why = (0,explain/* errorName */.Is)(error) === 'AccessDenied' ? denied(target) : `${(0,explain/* errorName */.Is)(error)}: ${(0,errors/* messageOf */.bD)(error)}`;
        return at(siteUrl ?? unreadable(why), undefined);
    }
    const domainName = routing.domainName ?? '';
    const base = siteUrl ?? (domainName === '' ? { unknown: 'GetDistribution returned no DomainName' } : `https://${domainName}`);
    return at(base, routing.defaultRootObject);
}
function denied(target) {
    return `the step's role may not call cloudfront:GetDistribution on ${(0,targets/* targetArn */.lZ)(target)}`;
}
function unreadable(why) {
    return { unknown: `its domain name could not be read (${why}): give site-url, or allow cloudfront:GetDistribution` };
}
/** For a dry run: what verify would ask, and where; nothing is asked. */
function verifyPreview(settings, requests) {
    return requests.map(({ target, requests }) => {
        const { urls, candidates } = selectUrls(requests.flatMap(r => r.batch.items));
        const where = settings.siteUrl ? settings.siteUrl.href : `https:// and the domain name of ${(0,targets/* targetLabel */.Op)(target)}`;
        const shown = urls.slice(0, 5).join(', ');
        const more = urls.length > 5 ? ` and ${urls.length - 5} more` : '';
        const sample = candidates > urls.length ? ` (a sample of ${urls.length} of ${candidates})` : '';
        return `verify would ask ${urls.length} URL${urls.length === 1 ? '' : 's'}${sample} at ${where} once complete: ${shown || 'none'}${more}. Nothing was asked.`;
    });
}


/***/ })

};
