import { InputError } from './errors.js'
import { whereFrom, type RawPath } from './inputs.js'

export const MAX_PATH_LENGTH = 4000
export const MAX_CACHE_TAG_LENGTH = 256

// A path with only these characters (and "*" last) is sent as it is.
const PLAIN = /^[!$&'()+,\-./0-9:;=?@A-Z_a-z]+\*?$/
// What CloudFront wants percent-encoded: a "%" that does not start a valid %XX escape, non-ASCII (whole
// code points, thanks to the u flag) and RFC 1738's unsafe characters. Every other ASCII character
// must stay as it is, or CloudFront invalidates a different object: "*" as %2A stops being a wildcard.
const TO_ENCODE = /%(?![0-9A-Fa-f]{2})|[^\x21-\x7e]|[ "<>#{}|\\^~[\]`]/gu
const CONTROL = /[\u0000-\u001f\u007f]/

/** An item CloudFront takes: a path (starts with "/") or a cache tag (starts with "#"). */
export function normalizeItem(raw: RawPath): string {
  const { value } = raw
  // Most paths of a deploy need nothing done: one native regex test says so.
  if (PLAIN.test(value) && value.length < MAX_PATH_LENGTH) return value.charCodeAt(0) === 0x2f ? value : `/${value}`
  const control = CONTROL.exec(value)
  if (control) throw pathError(raw, `holds a control character at position ${control.index + 1}: remove it.`)
  if (value.startsWith('#')) return cacheTag(raw)

  const star = value.indexOf('*')
  if (star !== -1 && star !== value.length - 1) {
    throw pathError(
      raw,
      'has "*" before its end: CloudFront takes a wildcard only as the last character, as in /images/*.'
    )
  }
  const path = encodePath(value.startsWith('/') ? value : `/${value}`)
  if (path.length > MAX_PATH_LENGTH) {
    throw pathError(
      raw,
      `is ${path.length} characters long once encoded; CloudFront takes at most ${MAX_PATH_LENGTH}: invalidate a wildcard over its folder instead.`
    )
  }
  return path
}

function pathError(raw: RawPath, problem: string): InputError {
  return new InputError(
    raw.input === 'paths-file' ? 'paths-file' : 'paths',
    raw.value,
    `(${whereFrom(raw)}) ${problem}`
  )
}

function cacheTag(raw: RawPath): string {
  const { value } = raw
  if (value.length === 1) throw pathError(raw, 'is an empty cache tag: write the tag name after "#".')
  if (value.length > MAX_CACHE_TAG_LENGTH) {
    throw pathError(
      raw,
      `is a cache tag of ${value.length} characters; CloudFront takes at most ${MAX_CACHE_TAG_LENGTH}.`
    )
  }
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes(',')) {
    throw pathError(raw, 'is not a valid cache tag: use printable ASCII characters other than space and comma.')
  }
  return value
}

/** Percent-encodes what CloudFront requires (non-ASCII as UTF-8, RFC 1738 unsafe) and nothing else. */
export function encodePath(path: string): string {
  // Without a "%" to keep, the native encodeURI does it, but for the two RFC 1738 unsafe characters it keeps.
  if (!path.includes('%')) return encodeURI(path).replace(/[#~]/g, char => (char === '#' ? '%23' : '%7E'))
  return path.replace(TO_ENCODE, char =>
    char === '%'
      ? '%25'
      : char.length === 1 && char <= '\x7e'
        ? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
        : encodeURIComponent(char)
  )
}

export function isWildcard(item: string): boolean {
  return item.endsWith('*')
}

/** What was given, what is sent, and why the rest is not. */
export interface PathPlan {
  given: number
  items: string[]
  duplicates: number
  coveredByWildcard: number
  /** Set when more than max-paths remained and `/*` is sent instead. */
  collapsedFrom: number | undefined
}

/**
 * Normalizes, drops exact duplicates and every path a wildcard in the same list already covers, and
 * collapses to /* past maxPaths. Linear in the number and length of paths: wildcard coverage walks a
 * trie of wildcard prefixes, so a million paths against many wildcards is no quadratic scan.
 */
export function planPaths(raw: readonly RawPath[], maxPaths?: number): PathPlan {
  const unique = new Set<string>()
  for (const path of raw) unique.add(normalizeItem(path))
  const duplicates = raw.length - unique.size

  const wildcards = new PrefixTrie()
  for (const item of unique) if (isWildcard(item)) wildcards.add(item.slice(0, -1))
  const items: string[] = []
  for (const item of unique) {
    // A cache tag is not a path: no wildcard covers it.
    const covered =
      !item.startsWith('#') && wildcards.covers(isWildcard(item) ? item.slice(0, -1) : item, isWildcard(item))
    if (!covered) items.push(item)
  }
  const coveredByWildcard = unique.size - items.length
  if (maxPaths !== undefined && items.length > maxPaths) {
    return { given: raw.length, items: ['/*'], duplicates, coveredByWildcard, collapsedFrom: items.length }
  }
  return { given: raw.length, items, duplicates, coveredByWildcard, collapsedFrom: undefined }
}

interface TrieNode {
  end: boolean
  next: Map<string, TrieNode>
}

/** The prefixes of the wildcards in a list, to answer "does a wildcard cover this?" in one walk. */
class PrefixTrie {
  private readonly root: TrieNode = { end: false, next: new Map() }

  add(prefix: string): void {
    let node = this.root
    // By UTF-16 unit, as covers() walks (items are percent-encoded ASCII by then anyway).
    for (let i = 0; i < prefix.length; i++) {
      const char = prefix[i] as string
      let child = node.next.get(char)
      if (!child) {
        child = { end: false, next: new Map() }
        node.next.set(char, child)
      }
      node = child
    }
    node.end = true
  }

  /**
   * True when some wildcard prefix is a prefix of `text`. For a wildcard's own prefix, only a
   * strictly shorter one counts (the wildcard does not cover itself).
   */
  covers(text: string, isOwnWildcard: boolean): boolean {
    let node = this.root
    if (node.end && !(isOwnWildcard && text === '')) return true
    for (let i = 0; i < text.length; i++) {
      const child = node.next.get(text[i] as string)
      if (!child) return false
      node = child
      if (node.end && !(isOwnWildcard && i === text.length - 1)) return true
    }
    return false
  }
}
