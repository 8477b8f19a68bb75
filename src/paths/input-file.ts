import { isUtf8 } from 'node:buffer'
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { resolve } from 'node:path'
import { InputError, messageOf } from '../errors.js'
import { count } from '../plural.js'

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const
const UTF16LE_BOM = [0xff, 0xfe] as const

/**
 * The largest file an input may name: a sync log of a million objects is about 100 MiB, and a file
 * past this is read whole into memory no further (the README states it).
 */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024

// Opening a named pipe for reading blocks until a writer comes, which may be never: non-blocking, the
// open returns at once and fstat says what it is. Windows has no such flag (nor such files).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * The text bytes of a file an input names (paths-file, sync-log), relative to the workspace, as UTF-8
 * without its byte order mark. Only a regular file is read: a directory, a named pipe, a socket or a
 * device is an input error before a byte is read, and so is a file past MAX_INPUT_FILE_BYTES; so are an
 * unreadable file and bytes that are not UTF-8. Each error names the input and the file. `what`
 * completes the UTF-8 error ("one path per line").
 */
export function readInputText(input: string, file: string, what: string): Buffer {
  const fullPath = resolve(file)
  let bytes: Buffer
  let fd: number | undefined
  try {
    // Looked at before it is opened (a socket cannot be opened), and again once open (what was opened).
    notRegularFile(input, file, statSync(fullPath))
    fd = openSync(fullPath, OPEN_FLAGS)
    const stats = fstatSync(fd)
    notRegularFile(input, file, stats)
    if (stats.size > MAX_INPUT_FILE_BYTES) {
      throw new InputError(
        input,
        file,
        `is ${count(stats.size)} bytes; the action reads at most ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MiB: split it over several steps${input === 'sync-log' ? ' (one sync-log each)' : ''}, or invalidate a wildcard instead.`
      )
    }
    bytes = readWhole(fd, stats.size)
  } catch (error) {
    if (error instanceof InputError) throw error
    // "a.log,b.log" as one name that does not exist: the list was meant, and YAML gave one line.
    const commaList =
      (error as NodeJS.ErrnoException).code === 'ENOENT' && file.includes(',')
        ? input === 'sync-log'
          ? ' sync-log takes one file per line, not a comma-separated list.'
          : ` ${input} takes one file; put the paths in it one per line.`
        : ''
    throw new InputError(
      input,
      file,
      `cannot be read (${messageOf(error)}): give the path of a text file, relative to the workspace (${process.cwd()}).${commaList}`
    )
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  // Windows PowerShell 5's `>` and Tee-Object write UTF-16 with a byte order mark: take it as it is.
  if (startsWith(bytes, UTF16LE_BOM)) return Buffer.from(bytes.toString('utf16le', UTF16LE_BOM.length))
  if (!isUtf8(bytes)) throw new InputError(input, file, `is not UTF-8 text: save it as UTF-8, ${what}.`)
  return startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}

/** Throws, naming the input and the file, unless `stats` is of a regular file. */
function notRegularFile(input: string, file: string, stats: Stats): void {
  if (stats.isFile()) return
  const kind = stats.isDirectory()
    ? 'a directory'
    : stats.isFIFO()
      ? 'a named pipe (FIFO)'
      : stats.isSocket()
        ? 'a socket'
        : stats.isCharacterDevice() || stats.isBlockDevice()
          ? 'a device'
          : 'a special file'
  throw new InputError(
    input,
    file,
    `is ${kind}, not a regular file: give the path of a text file the workflow wrote, relative to the workspace (${process.cwd()}).`
  )
}

/** The file's bytes, as many as fstat said it holds: a log still being written is read as it was then. */
function readWhole(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size)
  let length = 0
  while (length < size) {
    const read = readSync(fd, buffer, length, size - length, null)
    if (read === 0) break
    length += read
  }
  return buffer.subarray(0, length)
}
