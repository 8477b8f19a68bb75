import { join } from 'node:path'

/** What the distribution does with a directory URL and with `/`. */
export interface UrlMapping {
  /** The index document an S3 website endpoint (or a function) serves for a directory URL; '' for none. */
  indexDocument: string
  /**
   * The distribution's DefaultRootObject, served for `/` ('' for none: then the index document, if any);
   * undefined when it could not be read: then `/` names no file and is judged by freshness alone.
   */
  defaultRootObject: string | undefined
}

/**
 * The file of the deployed folder that a URL serves, as a path relative to that folder, or undefined
 * when no file can be named (a directory URL without an index document). `/blog/` serves
 * blog/<index document>; `/` the default root object, else the index document; any other URL the file
 * of its decoded path (`/caf%C3%A9.html` is café.html), as aws s3 sync names keys after files.
 */
export function expectedFile(url: string, mapping: UrlMapping): string | undefined {
  if (url === '/') {
    if (mapping.defaultRootObject === undefined) return undefined
    const root = mapping.defaultRootObject || mapping.indexDocument
    return root === '' ? undefined : root
  }
  const path = decodePath(url.slice(1))
  if (path === undefined) return undefined
  if (path.endsWith('/')) return mapping.indexDocument === '' ? undefined : `${path}${mapping.indexDocument}`
  return path
}

/** The file's full name under the site folder; a path that climbs out of it (`..`) names none. */
export function fileUnder(siteDir: string, relative: string): string | undefined {
  if (relative.split('/').some(part => part === '..' || part === '.')) return undefined
  return join(siteDir, ...relative.split('/'))
}

function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path)
  } catch {
    return undefined // a malformed escape names no file
  }
}
