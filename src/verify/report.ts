import * as core from '@actions/core'
import type { VerificationReport } from '../report/ledger.js'
import { redact } from '../report/redact.js'
import { addParagraph, escapeHtml } from '../report/summary.js'
import { agree, plural } from '../plural.js'
import { targetLabel } from '../targets.js'
import { describeAnswer } from './judge.js'
import type { UrlCheck, Verification } from './verify.js'

const OLD_COPY_CAUSES = [
  'the site is served by another distribution than the one invalidated (check distribution-id against the domain visitors use)',
  "the distribution's origin has an origin path the paths do not account for (origin-path)",
  'a CloudFront Function or Lambda@Edge rewrites the URLs visitors ask for, so the cache holds other keys than the paths invalidated'
]
const DIRECTORY_CAUSE = 'a directory URL is served by an index document and was not invalidated (index-document)'
const FRESH_BYTES_CAUSE =
  'the origin serves other bytes than site-dir holds, fresh (not from the cache): site-dir is not what the deploy uploaded, or the sync did not finish'

/**
 * Logs what verify found, and returns what the outputs, the summary and the failure message need. An
 * edge that refused or missed every request is one warning, never a failure: only positive evidence of
 * a stale page fails the step.
 */
export function reportVerification(verification: Verification, waitTimeoutSeconds: number): VerificationReport {
  const { checks, selections } = verification
  const served = checks.filter(c => c.verdict.outcome === 'served')
  const stale = checks.filter(c => c.verdict.outcome === 'stale')
  const unverifiable = checks.filter(c => c.verdict.outcome === 'unverifiable')
  const where = selections
    .map(s => `${targetLabel(s.target)} at ${typeof s.base === 'string' ? s.base : '(unknown address)'}`)
    .join(', ')
  const headline = `Asked ${plural(checks.length, 'URL')} (${where}): ${served.length} served the deploy${stale.length > 0 ? `, ${stale.length} stale` : ''}${unverifiable.length > 0 ? `, ${unverifiable.length} could not be checked` : ''}.`

  core.startGroup('Verified')
  for (const { target, selection } of selections) {
    if (selection.candidates > selection.urls.length) {
      core.info(
        `${targetLabel(target)}: ${selection.candidates} file and directory URLs invalidated; asking a fixed sample of ${selection.urls.length} (the changed URLs first, / and the directory URLs before files, then by a hash of each URL).`
      )
    }
    const unnamed = selection.unnamed ?? []
    if (selection.skipped > unnamed.length) {
      core.info(
        `${targetLabel(target)}: ${plural(selection.skipped - unnamed.length, 'path')} not asked (cache tags, query strings: no one URL to ask).`
      )
    }
    if (unnamed.length > 0) {
      core.info(
        `${targetLabel(target)}: nothing asked under ${unnamed.join(', ')}: no changed URL and no site-dir file under ${agree(unnamed.length, 'it', 'them')} (give site-dir to ask its files).`
      )
    }
  }
  core.info(headline)
  for (const check of [...stale, ...unverifiable]) core.info(`  ${row(check).join(' | ')}`)
  core.endGroup()

  // A deleted object passes on a fresh 403, which a refusing edge answers too: when every URL that
  // should serve a file went unchecked, nothing was verified, whatever the deleted ones answered.
  const present = checks.filter(c => c.expected.kind !== 'absent')
  const nothingVerified =
    unverifiable.length > 0 && (present.length > 0 ? present : checks).every(c => c.verdict.outcome === 'unverifiable')
  const { outOfTime } = verification
  // Why the URLs asked, none stale, still prove nothing: some not checked (the ones wait-timeout left
  // unasked and a "nothing verified" edge included), only weak passes, or no answer from CloudFront.
  const doubt = doubtOf(checks, served, unverifiable)
  if (checks.length === 0) {
    core.warning(
      `verify asked nothing: what was invalidated names no URL to ask (cache tags, query strings, or wildcards with no changed URL and no site-dir file under them), so verified is empty. The invalidations completed; give site-dir (its files under each wildcard are asked) or a sync-log, or set verify: false.`
    )
  } else if (outOfTime.length > 0) {
    const shown = outOfTime.slice(0, 3).map(c => c.url)
    core.warning(
      `wait-timeout (${waitTimeoutSeconds} s) ran out while verifying: ${plural(outOfTime.length, 'URL')} not checked (${shown.join(', ')}${outOfTime.length > shown.length ? ', …' : ''}). The invalidations completed; raise wait-timeout to leave verify time after completion.`
    )
  } else if (nothingVerified && stale.length === 0) {
    const first = unverifiable[0] as UrlCheck
    const answered = `${first.url}: ${describeAnswer(first.asked, first.expected)}`
    // No answer at all is a network matter (a name that does not resolve here, a firewall), not a refusal.
    const noAnswer = unverifiable.every(check => 'unreachable' in check.asked)
    core.warning(
      noAnswer
        ? `Nothing could be verified: the edge could not be reached from this runner (${answered}). The invalidations completed; give site-url the address visitors use (it must resolve and be reachable from the runner, through the proxy if one is set), or set verify: false.`
        : `Nothing could be verified: every request was refused, redirected or went unanswered (${answered}). The invalidations completed; verify asks as an anonymous visitor, which a private distribution (signed URLs or cookies, WAF, a geo restriction) refuses. Give site-url an address visitors can reach, or set verify: false.`
    )
  } else if (stale.length === 0 && doubt !== undefined) {
    core.warning(`${doubt} The invalidations completed; verified is left empty.`)
  }
  // verified: true is proof, so it needs every URL asked to have served the deploy, at least one of
  // them by the page itself (not only refusals, redirects or 404s), from CloudFront.
  const output = stale.length > 0 ? 'false' : checks.length > 0 && doubt === undefined ? 'true' : ''
  return {
    output,
    addTo(summary) {
      addParagraph(summary.addHeading('Verified', 3), escapeHtml(headline))
      const rows = [...stale, ...unverifiable]
      if (rows.length === 0) return
      summary.addTable([
        ['URL', 'Distribution', 'Verdict', 'The edge answered'].map(data => ({ data, header: true })),
        ...rows.map(check => row(check).map(escapeHtml))
      ])
    },
    failure: stale.length === 0 ? undefined : staleMessage(stale, verification.retriedForMs)
  }
}

