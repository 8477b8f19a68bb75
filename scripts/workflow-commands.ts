/**
 * A step's standard output as the runner shows it on the run page, for a terminal: @actions/core
 * writes workflow commands (`::error::…`, `::group::…`) with their text escaped (a newline is %0A, a
 * percent sign %25, so /getting%20started reads /getting%2520started), and the runner decodes them.
 * `npm run action` passes each line through here so that a person reads what a run page would show.
 */

/** The text of a command, decoded as the runner decodes it (toolkit's escapeData, reversed). */
export function decodeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** A command property's value (file=…, title=…), decoded (toolkit's escapeProperty, reversed). */
export function decodeProperty(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
}

const LABELS: Record<string, string> = { error: 'Error', warning: 'Warning', notice: 'Notice' }

/**
 * One line of the step's output as the run page shows it, or undefined for what it does not show
 * (`::debug::` unless step debug logging is on, `::endgroup::`, `::add-mask::`, `::set-output::` and
 * the like, which the runner acts on). Annotations read `Error: …` with their title, if any, first.
 */
export function renderLine(line: string, debug: boolean): string | undefined {
  const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line)
  if (!command) return line
  const [, name = '', properties = '', data = ''] = command
  const text = decodeData(data)
  if (name in LABELS) {
    const title = /(?:^|,)title=([^,]*)/.exec(properties)?.[1]
    return `${LABELS[name]}: ${title ? `${decodeProperty(title)}: ` : ''}${text}`
  }
  if (name === 'debug') return debug ? `Debug: ${text}` : undefined
  if (name === 'group') return `▸ ${text}`
  return undefined
}
