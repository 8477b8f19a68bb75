import { isWildcard } from './normalize.js'

// CloudFront runs at most 15 wildcard paths in progress per distribution: more would make the step wait.
export const MAX_WILDCARDS = 15
// Pareto entries kept per node and wildcard count. Below it the choice is exact (the property test
// checks it against every choice on small trees); past it, on very large trees, entries are thinned
// evenly, always keeping the one with the fewest paths and the one that refreshes the least.
const FRONTIER_CAP = 24
// Without site-dir nothing is known of what a wildcard refreshes beyond the given paths, so each
// wildcard costs this much less its depth: the fewest wildcards win, then the deepest (narrowest).
const UNKNOWN_WILDCARD_COST = 1_000_000

/** A directory wildcard chosen in place of the paths below it. */
export interface ChosenWildcard {
  path: string
  /** How many of the paths it replaced (given paths, directory URLs and wildcards below it). */
  replaced: number
  /** How many files of site-dir below it are not among the paths: refreshed without need. */
  unchanged: number | undefined
}

export interface Reduction {
  /** Paths before the reduction. */
  from: number
  wildcards: ChosenWildcard[]
  /** True when no choice of up to 15 directory wildcards got under max-paths, so /* is sent. */
  fellBackToRoot: boolean
  /** With site-dir: its files refreshed without need, and how many files it holds. */
  unchangedRefreshed: number | undefined
  siteFiles: number | undefined
}

/**
 * Brings `items` to at most `maxPaths` by replacing groups of paths with directory wildcards
 * (/assets/js/*), never more than 15 wildcards in all; /* only when no such choice fits. Every given
 * path stays covered. With `site` (the URL paths of every file the deploy uploaded), the choice
 * refreshes the fewest files that did not change, then sends the fewest paths; without it, it uses the
 * fewest and narrowest wildcards, then the fewest paths.
 *
 * The choice is a small dynamic program over the directory tree of the paths: for each directory and
 * each number of wildcards (0 to 15) below it, the Pareto set of (paths sent, cost) over the ways to
 * treat its subtree: its own items plus its children's choices, or one wildcard over all of it.
 */
export function reduceToMaxPaths(
  items: readonly string[],
  maxPaths: number,
  site: readonly string[] | undefined
): { items: string[]; reduction: Reduction } {
  const tree = buildTree(items)
  const cost = wildcardCost(items, site)
  const rootFrontier = frontierOf(tree.root, cost)
  let best: Entry | undefined
  for (let k = 0; k <= MAX_WILDCARDS; k++) {
    for (const entry of rootFrontier[k] ?? []) {
      if (entry.items + tree.tags.length > maxPaths) continue
      if (best === undefined || entry.cost < best.cost || (entry.cost === best.cost && entry.items < best.items)) {
        best = entry
      }
    }
  }
  const siteFiles = site?.length
  if (best === undefined) {
    return {
      items: ['/*'],
      reduction: {
        from: items.length,
        wildcards: [],
        fellBackToRoot: true,
        // Stryker disable next-line StringLiteral: every site path starts with "/", so "" counts the same files
        unchangedRefreshed: site ? cost.unchanged('/') : undefined,
        siteFiles
      }
    }
  }
  const chosen = chosenDirectories(best)
  const reduced = applyChoice(tree, items, chosen, cost, site !== undefined)
  return {
    items: reduced.items,
    reduction: {
      from: items.length,
      wildcards: reduced.wildcards,
      fellBackToRoot: false,
      unchangedRefreshed: site ? reduced.wildcardsCost : undefined,
      siteFiles
    }
  }
}

/** A directory that holds paths, directly or below. */
interface DirNode {
  dir: string
  depth: number
  parent: DirNode | undefined
  children: DirNode[]
  /** Items directly in it (files, directory URLs, wildcards that are not the whole directory). */
  own: number
  /** The wildcards among them: their prefixes. */
  ownWildcards: string[]
  /** Every item below it. */
  total: number
  /** The directory itself was given as a wildcard (dir/*): nothing else is below it. */
  givenWildcard: boolean
}

