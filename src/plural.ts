/**
 * Counts and the nouns that go with them, for every message the action writes: "1 path", "2 paths",
 * "12,345 paths". One place, so that no message says "1 paths" or "1 request each".
 */

/**
 * 12,345: thousands separated by hand, because toLocaleString initializes ICU, which cost every run
 * about 25 ms and 6 MB at start (measured against the same run without it).
 */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** "1 path", "3 paths", "1 download or local delete" / "2 downloads or local deletes". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${agree(n, one, many)}`
}

/** The word that agrees with `n`, without the number: agree(n, 'It is', 'They are'). */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}
