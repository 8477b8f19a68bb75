export const id = 279;
export const ids = [279];
export const modules = {

/***/ 5279:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lookAtHolders: () => (/* binding */ lookAtHolders)
/* harmony export */ });
/* harmony import */ var _capacity_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4038);
/* harmony import */ var _completion_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1912);


// GetInvalidation calls at most in one look: the oldest unseen first; a later refusal reads on.
const MAX_READS = 15;
/**
 * After a TooManyInvalidationsInProgress: which invalidations hold the target's capacity. One
 * ListInvalidations tells which are in progress (others this step counted and that are gone from it
 * have completed: `completed` says how many, with those that completed before they were read); a GetInvalidation of each one the step has not seen
 * yet, oldest first, tells what it holds, as far as needed: once what the step knows of explains the
 * refusal, the newer ones would complete after those and are not read. What it learns goes to the
 * tracker, which counts it and polls it.
 */
async function lookAtHolders(api, tracker, target, batch, signal, now) {
    const failed = (operation, error) => {
        if (signal.aborted)
            throw (0,_completion_js__WEBPACK_IMPORTED_MODULE_1__/* .abortReason */ .Js)(signal);
        return { seen: false, operation, error };
    };
    let listed;
    try {
        listed = await api.inProgress(target, signal);
    }
    catch (error) {
        return failed('ListInvalidations', error);
    }
    const listedIds = new Set(listed.map(l => l.invalidationId));
    let completed = 0;
    for (const other of tracker.othersInProgress(target)) {
        if (listedIds.has(other.invalidationId)) {
            other.checkedAt = now();
        }
        else {
            tracker.sawCompleted(other);
            completed += 1;
        }
    }
    const unseen = listed.filter(l => !tracker.known(target, l.invalidationId)).sort((a, b) => a.createdAt - b.createdAt);
    let reads = 0;
    for (const { invalidationId, createdAt } of unseen) {
        if (!(0,_capacity_js__WEBPACK_IMPORTED_MODULE_0__/* .fits */ .lA)(batch, tracker.held(target)) || reads === MAX_READS)
            break;
        reads += 1;
        let contents;
        try {
            contents = await api.contents(target, invalidationId, signal);
        }
        catch (error) {
            return failed('GetInvalidation', error);
        }
        // Completed between the list and the read: it held the room of the refusal, and holds it no more.
        if (contents.status === 'Completed')
            completed += 1;
        tracker.watchOther({
            target,
            invalidationId,
            status: contents.status,
            ...(0,_capacity_js__WEBPACK_IMPORTED_MODULE_0__/* .holdingOf */ .JO)(contents.items),
            completedAt: undefined,
            createdAt,
            checkedAt: now()
        });
    }
    return { seen: true, completed };
}


/***/ })

};
