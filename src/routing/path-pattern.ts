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
export function matchesPathPattern(pattern: string, path: string): boolean {
  const p = pattern.startsWith('/') ? pattern.slice(1) : pattern
  const s = path.startsWith('/') ? path.slice(1) : path
  let pi = 0
  let si = 0
  // Where the last `*` was, and where in the path it started matching: on a mismatch, that `*`
  // swallows one more character and the walk resumes from there.
  let star = -1
  let starAt = 0
  while (si < s.length) {
    const c = p.charCodeAt(pi)
    if (pi < p.length && c !== STAR && (c === QUESTION || c === s.charCodeAt(si))) {
      pi++
      si++
    } else if (pi < p.length && c === STAR) {
      star = pi++
      starAt = si
    } else if (star !== -1) {
      pi = star + 1
      si = ++starAt
    } else {
      return false
    }
  }
  while (pi < p.length && p.charCodeAt(pi) === STAR) pi++
  return pi === p.length
}

const STAR = 0x2a
const QUESTION = 0x3f
