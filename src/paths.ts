import { InputError } from './errors.js'
import { whereFrom, type PathOrigin, type PathSource } from './path-source.js'

export const MAX_PATH_LENGTH = 4000
export const MAX_CACHE_TAG_LENGTH = 256

// A path with only these characters (and "*" last) is sent as it is.
const PLAIN = /^[!$&'()+,\-./0-9:;=?@A-Z_a-z]+\*?$/
// What CloudFront wants percent-encoded: a "%" that does not start a valid %XX escape, non-ASCII (whole
// code points, thanks to the u flag) and RFC 1738's unsafe characters. Every other ASCII character
// must stay as it is, or CloudFront invalidates a different object: "*" as %2A stops being a wildcard.
const TO_ENCODE = /%(?![0-9A-Fa-f]{2})|[^\x21-\x7e]|[ "<>#{}|\\^~[\]`]/gu
const CONTROL = /[\u0000-\u001f\u007f]/
const HASH = 0x23

const SLASH = 0x2f

// `/${value}` would be a rope (two pointers) that the set, the wildcard walk, the sort and the join for
// the CallerReference each walk again, and that keeps the unprefixed line alive; join copies it into one
// flat string at once. For a million lines: about 150 ms and 40 MB less (bench/paths-cost.ts).
const withLeadingSlash = (value: string): string => (value.charCodeAt(0) === SLASH ? value : ['/', value].join(''))

/**
 * An item CloudFront takes: a path (starts with "/") or a cache tag (starts with "#"). `origin` and
 * `line` only serve an error message.
 */
export function normalizeItem(value: string, origin: PathOrigin, line: number): string {
  // Most paths of a deploy need nothing done: one native regex test says so.
  if (PLAIN.test(value) && value.length < MAX_PATH_LENGTH) return withLeadingSlash(value)
  const at: Located = { value, origin, line }
  const control = CONTROL.exec(value)
  if (control) throw pathError(at, `holds a control character at position ${control.index + 1}: remove it.`)
  if (value.startsWith('#')) return cacheTag(at)

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

/** A path and where it was given, for an error message. */
interface Located {
  value: string
  origin: PathOrigin
  line: number
}

function pathError({ value, origin, line }: Located, problem: string): InputError {
  return new InputError(
    origin.input === 'paths-file' ? 'paths-file' : 'paths',
    value,
    `(${whereFrom(origin, line)}) ${problem}`
  )
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
export function planPaths(sources: readonly PathSource[], maxPaths?: number): PathPlan {
  let given = 0
  const unique = new Set<string>()
  const wildcards = new PrefixTrie()
  for (const source of sources) {
    source.forEach((value, line) => {
      given++
      const item = normalizeItem(value, source, line)
      if (isWildcard(item) && !unique.has(item)) wildcards.add(item.slice(0, -1))
      unique.add(item)
    })
  }
  const duplicates = given - unique.size

  let items: string[]
  if (wildcards.isEmpty()) {
    items = Array.from(unique)
  } else {
    items = []
    for (const item of unique) {
      // A cache tag is not a path: no wildcard covers it.
      const covered = item.charCodeAt(0) !== HASH && wildcards.covers(item)
      if (!covered) items.push(item)
    }
  }
  const coveredByWildcard = unique.size - items.length
  if (maxPaths !== undefined && items.length > maxPaths) {
    return { given, items: ['/*'], duplicates, coveredByWildcard, collapsedFrom: items.length }
  }
  return { given, items, duplicates, coveredByWildcard, collapsedFrom: undefined }
}

/** A node of the trie: the characters on the edge into it, whether a wildcard prefix ends here, and its children by the first character of their edge. */
interface TrieNode {
  label: string
  end: boolean
  next: Map<number, TrieNode> | undefined
}

/**
 * The prefixes of the wildcards in a list, to answer "does a wildcard cover this?" in one walk. Edges
 * hold whole runs of characters (a radix tree), so the walk for /site/section-1/page.html takes a few
 * native startsWith steps, not one map lookup per character. Works by UTF-16 unit (items are
 * percent-encoded ASCII by then anyway).
 */
class PrefixTrie {
  private readonly root: TrieNode = { label: '', end: false, next: undefined }

  isEmpty(): boolean {
    return !this.root.end && this.root.next === undefined
  }

  add(prefix: string): void {
    let node = this.root
    let at = 0
    for (;;) {
      if (at === prefix.length) {
        node.end = true
        return
      }
      node.next ??= new Map()
      const child = node.next.get(prefix.charCodeAt(at))
      if (!child) {
        node.next.set(prefix.charCodeAt(at), { label: prefix.slice(at), end: true, next: undefined })
        return
      }
      let same = 1
      while (same < child.label.length && child.label.charCodeAt(same) === prefix.charCodeAt(at + same)) same++
      if (same < child.label.length) {
        // The new prefix leaves this edge part way: split it there.
        const rest: TrieNode = { label: child.label.slice(same), end: child.end, next: child.next }
        child.label = child.label.slice(0, same)
        child.end = false
        child.next = new Map([[rest.label.charCodeAt(0), rest]])
      }
      node = child
      at += same
    }
  }

  /** True when a wildcard other than the item itself covers it: a wildcard's prefix is a prefix of the item's. */
  covers(item: string): boolean {
    // A wildcard is not covered by itself: compare without its "*", and only strictly shorter prefixes.
    const own = isWildcard(item)
    const text = own ? item.slice(0, -1) : item
    let node = this.root
    if (node.end && !(own && text === '')) return true
    for (let at = 0; node.next !== undefined && at < text.length;) {
      const child = node.next.get(text.charCodeAt(at))
      if (child === undefined || !text.startsWith(child.label, at)) return false
      at += child.label.length
      if (child.end && !(own && at === text.length)) return true
      node = child
    }
    return false
  }
}