interface Tree {
  root: DirNode
  /** The directory each item lies in, by the item's index (undefined for a cache tag). */
  itemNodes: (DirNode | undefined)[]
  /** Cache tags: no directory wildcard covers them. */
  tags: string[]
}

/** The directory an item is in: what comes before its last slash, query string aside. */
function directoryOf(item: string): string {
  const query = item.indexOf('?')
  const path = query === -1 ? item : item.slice(0, query)
  return path.slice(0, path.lastIndexOf('/') + 1)
}

function buildTree(items: readonly string[]): Tree {
  // Stryker disable next-line StringLiteral: the root is never made a wildcard (that is the /* fallback), so its name is not read
  const root: DirNode = newNode('/', undefined)
  const nodes = new Map<string, DirNode>([['/', root]])
  const nodeFor = (dir: string): DirNode => {
    let node = nodes.get(dir)
    if (node) return node
    const parent = nodeFor(dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1))
    node = newNode(dir, parent)
    parent.children.push(node)
    nodes.set(dir, node)
    return node
  }
  const tags: string[] = []
  const itemNodes: (DirNode | undefined)[] = []
  for (const item of items) {
    if (item.startsWith('#')) {
      tags.push(item)
      itemNodes.push(undefined)
      continue
    }
    const prefix = isWildcard(item) ? item.slice(0, -1) : undefined
    if (prefix !== undefined && prefix.endsWith('/')) {
      const node = nodeFor(prefix)
      node.givenWildcard = true
      itemNodes.push(node)
      continue
    }
    const node = nodeFor(directoryOf(prefix ?? item))
    node.own++
    if (prefix !== undefined) node.ownWildcards.push(prefix)
    itemNodes.push(node)
  }
  countTotals(root)
  return { root, itemNodes, tags }
}

function newNode(dir: string, parent: DirNode | undefined): DirNode {
  const depth = parent ? parent.depth + 1 : 0
  return { dir, depth, parent, children: [], own: 0, ownWildcards: [], total: 0, givenWildcard: false }
}

function countTotals(node: DirNode): number {
  node.total = node.own + (node.givenWildcard ? 1 : 0)
  for (const child of node.children) node.total += countTotals(child)
  return node.total
}

/** What a wildcard over a prefix costs, and (with site-dir) how many unchanged files it refreshes. */
interface Cost {
  of(prefix: string, depth: number): number
  unchanged(prefix: string): number
}

function wildcardCost(items: readonly string[], site: readonly string[] | undefined): Cost {
  if (site === undefined) {
    return {
      of: (_prefix, depth) => UNKNOWN_WILDCARD_COST - depth,
      // Stryker disable next-line ArrowFunction: unchanged() is read only when site-dir is known
      unchanged: () => 0
    }
  }
  // The files of the site that are not among the paths, sorted: a wildcard refreshes those under its
  // prefix. Both lists sorted and walked side by side: hashing 200,000 fresh strings into a Set cost
  // several times more, and a sync log lists its keys nearly in order, so sorting them is cheap.
  const given = [...items].sort()
  const unchangedFiles: string[] = []
  let g = 0
  for (const path of site) {
    while (g < given.length && (given[g] as string) < path) g++
    if (given[g] !== path) unchangedFiles.push(path)
  }
  const unchanged = (prefix: string): number =>
    lowerBound(unchangedFiles, `${prefix}\uffff`) - lowerBound(unchangedFiles, prefix)
  return { of: prefix => unchanged(prefix), unchanged }
}

/** The index of the first element of `sorted` not below `value`. */
export function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((sorted[mid] as string) < value) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * One way to treat a subtree: how many paths it sends, what its wildcards cost, and the directories it
 * makes wildcards (a list shared between entries, so combining two entries copies nothing).
 */
interface Entry {
  items: number
  cost: number
  chosen: Choices | undefined
}

/** The directories chosen, as a tree of joins: built in constant time, read once at the end. */
type Choices = { node: DirNode } | { left: Choices; right: Choices }

function join(a: Choices | undefined, b: Choices | undefined): Choices | undefined {
  return a === undefined ? b : b === undefined ? a : { left: a, right: b }
}

