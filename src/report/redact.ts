// The variables the SDK reads credentials from. Their values never appear in what the action writes.
const SECRET_VARIABLES = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_WEB_IDENTITY_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
]

/** The variables a proxy is set by, as the runner reads them (lower case first). */
export const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const

/**
 * Removes credentials and signing material from text the action is about to print. The runner masks
 * registered secrets in the log, but not in step outputs or the job summary, and a signature error
 * from AWS quotes the canonical request, signed headers included.
 */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text
    .replace(
      /(The Canonical String for this request should have been|The String-to-Sign should have been)[\s\S]*/g,
      '$1 [redacted]'
    )
    .replace(/(Signature=|Credential=|Security-Token=)[^,;&\s"']+/g, '$1[redacted]')
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[redacted]')
  for (const name of SECRET_VARIABLES) {
    const value = env[name]
    if (value !== undefined && value.length >= 4) out = out.split(value).join('[redacted]')
  }
  // A proxy URL's password, wherever a message quotes it, also as the Basic credentials sent to the
  // proxy (a 407 page may echo its Proxy-Authorization); and any user:password@ in a URL.
  for (const name of PROXY_VARIABLES) {
    const value = env[name]
    const url = value && URL.canParse(value) ? new URL(value) : undefined
    const password = url ? decodeURIComponent(url.password) : ''
    if (password.length < 4 || url === undefined) continue
    const basic = Buffer.from(`${decodeURIComponent(url.username)}:${password}`).toString('base64')
    out = out.split(basic).join('[redacted]').split(password).join('[redacted]')
  }
  return out
    .replace(/\b((?:Proxy-)?Authorization:\s*(?:Basic|Bearer|AWS4-HMAC-SHA256)\s+)[^\s"'<]+/gi, '$1[redacted]')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@')
}
