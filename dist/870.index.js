export const id = 870;
export const ids = [870];
export const modules = {

/***/ 3870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  listInProgress: () => (/* binding */ listInProgress)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudfront/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(6565);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudfront/dist-es/schemas/schemas_0.js + 2 modules
var schemas_0 = __webpack_require__(8903);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudfront/dist-es/commands/ListInvalidationsCommand.js


class ListInvalidationsCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "ListInvalidations", schemas_0/* ListInvalidations$ */.kuL) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudfront/dist-es/commands/ListInvalidationsForDistributionTenantCommand.js


class ListInvalidationsForDistributionTenantCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "ListInvalidationsForDistributionTenant", schemas_0/* ListInvalidationsForDistributionTenant$ */.hGF) {
}

// EXTERNAL MODULE: ./lib/cloudfront/client.js + 20 modules
var cloudfront_client = __webpack_require__(1385);
;// CONCATENATED MODULE: ./lib/cloudfront/list-in-progress.js


// ListInvalidations pages read at most when looking for what is in progress (100 a page).
const IN_PROGRESS_PAGES = 3;
/**
 * ListInvalidations (…ForDistributionTenant): the target's invalidations in progress. Loaded only by a
 * step that CloudFront refuses with TooManyInvalidationsInProgress (create.ts).
 */
async function listInProgress(client, target, signal) {
    const listed = [];
    let marker;
    // Newest first: the in-progress ones lead the list, so a page that ends with a completed one ends
    // the search. Past three pages the rest stay unseen: the next refusal looks again.
    for (let page = 0; page < IN_PROGRESS_PAGES; page++) {
        const paging = { MaxItems: 100, ...(marker === undefined ? {} : { Marker: marker }) };
        const output = target.kind === 'distribution'
            ? await client.send(new ListInvalidationsCommand({ DistributionId: target.id, ...paging }), {
                abortSignal: signal
            })
            : await client.send(new ListInvalidationsForDistributionTenantCommand({ Id: target.id, ...paging }), {
                abortSignal: signal
            });
        const list = (0,cloudfront_client/* required */.mw)(output.InvalidationList, 'ListInvalidations');
        const items = list.Items ?? [];
        for (const item of items) {
            if (item.Status === 'Completed')
                continue;
            listed.push({
                // An ID of another shape would reach the log ("waits for …") and the polls: a malformed answer.
                invalidationId: (0,cloudfront_client/* invalidationId */.i)((0,cloudfront_client/* required */.mw)(item.Id, 'ListInvalidations'), 'ListInvalidations'),
                createdAt: item.CreateTime?.getTime() ?? 0
            });
        }
        const last = items[items.length - 1];
        if (!list.IsTruncated || !list.NextMarker || last === undefined || last.Status === 'Completed')
            break;
        marker = list.NextMarker;
    }
    return listed;
}


/***/ })

};
