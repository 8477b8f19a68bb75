import { isWildcard } from './normalize.js'

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
export class PrefixTrie {
  // Stryker disable next-line StringLiteral,ObjectLiteral: the root's label is never read, and an empty object starts alike
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
