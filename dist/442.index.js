export const id = 442;
export const ids = [442];
export const modules = {

/***/ 2442:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyAfterCompletion: () => (/* binding */ verifyAfterCompletion),
  verifyPreview: () => (/* binding */ verifyPreview)
});

// UNUSED EXPORTS: aliasOf

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
// EXTERNAL MODULE: ./lib/report/redact.js
var redact = __webpack_require__(6749);
// EXTERNAL MODULE: ./lib/report/summary.js
var report_summary = __webpack_require__(3394);
// EXTERNAL MODULE: ./lib/plural.js
var plural = __webpack_require__(6505);
// EXTERNAL MODULE: ./lib/report/shown.js
var shown = __webpack_require__(1659);
;// CONCATENATED MODULE: ./lib/verify/judge.js


/**
 * Whether an answer is certainly a copy cached before the invalidation: its Age is more than the
 * seconds since the step began creating, and nothing says it was just revalidated or generated. A
 * `Hit`, a cached error page (`Error from cloudfront`, with an Age), and a `Miss` with an Age (the POP
 * had no copy, but a regional edge cache or Origin Shield in front of the origin gave it an old one)
 * are all old copies then; so is an answer without X-Cache (a cache in front of CloudFront may drop
 * it). A `RefreshHit` (revalidated with the origin) and a response a function generated are fresh. Age
 * is whole seconds, rounded down, so Age > elapsed means the copy is older than the invalidation even
 * when measured late. Without Age nothing is old, for lack of evidence. X-Cache sent twice (a second
 * CDN's beside CloudFront's) is read part by part.
 */
function isOldCopy(answer, secondsSinceInvalidation) {
    const labels = (answer.xCache ?? '')
        .toLowerCase()
        .split(',')
        .map(part => part.trim());
    if (labels.some(label => FRESH_LABELS.some(fresh => label.startsWith(fresh))))
        return false;
    return answer.age !== undefined && answer.age > secondsSinceInvalidation;
}
const FRESH_LABELS = ['refreshhit from', 'functiongeneratedresponse from', 'lambdageneratedresponse from'];
/**
 * Judges one answer. Age first: an old copy is stale whatever its status or bytes (a cached 403, 404 or
 * 5xx error page too, and a copy that happens to hold the deployed bytes: the invalidation did not reach
 * that URL). Then the status of a fresh answer: 2xx with site-dir must be the deployed bytes; a 3xx is
 * served as a redirect; a 404 or 410 for a file the deploy uploaded is stale (the site does not serve
 * it), and the expected answer for a deleted one (so is a 401 or 403: S3 refuses a missing key); any
 * other 4xx (a refusal, a proxy's 407, a timeout, a rate limit) and any 5xx say nothing about the cache:
 * `unverifiable`, never a failure. An unreachable edge is `unverifiable` too.
 */
