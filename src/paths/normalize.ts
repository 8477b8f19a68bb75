import { InputError } from '../errors.js'
import { whereFrom, type PathOrigin } from './source.js'

export const MAX_PATH_LENGTH = 4000
export const MAX_CACHE_TAG_LENGTH = 256

// A path with only these characters (and "*" last) is sent as it is.
const PLAIN = /^[!$&'()+,\-./0-9:;=?@A-Z_a-z]+\*?$/
// What CloudFront wants percent-encoded: a "%" that does not start a valid %XX escape, non-ASCII (whole
// code points, thanks to the u flag) and RFC 1738's unsafe characters. Every other ASCII character
// must stay as it is, or CloudFront invalidates a different object: "*" as %2A stops being a wildcard.
const TO_ENCODE = /%(?![0-9A-Fa-f]{2})|[^\x21-\x7e]|[ "<>#{}|\\^~[\]`]/gu
// The same, for a key: neither "%" (always literal in a key) nor "*".
const PLAIN_KEY = /^[!$&'()+,\-./0-9:;=?@A-Z_a-z]*$/
const CONTROL = /[\u0000-\u001f\u007f]/
// "https://www.example.com/index.html": a URL where a path belongs (a path starts with "/" or is relative).
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

const SLASH = 0x2f
const STAR = 0x2a

// `/${value}` would be a rope (two pointers) that the set, the wildcard walk, the sort and the join for
// the CallerReference each walk again, and that keeps the unprefixed line alive; join copies it into one
// flat string at once. For a million lines: about 150 ms and 40 MB less (bench/paths-cost.ts).
const withLeadingSlash = (value: string): string => (value.charCodeAt(0) === SLASH ? value : ['/', value].join(''))

/**
 * An item CloudFront takes: a path (starts with "/") or a cache tag (starts with "#"). `origin` and
 * `line` only serve an error message.
 */
export function normalizeItem(value: string, origin: PathOrigin, line: number): string {
  // A path given whole (most of them) is never a URL nor pasted in another shape: only the others pay for the tests.
  // Stryker disable next-line ConditionalExpression: a fast path; a value that starts with "/" matches neither test
  if (value.charCodeAt(0) !== SLASH) {
    if (URL_SCHEME.test(value)) throw urlError({ value, origin, line })
    const pasted = pastedShape(value)
    if (pasted !== undefined) throw pathError({ value, origin, line }, pasted)
  }
  // Most paths of a deploy need nothing done: one native regex test says so.
  if (PLAIN.test(value) && value.length < MAX_PATH_LENGTH) return withLeadingSlash(value)
  const at: Located = { value, origin, line }
  const control = CONTROL.exec(value)
  if (control) throw pathError(at, `holds a control character at position ${control.index + 1}: remove it.`)
  if (value.startsWith('#')) return cacheTag(at)
  const mistaken = mistakenCharacter(value)
  if (mistaken !== undefined) throw pathError(at, mistaken)

  const star = value.indexOf('*')
  if (star !== -1 && star !== value.length - 1) {
    throw pathError(
      at,
      'has "*" before its end: CloudFront takes a wildcard only as the last character, as in /images/*.'
    )
  }
  const path = encodePath(withLeadingSlash(value))
  if (path.length > MAX_PATH_LENGTH) {
    throw pathError(
      at,
      `is ${path.length} characters long once encoded; CloudFront takes at most ${MAX_PATH_LENGTH}: invalidate a wildcard over its folder instead.`
    )
  }
  return path
}

/**
 * What a value that does not start with "/" was most likely pasted as, and the path to give instead:
 * sent as it is, each would be a path that matches nothing ("./index.html" as /./index.html). The
 * shapes the `paths` input reads as meant (a JSON array, quotes, "- ") are taken off before this.
 */
function pastedShape(value: string): string | undefined {
  const relative = /^(?:\.\.?\/)+/.exec(value)
  if (relative) {
    return `is relative to a folder; paths are URL paths from the site's root: give ${withLeadingSlash(value.slice(relative[0].length))}.`
  }
  const first = value[0]
  if (first === '"' || first === "'") {
    const paired = value.length > 1 && value.endsWith(first)
    const inner = paired ? value.slice(1, -1) : value.slice(1)
    const yet = paired ? '' : ', or start it with / if the quote is part of its name'
    return `${paired ? 'is in quotes' : 'starts with a quote'}: give the path without ${paired ? 'them' : 'it'} (${withLeadingSlash(inner)})${yet}; a list of paths in a file is one path per line, unquoted (jq -r writes strings so).`
  }
  if (value.startsWith('- ')) {
    return `is a YAML list item: give the path alone (${withLeadingSlash(value.slice(2).trim())}).`
  }
  // ["/a","/b"] or ['/a'], not a name in brackets such as [slug].html (a dynamic route's file).
  if (LIST_IN_BRACKETS.test(value)) {
    return 'is a bracketed list: give one path per line; the paths input also takes a whole JSON array of strings, such as ["/index.html","/about.html"].'
  }
  return undefined
}

const LIST_IN_BRACKETS = /^\[\s*["']|^\[.*[,"'].*\]$/

/** A backslash (a Windows folder separator) or a stray closing quote: sent encoded, it would match nothing. */
function mistakenCharacter(value: string): string | undefined {
  if (value.includes('\\')) {
    return `holds a backslash; URL paths are separated by "/": give ${withLeadingSlash(value.replace(/\\/g, '/'))} (a backslash that is part of a name is written %5C).`
  }
  if (value.endsWith('"')) {
    return `ends with a quote: give the path without it (${withLeadingSlash(value.slice(0, -1))}), or write a quote that is part of it as %22.`
  }
  return undefined
}

/** A path and where it was given, for an error message. */
interface Located {
  value: string
  origin: PathOrigin
  line: number
}

function pathError({ value, origin, line }: Located, problem: string): InputError {
  return new InputError(
    origin.input === 'default' ? 'paths' : origin.input,
    value,
    `(${whereFrom(origin, line)}) ${problem}`
  )
}

/** Sent as it is, a URL would be the path /https://…, which clears nothing: say which path to give. */
function urlError(at: Located): InputError {
  const url = /^https?:/i.test(at.value) && URL.canParse(at.value) ? new URL(at.value) : undefined
  if (url) return pathError(at, `is a URL, not a path: give its path only (${url.pathname}${url.search}).`)
  return pathError(at, 'is a URL, not a path: give the path the site serves it at, such as /index.html.')
}

function cacheTag(at: Located): string {
  const { value } = at
  if (value.length === 1) throw pathError(at, 'is an empty cache tag: write the tag name after "#".')
  if (value.length > MAX_CACHE_TAG_LENGTH) {
    throw pathError(
      at,
      `is a cache tag of ${value.length} characters; CloudFront takes at most ${MAX_CACHE_TAG_LENGTH}.`
    )
  }
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes(',')) {
    throw pathError(at, 'is not a valid cache tag: use printable ASCII characters other than space and comma.')
  }
  return value
}

/** Percent-encodes what CloudFront requires (non-ASCII as UTF-8, RFC 1738 unsafe) and nothing else. */
export function encodePath(path: string): string {
  // Without a "%" to keep, the native encodeURI does it, but for the two RFC 1738 unsafe characters it keeps.
  if (!path.includes('%')) return encodeURI(path).replace(/[#~]/g, char => (char === '#' ? '%23' : '%7E'))
  return path.replace(TO_ENCODE, char =>
    // Stryker disable next-line StringLiteral: without this branch the next one encodes "%" as %25 too
    char === '%'
      ? '%25'
      : char.length === 1 && char <= '\x7e'
        ? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
        : encodeURIComponent(char)
  )
}

export function isWildcard(item: string): boolean {
  return item.charCodeAt(item.length - 1) === STAR
}

/**
 * The URL path of an S3 object key: "/" + the key, percent-encoded by the rules of encodePath. A key is
 * raw, so each "%" in it is a percent sign (sent as %25), never the start of an escape. A "*" cannot be
 * sent as part of a name (CloudFront reads it as a wildcard, and rejects one before the end), so the
 * path is cut there and becomes a wildcard that still covers the object: "a*b.txt" becomes /a*.
 */
export function keyToPath(key: string): string {
  const star = key.indexOf('*')
  const name = star === -1 ? key : key.slice(0, star)
  // Most keys of a deploy need nothing encoded: one native regex test says so.
  if (PLAIN_KEY.test(name)) return star === -1 ? `/${name}` : `/${name}*`
  // Always a slash of its own: a key that starts with "/" is served at a URL path that starts with "//".
  const path = encodePath(`/${name.replace(/%/g, '%25')}`)
  return star === -1 ? path : `${path}*`
}
