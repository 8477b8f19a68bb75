/** A bad input: found before any request is made. The message names the input and the value. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    value: string,
    problem: string
  ) {
    super(`Input "${input}": ${describeValue(value)} ${problem}`)
    this.name = 'InputError'
  }
}

/** A distribution named by domain or tags that could not be found, or a lookup CloudFront refused. */
export class LookupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LookupError'
  }
}

/** Shows a value in an error message: quoted, control characters visible, long values cut. */
export function describeValue(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 60)}… (${value.length} characters)` : value
  // C0, DEL and C1 controls, line separators and bidirectional overrides: shown, never obeyed.
  return `"${shown.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`
}

/**
 * The text of anything thrown. A non-Error throw (a string, an object from a callback) is kept,
 * never swallowed into "undefined".
 */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message
  if (typeof thrown === 'string') return thrown
  try {
    return `non-Error thrown: ${JSON.stringify(thrown)}`
  } catch {
    return `non-Error thrown: ${String(thrown)}`
  }
}