function judge(asked, expected, secondsSinceInvalidation) {
    if ('unreachable' in asked)
        return { outcome: 'unverifiable', why: asked.unreachable };
    const { answer } = asked;
    const { status } = answer;
    if (isOldCopy(answer, secondsSinceInvalidation)) {
        const oldCopy = `a copy cached before the invalidation (${status}, Age ${answer.age} s, the invalidation is ${Math.floor(secondsSinceInvalidation)} s old)`;
        const same = expected.kind === 'bytes' && status < 300 && answer.digest === expected.digest;
        return stale(same
            ? `${oldCopy}: it holds the deployed bytes of ${expected.file}, but the invalidation did not reach this URL`
            : oldCopy);
    }
    if (expected.kind === 'unreadable')
        return { outcome: 'unverifiable', why: expected.why };
    if (status >= 200 && status < 300) {
        if (expected.kind !== 'bytes')
            return served(expected.kind === 'absent' ? `fresh (${status}) for a deleted object` : `fresh (${status})`);
        if (answer.digest === expected.digest)
            return served(`the bytes of ${expected.file}`);
        return stale(`other bytes than ${expected.file}`);
    }
    if (status === 304)
        return { outcome: 'unverifiable', why: 'a 304 to a request that asked for no revalidation' };
    if (status >= 300 && status < 400) {
        // A redirect is not the page: an http:// site-url of a distribution that redirects to https, or a
        // bare domain that redirects to www, would otherwise pass every URL without one byte compared.
        if (expected.kind === 'bytes' || expected.kind === 'present') {
            const to = answer.location === undefined ? '' : ` to ${answer.location}`;
            return { outcome: 'unverifiable', why: `a redirect${to} (give site-url the address that serves the page itself)` };
        }
        return weak('a fresh redirect');
    }
    const missing = status === 404 || status === 410;
    if (expected.kind === 'absent' && missing)
        return served(`fresh (${status}) for a deleted object`);
    if (expected.kind === 'absent' && (status === 401 || status === 403)) {
        return weak(`fresh (${status}) for a deleted object`);
    }
    if (missing && (expected.kind === 'bytes' || expected.kind === 'present')) {
        return stale(`${status} for ${expected.file}, which the deploy uploaded: the site does not serve it`);
    }
    if (missing)
        return weak(`fresh (${status})`);
    return { outcome: 'unverifiable', why: refusal(status) };
}
const served = (how) => ({ outcome: 'served', how });
const weak = (how) => ({ outcome: 'served', how, weak: true });
const stale = (why) => ({ outcome: 'stale', why });
/** What a fresh status that says nothing about the cache means, for the row. */
function refusal(status) {
    if (status === 401 || status === 403)
        return `refused (${status})`;
    if (status === 407)
        return 'the proxy asked for credentials (407)';
    if (status === 408)
        return 'the request timed out (408)';
    if (status === 429)
        return 'rate limited (429)';
    if (status >= 500)
        return `an error from the edge or the origin (${status})`;
    return `an answer that says nothing of the cache (${status})`;
}
/**
 * The answer in one line, for the log, the summary and the failure message. The body's first bytes
 * are quoted only for a 2xx answer whose bytes differ from the deployed file: an error page (a proxy's
 * 407 can echo the Proxy-Authorization it was sent) is never quoted, and a quote is redacted.
 */
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
    if (expected.kind === 'bytes' && answer.digest !== expected.digest && answer.status >= 200 && answer.status < 300) {
        parts.push(`${answer.length} bytes, SHA-256 ${answer.digest.slice(0, 12)}… (expected ${expected.digest.slice(0, 12)}…)`);
        parts.push(`begins ${JSON.stringify((0,redact/* redact */.E)(printable(answer.head)))}`);
    }
    return parts.join(', ');
}
/** The first bytes as text, with anything unprintable shown as "." so that a binary body cannot garble the log. */
function printable(head) {
    return head.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
}

;// CONCATENATED MODULE: ./lib/verify/report.js