/** For each number of wildcards (the index, 0 to 15), the Pareto entries, fewest paths first. */
type Frontier = Entry[][]

function frontierOf(node: DirNode, cost: Cost): Frontier {
  if (node.givenWildcard) {
    return single(1, { items: 1, cost: cost.of(node.dir, node.depth), chosen: undefined })
  }
  // The node's own items, with every child that has only one way (a single entry) folded in.
  let ownWildcards = node.ownWildcards.length
  let ownItems = node.own
  let ownCost = node.ownWildcards.reduce((sum, prefix) => sum + cost.of(prefix, node.depth + 1), 0)
  let ownChosen: Choices | undefined
  const branching: Frontier[] = []
  const twoWay: TwoWay[] = []
  for (const child of node.children) {
    const frontier = frontierOf(child, cost)
    const only = onlyEntry(frontier)
    const two = only ? undefined : twoWayOf(frontier)
    // Both branches are fast paths: without them the child is combined in full, to the same choice.
    if (only) {
      ownWildcards += only.k
      ownItems += only.entry.items
      ownCost += only.entry.cost
      ownChosen = join(ownChosen, only.entry.chosen)
    } else if (two) {
      // Counted as left alone here (no wildcard, so no cost); choosing its wildcard is a switch, below.
      ownItems += two.leave.items
      twoWay.push(two)
    } else {
      branching.push(frontier)
    }
  }
  let frontier: Frontier =
    ownWildcards > MAX_WILDCARDS ? [] : single(ownWildcards, { items: ownItems, cost: ownCost, chosen: ownChosen })
  for (const child of worthSwitching(twoWay)) {
    const stay: Entry = { items: 0, cost: 0, chosen: undefined }
    const change: Entry = {
      items: child.whole.items - child.leave.items,
      cost: child.whole.cost,
      chosen: child.whole.chosen
    }
    frontier = combine(frontier, [[stay], [change]])
  }
  for (const child of branching) frontier = combine(frontier, child)
  // One wildcard over the whole directory; never the root (that is the /* fallback), and only when it
  // replaces more than one path.
  if (node.parent !== undefined && node.total > 1) {
    const whole: Entry = { items: 1, cost: cost.of(node.dir, node.depth), chosen: { node } }
    frontier[1] = paretoOf([...(frontier[1] ?? []), whole])
  }
  return frontier
}

/**
 * A child with two ways only: left alone without a wildcard (so at no cost), or one wildcard (a folder
 * of files: most of the tree). A folder such as /blog/ may hold thousands of them.
 */
interface TwoWay {
  leave: Entry
  whole: Entry
}

// Stryker disable next-line BlockStatement: a fast path: a child not taken as two-way is combined in full, to the same choice
function twoWayOf(frontier: Frontier): TwoWay | undefined {
  const [leaves, wholes, ...more] = frontier
  if (leaves?.length !== 1 || wholes?.length !== 1 || more.some(list => list && list.length > 0)) return undefined
  return { leave: leaves[0] as Entry, whole: wholes[0] as Entry }
}

/**
 * The two-way children that may be worth a wildcard. A child that 15 others beat (each saves at least as
 * many paths for at most the same cost) never is: a choice of at most 15 wildcards that takes it leaves
 * one of those 15 out, and taking that one instead is no worse. So of thousands of blog posts only the
 * few best are tried, and the choice stays exact.
 */
function worthSwitching(children: TwoWay[]): TwoWay[] {
  const saving = (c: TwoWay) => c.leave.items - c.whole.items
  const extra = (c: TwoWay) => c.whole.cost
  children.sort((a, b) => saving(b) - saving(a) || extra(a) - extra(b))
  const kept: TwoWay[] = []
  // The 15 lowest extra costs among the children seen so far (all of which save at least as much), in order.
  const cheapest: number[] = []
  for (const child of children) {
    const cost = extra(child)
    if (cheapest.length === MAX_WILDCARDS && (cheapest[MAX_WILDCARDS - 1] as number) <= cost) continue
    kept.push(child)
    cheapest.push(cost)
    cheapest.sort((x, y) => x - y)
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only bounds the work: a longer list has the same 15th lowest
    if (cheapest.length > MAX_WILDCARDS) cheapest.pop()
  }
  return kept
}

