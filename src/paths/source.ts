/** The input a path came from, and for a file (paths-file, sync-log) the file, so that an error can point at its line. */
export interface PathOrigin {
  readonly input: 'paths' | 'paths-file' | 'sync-log' | 'default'
  readonly file?: string
}

/**
 * One input's paths in order, each with its line number. A source hands its paths to a visitor rather
 * than as an array, so that a million-line paths-file is decoded a line at a time as it is planned and
 * never held as a million strings and records at once.
 */
export interface PathSource extends PathOrigin {
  forEach(visit: (value: string, line: number) => void): void
  /** Its values are CloudFront items already (sync-log keys are encoded as they are read). */
  readonly normalized?: boolean
  /** The paths among them that the deploy deleted (a sync-log knows): not expected in site-dir. */
  deletedPaths?(): string[]
}

/** "paths line 3", "paths-file list.txt line 12": built only for an error message. */
export function whereFrom(origin: PathOrigin, line: number): string {
  if (origin.input === 'default') return 'default (no paths given)'
  return origin.input === 'paths' ? `paths line ${line}` : `${origin.input} ${origin.file ?? ''} line ${line}`
}

/** A source of paths already split, each with its line number (the `paths` input, the default). */
export function listSource(input: 'paths' | 'default', entries: readonly (readonly [string, number])[]): PathSource {
  return {
    input,
    forEach(visit) {
      for (const [value, line] of entries) visit(value, line)
    }
  }
}