/**
 * Why the URLs asked, none of them stale, still do not prove the deploy, or undefined when they do:
 * some could not be checked; or every one that passed did so only by a refusal, a redirect or a 404
 * (an edge that refuses every request, or a site-url with a wrong path, answers the same); or no
 * answer came from CloudFront (a site-url that names the origin compares what the origin serves).
 */
function doubtOf(
  checks: readonly UrlCheck[],
  served: readonly UrlCheck[],
  unverifiable: readonly UrlCheck[]
): string | undefined {
  if (unverifiable.length > 0) {
    const first = unverifiable[0] as UrlCheck
    return `${plural(unverifiable.length, 'URL')} of ${checks.length} could not be checked (such as ${first.url}: ${first.verdict.outcome === 'unverifiable' ? first.verdict.why : ''}), so the deploy is not verified.`
  }
  if (served.length > 0 && served.every(c => c.verdict.outcome === 'served' && c.verdict.weak === true)) {
    const first = served[0] as UrlCheck
    return `Every URL asked passed only by a refusal, a redirect or a 404 (such as ${first.url}: ${describeAnswer(first.asked, first.expected)}), which an edge that refuses every request or a site-url with a wrong path answers too: check site-url, and give site-dir to compare bytes.`
  }
  const answers = checks.flatMap(c => ('answer' in c.asked ? [c.asked.answer] : []))
  if (answers.length > 0 && answers.every(a => a.fromCloudFront === false)) {
    return `No answer came from CloudFront (none carried X-Cache, Via or X-Amz-Cf-Id): site-url seems to name the origin or another server, not the distribution's edge. Give site-url the address visitors use.`
  }
  return undefined
}

function row(check: UrlCheck): string[] {
  const verdict = check.verdict
  const text =
    verdict.outcome === 'served'
      ? verdict.how
      : `${verdict.outcome === 'stale' ? 'stale' : 'not checked'}: ${verdict.why}`
  // With no answer, the verdict already says why; the last column then says only that.
  const answered = 'unreachable' in check.asked ? 'no answer' : describeAnswer(check.asked, check.expected)
  // A Location can carry a presigned URL's signature: every row is redacted, as the failure message is.
  return [check.url, targetLabel(check.target), redact(text), redact(answered + laterAnswers(check))]
}

/** For a URL seen stale: what the other asks answered, so that a failed re-ask is seen beside the evidence. */
function laterAnswers(check: UrlCheck): string {
  if (check.verdict.outcome !== 'stale' || check.history.length < 2) return ''
  const times = check.history.filter(h => h.verdict.outcome === 'stale').length
  // Answers that say the same are said once, with the asks they answered ("1-5: …; 6: …").
  const runs: { from: number; to: number; text: string; key: string }[] = []
  check.history.forEach((h, i) => {
    const text = describeAnswer(h.asked, check.expected)
    const last = runs[runs.length - 1]
    if (last !== undefined && last.key === sameAge(text)) last.to = i + 1
    else runs.push({ from: i + 1, to: i + 1, text, key: sameAge(text) })
  })
  const each = runs.map(r => `${r.from === r.to ? r.from : `${r.from}-${r.to}`}: ${r.text}`)
  return ` (asked ${check.history.length} times, stale ${times}: ${each.join('; ')})`
}

/** An answer's words without its Age figure, so that one copy asked again (its Age growing) counts as one answer. */
function sameAge(text: string): string {
  return text.replace(/Age: \d+/, 'Age: old')
}

function staleMessage(stale: readonly UrlCheck[], retriedForMs: number): string {
  const why = (check: UrlCheck) => (check.verdict.outcome === 'stale' ? check.verdict.why : '')
  const oldCopies = stale.filter(check => why(check).startsWith('a copy cached'))
  const causes = [
    ...(oldCopies.length > 0 ? OLD_COPY_CAUSES : []),
    ...(stale.some(check => check.path.endsWith('/')) ? [DIRECTORY_CAUSE] : []),
    ...(stale.some(check => why(check).startsWith('other bytes')) ? [FRESH_BYTES_CAUSE] : [])
  ]
  const lines = [
    `${plural(stale.length, 'URL')} ${agree(stale.length, 'does', 'do')} not serve the deploy, after every invalidation completed${retriedForMs >= 1000 ? ` and ${Math.round(retriedForMs / 1000)} s of asking again` : ''}:`,
    ...stale.map(
      check =>
        `  ${check.url} (${targetLabel(check.target)}): ${why(check)}; the edge answered ${describeAnswer(check.asked, check.expected)}${laterAnswers(check)}`
    ),
    `Likely causes: ${(causes.length > 0 ? causes : OLD_COPY_CAUSES).join('; ')}.`
  ]
  return lines.join('\n')
}