function single(k: number, entry: Entry): Frontier {
  const frontier: Frontier = []
  frontier[k] = [entry]
  return frontier
}

/** The frontier's one entry and its number of wildcards, when the subtree has only one way. */
function onlyEntry(frontier: Frontier): { k: number; entry: Entry } | undefined {
  // forEach skips the numbers of wildcards the subtree cannot use (holes in the frontier).
  const ways: { k: number; entry: Entry }[] = []
  frontier.forEach((entries, k) => {
    for (const entry of entries) ways.push({ k, entry })
  })
  return ways.length === 1 ? ways[0] : undefined
}

/** Every way to treat two disjoint subtrees together, within 15 wildcards. */
function combine(a: Frontier, b: Frontier): Frontier {
  const out: Frontier = []
  // forEach skips the holes of a frontier (numbers of wildcards a subtree cannot use).
  a.forEach((as, ka) =>
    b.forEach((bs, kb) => {
      if (ka + kb > MAX_WILDCARDS) return
      const list = (out[ka + kb] ??= [])
      for (const x of as) {
        for (const y of bs)
          list.push({ items: x.items + y.items, cost: x.cost + y.cost, chosen: join(x.chosen, y.chosen) })
      }
    })
  )
  out.forEach((list, k) => (out[k] = paretoOf(list)))
  return out
}

/** The entries no other beats on both paths and cost, fewest paths first; thinned past FRONTIER_CAP. */
function paretoOf(entries: Entry[]): Entry[] {
  if (entries.length < 2) return entries
  entries.sort((x, y) => x.items - y.items || x.cost - y.cost)
  const kept: Entry[] = []
  for (const entry of entries) {
    const last = kept[kept.length - 1]
    if (last === undefined || entry.cost < last.cost) kept.push(entry)
  }
  if (kept.length <= FRONTIER_CAP) return kept
  const step = (kept.length - 1) / (FRONTIER_CAP - 1)
  return Array.from({ length: FRONTIER_CAP }, (_, i) => kept[Math.round(i * step)] as Entry)
}

function chosenDirectories(entry: Entry): Set<DirNode> {
  const chosen = new Set<DirNode>()
  const stack: Choices[] = entry.chosen ? [entry.chosen] : []
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if ('node' in next) chosen.add(next.node)
    else stack.push(next.left, next.right)
  }
  return chosen
}

/** The items once the chosen directories are wildcards: each wildcard first, with what it replaced. */
function applyChoice(
  tree: Tree,
  items: readonly string[],
  chosen: ReadonlySet<DirNode>,
  cost: Cost,
  knowsSite: boolean
): { items: string[]; wildcards: ChosenWildcard[]; wildcardsCost: number } {
  const replaced = new Map<DirNode, number>()
  const kept: string[] = []
  items.forEach((item, index) => {
    // The chosen directory above the item, if any: the item's own or one of its parents.
    let node = tree.itemNodes[index]
    while (node && !chosen.has(node)) node = node.parent
    if (node) replaced.set(node, (replaced.get(node) ?? 0) + 1)
    else kept.push(item)
  })
  const wildcards = [...chosen]
    .sort((a, b) => (a.dir < b.dir ? -1 : 1))
    .map(node => ({
      path: `${node.dir}*`,
      replaced: replaced.get(node) ?? 0,
      unchanged: knowsSite ? cost.unchanged(node.dir) : undefined
    }))
  // Every wildcard in the result refreshes what is under it: the chosen ones and the given ones kept.
  let wildcardsCost = 0
  for (const item of kept) if (isWildcard(item)) wildcardsCost += cost.unchanged(item.slice(0, -1))
  for (const w of wildcards) wildcardsCost += w.unchanged ?? 0
  return { items: [...wildcards.map(w => w.path), ...kept], wildcards, wildcardsCost }
}