const OLD_COPY_CAUSES = [
    'the site is served by another distribution than the one invalidated (check distribution-id against the domain visitors use)',
    "the distribution's origin has an origin path the paths do not account for (origin-path)",
    'a CloudFront Function or Lambda@Edge rewrites the URLs visitors ask for, so the cache holds other keys than the paths invalidated'
];
const DIRECTORY_CAUSE = 'a directory URL is served by an index document and was not invalidated (index-document)';
const FRESH_BYTES_CAUSE = 'the origin serves other bytes than site-dir holds, fresh (not from the cache): site-dir is not what the deploy uploaded, or the sync did not finish';
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
            core/* info */.pq(`${(0,targets/* targetLabel */.Op)(target)}: ${selection.candidates} file and directory URLs invalidated; asking a fixed sample of ${selection.urls.length} (the changed URLs first, / and the directory URLs before files, then by a hash of each URL).`);
        }
        const unnamed = selection.unnamed ?? [];
        if (selection.skipped > unnamed.length) {
            core/* info */.pq(`${(0,targets/* targetLabel */.Op)(target)}: ${(0,plural/* plural */.LS)(selection.skipped - unnamed.length, 'path')} not asked (cache tags, query strings: no one URL to ask).`);
        }
        if (unnamed.length > 0) {
            core/* info */.pq(`${(0,targets/* targetLabel */.Op)(target)}: nothing asked under ${unnamed.join(', ')}: no changed URL and no site-dir file under ${(0,plural/* agree */.d5)(unnamed.length, 'it', 'them')} (give site-dir to ask its files).`);
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
    // Why the URLs asked, none stale, still prove nothing: some not checked (the ones wait-timeout left
    // unasked and a "nothing verified" edge included), only weak passes, or no answer from CloudFront.
    const doubt = doubtOf(checks, served, unverifiable);
    if (checks.length === 0) {
        core/* warning */.$e(`verify asked nothing: what was invalidated names no URL to ask (cache tags, query strings, or wildcards with no changed URL and no site-dir file under them), so verified is empty. The invalidations completed; give site-dir (its files under each wildcard are asked) or a sync-log, or set verify: false.`);
    }
    else if (outOfTime.length > 0) {
        const shown = outOfTime.slice(0, 3).map(c => c.url);
        core/* warning */.$e(`wait-timeout (${waitTimeoutSeconds} s) ran out while verifying: ${(0,plural/* plural */.LS)(outOfTime.length, 'URL')} not checked (${shown.join(', ')}${outOfTime.length > shown.length ? ', …' : ''}). The invalidations completed; raise wait-timeout to leave verify time after completion.`);
    }
    else if (nothingVerified && stale.length === 0) {
        const first = unverifiable[0];
        const answered = `${first.url}: ${describeAnswer(first.asked, first.expected)}`;
        // No answer at all is a network matter (a name that does not resolve here, a firewall), not a refusal.
        const noAnswer = unverifiable.every(check => 'unreachable' in check.asked);
        core/* warning */.$e(noAnswer
            ? `Nothing could be verified: the edge could not be reached from this runner (${answered}). The invalidations completed; give site-url the address visitors use (it must resolve and be reachable from the runner, through the proxy if one is set), or set verify: false.`
            : `Nothing could be verified: every request was refused, redirected or went unanswered (${answered}). The invalidations completed; verify asks as an anonymous visitor, which a private distribution (signed URLs or cookies, WAF, a geo restriction) refuses. Give site-url an address visitors can reach, or set verify: false.`);
    }
    else if (stale.length === 0 && doubt !== undefined) {
        core/* warning */.$e(`${doubt} The invalidations completed; verified is left empty.`);
    }
    // verified: true is proof, so it needs every URL asked to have served the deploy, at least one of
    // them by the page itself (not only refusals, redirects or 404s), from CloudFront.
    const output = stale.length > 0 ? 'false' : checks.length > 0 && doubt === undefined ? 'true' : '';
    return {
        output,
        addTo(summary) {
            (0,report_summary/* addParagraph */.mN)(summary.addHeading('Verified', 3), (0,report_summary/* escapeHtml */.ZD)(headline));
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
/**
 * Why the URLs asked, none of them stale, still do not prove the deploy, or undefined when they do:
 * some could not be checked; or every one that passed did so only by a refusal, a redirect or a 404
 * (an edge that refuses every request, or a site-url with a wrong path, answers the same); or no
 * answer came from CloudFront (a site-url that names the origin compares what the origin serves).
 */
function doubtOf(checks, served, unverifiable) {
    if (unverifiable.length > 0) {
        const first = unverifiable[0];
        return `${(0,plural/* plural */.LS)(unverifiable.length, 'URL')} of ${checks.length} could not be checked (such as ${first.url}: ${first.verdict.outcome === 'unverifiable' ? first.verdict.why : ''}), so the deploy is not verified.`;
    }
    if (served.length > 0 && served.every(c => c.verdict.outcome === 'served' && c.verdict.weak === true)) {
        const first = served[0];
        return `Every URL asked passed only by a refusal, a redirect or a 404 (such as ${first.url}: ${describeAnswer(first.asked, first.expected)}), which an edge that refuses every request or a site-url with a wrong path answers too: check site-url, and give site-dir to compare bytes.`;
    }
    const answers = checks.flatMap(c => ('answer' in c.asked ? [c.asked.answer] : []));
    if (answers.length > 0 && answers.every(a => a.fromCloudFront === false)) {
        return `No answer came from CloudFront (none carried X-Cache, Via or X-Amz-Cf-Id): site-url seems to name the origin or another server, not the distribution's edge. Give site-url the address visitors use.`;
    }
    return undefined;
}
function row(check) {
    const verdict = check.verdict;
    const text = verdict.outcome === 'served'
        ? verdict.how
        : `${verdict.outcome === 'stale' ? 'stale' : 'not checked'}: ${verdict.why}`;
    // With no answer, the verdict already says why; the last column then says only that.
    const answered = 'unreachable' in check.asked ? 'no answer' : describeAnswer(check.asked, check.expected);
    // A Location can carry a presigned URL's signature: every row is redacted, as the failure message is.
    return [check.url, (0,targets/* targetLabel */.Op)(check.target), (0,redact/* redact */.E)(text), (0,redact/* redact */.E)(answered + laterAnswers(check))];
}
/** For a URL seen stale: what the other asks answered, so that a failed re-ask is seen beside the evidence. */
function laterAnswers(check) {
    if (check.verdict.outcome !== 'stale' || check.history.length < 2)
        return '';
    const times = check.history.filter(h => h.verdict.outcome === 'stale').length;
    // Answers that say the same are said once, with the asks they answered ("1-5: …; 6: …").
    const runs = [];
    check.history.forEach((h, i) => {
        const text = describeAnswer(h.asked, check.expected);
        const last = runs[runs.length - 1];
        if (last !== undefined && last.key === sameAge(text))
            last.to = i + 1;
        else
            runs.push({ from: i + 1, to: i + 1, text, key: sameAge(text) });
    });
    const each = runs.map(r => `${r.from === r.to ? r.from : `${r.from}-${r.to}`}: ${r.text}`);
    return ` (asked ${check.history.length} times, stale ${times}: ${each.join('; ')})`;
}
/** An answer's words without its Age figure, so that one copy asked again (its Age growing) counts as one answer. */
function sameAge(text) {
    return text.replace(/Age: \d+/, 'Age: old');
}
function staleMessage(stale, retriedForMs) {
    const why = (check) => (check.verdict.outcome === 'stale' ? check.verdict.why : '');
    const oldCopies = stale.filter(check => why(check).startsWith('a copy cached'));
    const causes = [
        ...(oldCopies.length > 0 ? OLD_COPY_CAUSES : []),
        ...(stale.some(check => check.path.endsWith('/')) ? [DIRECTORY_CAUSE] : []),
        ...(stale.some(check => why(check).startsWith('other bytes')) ? [FRESH_BYTES_CAUSE] : [])
    ];
    const lines = [
        `${(0,plural/* plural */.LS)(stale.length, 'URL')} ${(0,plural/* agree */.d5)(stale.length, 'does', 'do')} not serve the deploy, after every invalidation completed${retriedForMs >= 1000 ? ` and ${Math.round(retriedForMs / 1000)} s of asking again` : ''}:`,
        ...stale.map(check => `  ${check.url} (${(0,targets/* targetLabel */.Op)(check.target)}): ${why(check)}; the edge answered ${describeAnswer(check.asked, check.expected)}${laterAnswers(check)}`),
        `Likely causes: ${(causes.length > 0 ? causes : OLD_COPY_CAUSES).join('; ')}.`
    ];
    return lines.join('\n');
}

// EXTERNAL MODULE: ./lib/paths/aliases.js
var aliases = __webpack_require__(9840);
// EXTERNAL MODULE: ./lib/paths/normalize.js
var normalize = __webpack_require__(4839);
// EXTERNAL MODULE: ./lib/paths/prefix-trie.js
var prefix_trie = __webpack_require__(4163);
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

;// CONCATENATED MODULE: ./lib/verify/urls.js




/**
 * The URLs to ask for one distribution: the changed ones, not the items sent. A wildcard names no URL
 * of its own, so under each wildcard sent verify asks the changed URLs it covers (a sync-log's objects,
 * before max-paths reduced them), and with site-dir the files of the folder under it (with the
 * directory URL of each index document); under `/*`, always `/` and the default root object. Only URLs
 * a created invalidation covers are asked. Past 100, the changed URLs and `/` fill the sample first:
 * they are what the deploy meant to refresh; the folder's other files fill what room is left.
 */
function urlsToAsk(sources, max = MAX_CHECKED) {
    const sent = new Set(sources.sent);
    const wildcards = new prefix_trie/* PrefixTrie */.T();
    const prefixes = [];
    for (const item of sources.sent) {
        if ((0,normalize/* isWildcard */.z2)(item) && item.startsWith('/')) {
            wildcards.add(item.slice(0, -1));
            prefixes.push(item.slice(0, -1));
        }
    }
    const covered = (url) => sent.has(url) || wildcards.covers(url);
    const changed = new Set();
    let skipped = 0;
    for (const item of sources.changed) {
        if (isAskable(item)) {
            if (covered(item))
                changed.add(item);
        }
        else if (!(0,normalize/* isWildcard */.z2)(item)) {
            skipped++; // a cache tag or a query string: the step does not know which query strings the cache keys on
        }
    }
    // `/` serves the default root object: when that file changed, `/` must show it too, invalidated or
    // not (a step that named /index.html alone leaves / stale, which is worth failing over).
    const root = sources.defaultRootObject;
    if (root !== undefined && root !== '' && changed.has((0,normalize/* keyToPath */.Mc)(root)))
        changed.add('/');
    if (prefixes.includes('/')) {
        changed.add('/');
        if (root !== undefined && root !== '')
            changed.add((0,normalize/* keyToPath */.Mc)(root));
    }
    const others = new Set();
    if (prefixes.length > 0 && sources.siteFiles !== undefined) {
        const suffix = (0,aliases/* indexDocumentSuffix */.r)(sources.indexDocument);
        for (const file of sources.siteFiles()) {
            if (!wildcards.covers(file))
                continue;
            if (!changed.has(file))
                others.add(file);
            const directory = suffix === undefined ? undefined : (0,aliases/* directoryUrl */.Z)(file, suffix);
            if (directory !== undefined && !changed.has(directory))
                others.add(directory);
        }
    }
    const first = selectUrls([...changed], max);
    const room = max - first.urls.length;
    const rest = room > 0 ? selectUrls([...others], room).urls : [];
    const urls = [...first.urls, ...rest];
    const named = [...changed, ...others];
    const unnamed = prefixes.filter(prefix => !named.some(url => url.startsWith(prefix))).map(prefix => `${prefix}*`);
    return { urls, candidates: changed.size + others.size, skipped: skipped + unnamed.length, unnamed };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
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
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./lib/verify/fetch.js




/** At most this many requests to the edge at a time: a visitor's browser opens about as many. */
const CONCURRENCY = 8;
/** One request's limit: an edge that takes longer is reported as not answering, never as stale. */
const REQUEST_TIMEOUT_MS = 10_000;
const HEAD_BYTES = 64;
/**
 * What a browser sends: CloudFront's cache key includes the normalized Accept-Encoding when
 * compression is on, so asking with `identity` would read a cache entry no visitor uses (a Miss,
 * fresh from the origin, beside a stale gzip copy). The body is decompressed before it is hashed.
 */
const ACCEPT_ENCODING = 'gzip, deflate, br';
/**
 * One GET as a visitor's would be. Node's http rather than fetch(): fetch would need undici's own
 * proxy dispatcher, while node:http takes the same proxy agent as the API calls (one set of proxy
 * rules), and it follows no redirect. The body is decompressed and hashed as it arrives; only its
 * first bytes are kept.
 */
function askEdge(url, options) {
    const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]);
    const send = url.protocol === 'https:' ? external_node_https_.request : external_node_http_.request;
    return new Promise(resolve => {
        const request = send(url, {
            method: 'GET',
            headers: { 'accept-encoding': ACCEPT_ENCODING, 'user-agent': 'cloudfront-invalidate-action (verify)' },
            signal,
            ...(options.agent ? { agent: options.agent } : {})
        }, response => {
            const hash = (0,external_node_crypto_.createHash)('sha256');
            const head = [];
            let length = 0;
            const body = decoded(response);
            body.on('data', (chunk) => {
                hash.update(chunk);
                if (length < HEAD_BYTES)
                    head.push(chunk.subarray(0, HEAD_BYTES - length));
                length += chunk.length;
            });
            body.on('end', () => {
                const { headers } = response;
                resolve({
                    answer: {
                        status: response.statusCode ?? 0,
                        xCache: headerText(headers['x-cache']),
                        age: ageOf(headers.age),
                        location: headers.location,
                        digest: hash.digest('hex'),
                        head: Buffer.concat(head),
                        length,
                        fromCloudFront: /cloudfront/i.test(headerText(headers['x-cache']) ?? '') ||
                            /cloudfront/i.test(headerText(headers.via) ?? '') ||
                            headers['x-amz-cf-id'] !== undefined
                    }
                });
            });
            const failed = (error) => resolve({ unreachable: failureText(error, signal, timeoutMs) });
            response.on('error', failed);
            if (body !== response)
                body.on('error', failed);
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
/** The body as stored: decompressed when the edge compressed it (gzip, deflate, br). */
function decoded(response) {
    const encoding = headerText(response.headers['content-encoding'])?.trim().toLowerCase();
    const decoder = encoding === 'gzip' || encoding === 'x-gzip'
        ? external_node_zlib_.createGunzip()
        : encoding === 'deflate'
            ? external_node_zlib_.createInflate()
            : encoding === 'br'
                ? external_node_zlib_.createBrotliDecompress()
                : undefined;
    return decoder === undefined ? response : response.pipe(decoder);
}
/**
 * Age in whole seconds. A proxy or a second CDN in front can send it oddly ("3600 s"); its leading
 * digits are still the age, and an Age that says nothing readable is no evidence either way.
 */
function ageOf(value) {
    const digits = value === undefined ? null : /^\s*(\d+)/.exec(value);
    return digits === null ? undefined : Number(digits[1]);
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
 * Asks each distribution's edge for the URLs its invalidations were meant to refresh, as a visitor
 * would, and judges every answer. A stale answer is asked again, after 1, 2, 4, 8 s… for up to 20 s
 * (within wait-timeout): an edge location can lag the Completed status by a moment, and a page that is
 * then served the deploy passes. A page that never is stays stale, whether the later asks showed it
 * stale again, failed, or never happened for lack of time.
 */
async function verifyDeploy(targets, deps) {
    const digests = new Map();
    const checks = [];
    const askable = [];
    const selections = [];
    for (const { target, base, mapping, selection, changes } of targets) {
        selections.push({ target, base, selection });
        const expectations = await Promise.all(selection.urls.map(path => expectationFor(path, mapping, changes, deps.siteDir, digests, deps.signal)));
        for (const [index, path] of selection.urls.entries()) {
            const expected = expectations[index];
            if (typeof base === 'string') {
                const check = {
                    target,
                    path,
                    url: joinUrl(base, path),
                    expected,
                    asked: NOT_ASKED,
                    verdict: NOT_JUDGED,
                    history: []
                };
                checks.push(check);
                askable.push(check);
            }
            else {
                // No address to ask at (the domain name could not be read): nothing to judge, said once per URL.
                const asked = { unreachable: base.unknown };
                const verdict = judge(asked, expected, 0);
                checks.push({ target, path, url: path, expected, asked, verdict, history: [] });
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
    // Evidence stands: a URL seen stale stays stale unless a later answer shows the deploy (an edge
    // location lagging the Completed status); a failed re-ask or the deadline does not erase it.
    const unasked = askable.filter(check => check.asked === NOT_ASKED);
    for (const check of unasked)
        check.verdict = { outcome: 'unverifiable', why: 'no answer before wait-timeout ran out' };
    return { checks, selections, retriedForMs, outOfTime: unasked };
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
        const verdict = judge(asked, check.expected, (deps.now() - deps.invalidatedAt) / 1000);
        check.history.push({ asked, verdict });
        // A stale verdict is evidence: only an answer that serves the deploy replaces it (the page itself,
        // fresh), never a failure to answer, a refusal, a redirect or a 404.
        if (check.verdict.outcome === 'stale' && !(verdict.outcome === 'served' && verdict.weak !== true)) {
            if (verdict.outcome === 'stale')
                Object.assign(check, { asked, verdict });
            return;
        }
        check.asked = asked;
        check.verdict = verdict;
    });
}
function staleOf(checks) {
    return checks.filter(check => check.verdict.outcome === 'stale');
}
/**
 * The base URL and the path, keeping the base's own path prefix (https://example.com/docs + /a.html)
 * and dropping a query string or fragment it ends with (even a bare `?` or `#`, which URL parsing
 * leaves empty): appended after one, every path would ask for the same page.
 */
function joinUrl(base, path) {
    const url = new URL(base);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`;
}
/**
 * What the URL should serve: with site-dir, the bytes of its file there (hashed as a stream, so memory
 * does not grow with the file), or, when the folder holds no such file, any fresh answer for an object
 * the deploy deleted, and a fresh answer other than 404 for one its sync-log says it uploaded. A file
 * that cannot be read, or a folder where the URL names a file, is judged by freshness alone and
 * otherwise "not checked". Without site-dir: the sync-log's uploaded objects must not be missing; the
 * rest must be fresh.
 */
async function expectationFor(path, mapping, changes, siteDir, digests, signal) {
    const named = expectedFile(path, mapping);
    const changed = () => {
        const file = named ?? path;
        if (changes?.deleted.has(path))
            return { kind: 'absent', file };
        if (changes?.uploaded.has(path))
            return { kind: 'present', file };
        return siteDir === undefined ? { kind: 'fresh' } : { kind: 'absent', file };
    };
    if (siteDir === undefined)
        return changes === undefined ? { kind: 'fresh' } : changed();
    const fullName = named === undefined ? undefined : fileUnder(siteDir, named);
    if (named === undefined || fullName === undefined)
        return { kind: 'fresh' };
    let kind;
    try {
        const stats = await (0,promises_.stat)(fullName);
        kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'special';
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            return unreadable(named, (0,errors/* messageOf */.bD)(error));
        kind = 'none';
    }
    if (kind === 'folder')
        return unreadable(named, 'site-dir holds a folder of that name, not a file');
    // A named pipe or a device is never read: reading one could block the step.
    if (kind === 'special')
        return unreadable(named, 'it is not a regular file');
    if (kind === 'none')
        return changed();
    let digest = digests.get(fullName);
    if (digest === undefined)
        digests.set(fullName, (digest = hashFile(fullName, signal)));
    try {
        return { kind: 'bytes', file: named, digest: await digest };
    }
    catch (error) {
        if (signal.aborted)
            return unreadable(named, 'the step stopped hashing it: wait-timeout ran out or the run was cancelled');
        return unreadable(named, (0,errors/* messageOf */.bD)(error));
    }
}
function unreadable(file, why) {
    return { kind: 'unreadable', file, why: `${file} in site-dir could not be read (${why})` };
}
/** The file's SHA-256, read as a stream; the step's signal stops it (a file of many GiB takes a minute). */
async function hashFile(name, signal) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(name, { signal }))
        hash.update(chunk);
    return hash.digest('hex');
}

;// CONCATENATED MODULE: ./lib/verify/step.js







/**
 * The verify stage, after every invalidation completed: for each distribution that got its
 * invalidations, where to ask (site-url; else the alias the step named it by; else https:// and its
 * domain name) and what `/` serves, which URLs (urls.ts: the changed ones, also under wildcards), then
 * the asking and the report. `routed` is what the configuration stage read (a step with sync-log).
 * Loaded by main.ts with import() only when verify is true.
 */
async function verifyAfterCompletion(settings, siteDir, requests, planned, routed, ledger, deps) {
    const targets = [];
    for (const { target, requests: sent } of requests) {
        const created = new Set(ledger.created.filter(c => c.target === target).map(c => c.callerReference));
        const items = sent.filter(r => created.has(r.callerReference)).flatMap(r => r.batch.items);
        const read = routed?.find(r => r.target.id === target.id)?.read;
        if (items.length === 0)
            continue;
        const paths = planned(target);
        const needsRootObject = siteDir !== undefined && items.some(item => item === '/' || item === '/*');
        const where = await whereToAsk(settings, target, needsRootObject, read, deps);
        const mapping = { indexDocument: settings.indexDocument, defaultRootObject: where.defaultRootObject };
        const selection = selectionOf(settings, siteDir, items, paths.changed, where.defaultRootObject);
        targets.push({ target, base: where.base, mapping, selection, changes: changesIn(paths.sources) });
    }
    const verification = await verifyDeploy(targets, {
        ...deps,
        siteDir: siteDir ? (0,external_node_path_.resolve)(siteDir.dir) : undefined,
        invalidatedAt: ledger.startedAt
    });
    return reportVerification(verification, settings.waitTimeoutSeconds);
}
/** The objects a sync-log says the deploy uploaded and deleted, as URL paths; undefined without a sync-log. */
function changesIn(sources) {
    const logs = sources.filter(source => source.input === 'sync-log');
    if (logs.length === 0)
        return undefined;
    const deleted = new Set(logs.flatMap(log => log.deletedPaths?.() ?? []));
    const uploaded = new Set();
    for (const log of logs)
        log.forEach(path => deleted.has(path) || uploaded.add(path));
    return { uploaded, deleted };
}
/** The domain name the step named a distribution by (an alias visitors use), if it named one. */
function aliasOf(target) {
    return target.given?.find(name => name !== target.id && DOMAIN_NAME.test(name));
}
const DOMAIN_NAME = /^(?=.{1,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;
/**
 * Where to ask for one distribution, and what `/` serves: site-url, else the alias the step named it by,
 * else its domain name; its default root object, as the configuration stage read them (a step with
 * sync-log), else from one GetDistribution, read only when needed: without an address, or with
 * site-dir when `/` is asked. A GetDistribution denied to the configuration stage is not called again.
 */
async function whereToAsk(settings, target, needsRootObject, read, deps) {
    const alias = aliasOf(target);
    const given = settings.siteUrl?.href ?? (alias === undefined ? undefined : `https://${alias}`);
    const at = (base, defaultRootObject) => ({ base, defaultRootObject });
    if (given !== undefined && !needsRootObject && read?.how !== 'GetDistribution')
        return at(given, undefined);
    if (target.kind === 'tenant') {
        if (given !== undefined)
            return at(given, undefined);
        try {
            const [first] = await deps.api.tenantDomainsOf(target.id, deps.signal);
            return at(first === undefined ? { unknown: tenantUnknown('it has no domain') } : `https://${first}`, undefined);
        }
        catch (error) {
            const why = (0,explain/* errorName */.Is)(error) === 'AccessDenied'
                ? `the step's role may not call cloudfront:GetDistributionTenant on ${(0,targets/* targetArn */.lZ)(target)}`
                : `${(0,explain/* errorName */.Is)(error)}: ${(0,errors/* messageOf */.bD)(error)}`;
            return at({ unknown: tenantUnknown(why) }, undefined);
        }
    }
    if (read?.how === 'denied') {
        const listed = read.summary?.domainName ?? '';
        const base = given ?? (listed === '' ? step_unreadable(denied(target)) : `https://${listed}`);
        const where = typeof base === 'string'
            ? `${base}${given !== undefined ? '' : ' (the domain name ListDistributions listed)'}`
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
        return at(given ?? step_unreadable(why), undefined);
    }
    const domainName = routing.domainName ?? '';
    const base = given ?? (domainName === '' ? { unknown: 'GetDistribution returned no DomainName' } : `https://${domainName}`);
    return at(base, routing.defaultRootObject);
}
function tenantUnknown(why) {
    return `the tenant's domain could not be read (${why}): give site-url (accepted when the step names this one tenant and no other distribution), or allow cloudfront:GetDistributionTenant`;
}
function denied(target) {
    return `the step's role may not call cloudfront:GetDistribution on ${(0,targets/* targetArn */.lZ)(target)}`;
}
/** The URLs to ask for what was sent to one distribution (urls.ts), the same for the step and its dry run. */
function selectionOf(settings, siteDir, sent, changed, defaultRootObject) {
    return urlsToAsk({
        sent,
        changed,
        siteFiles: siteDir === undefined ? undefined : () => siteDir.urlPaths(),
        indexDocument: settings.indexDocument,
        defaultRootObject
    });
}
function step_unreadable(why) {
    return { unknown: `its domain name could not be read (${why}): give site-url, or allow cloudfront:GetDistribution` };
}
/** For a dry run: what verify would ask, and where; nothing is asked. */
function verifyPreview(settings, siteDir, requests, planned) {
    return requests.map(({ target, requests }) => {
        const sent = requests.flatMap(r => r.batch.items);
        // The dry run reads no configuration: the default root object is not known.
        const { urls, candidates, unnamed } = selectionOf(settings, siteDir, sent, planned(target).changed, undefined);
        const alias = aliasOf(target);
        const where = settings.siteUrl?.href ??
            (alias !== undefined
                ? `https://${alias}`
                : target.kind === 'tenant'
                    ? `https:// and the first domain of ${(0,targets/* targetLabel */.Op)(target)}`
                    : `https:// and the domain name of ${(0,targets/* targetLabel */.Op)(target)}`);
        const shown = urls.slice(0, 5).join(', ');
        const more = urls.length > 5 ? ` and ${urls.length - 5} more` : '';
        const sample = candidates > urls.length ? ` (a sample of ${urls.length} of ${candidates})` : '';
        const none = unnamed && unnamed.length > 0 ? `; nothing under ${unnamed.join(', ')}` : '';
        return `verify would ask ${urls.length} URL${urls.length === 1 ? '' : 's'}${sample} at ${where} once complete: ${shown || 'none'}${more}${none}. Nothing was asked.`;
    });
}


/***/ })

};
