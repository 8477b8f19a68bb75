import { isUtf8 } from 'node:buffer'
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { InputError, messageOf } from '../errors.js'

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const
const UTF16LE_BOM = [0xff, 0xfe] as const

/**
 * The text bytes of a file an input names (paths-file, sync-log), relative to the workspace, as UTF-8
 * without its byte order mark. An unreadable file, a directory or bytes that are not UTF-8 are input
 * errors that name the input and the file. `what` completes the UTF-8 error ("one path per line").
 */
export function readInputText(input: string, file: string, what: string): Buffer {
  const fullPath = resolve(file)
  let bytes: Buffer
  try {
    if (statSync(fullPath).isDirectory()) throw new Error('it is a directory')
    bytes = readFileSync(fullPath)
  } catch (error) {
    throw new InputError(
      input,
      file,
      `cannot be read (${messageOf(error)}): give the path of a text file, relative to the workspace (${process.cwd()}).`
    )
  }
  // Windows PowerShell 5's `>` and Tee-Object write UTF-16 with a byte order mark: take it as it is.
  if (startsWith(bytes, UTF16LE_BOM)) return Buffer.from(bytes.toString('utf16le', UTF16LE_BOM.length))
  if (!isUtf8(bytes)) throw new InputError(input, file, `is not UTF-8 text: save it as UTF-8, ${what}.`)
  return startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}
