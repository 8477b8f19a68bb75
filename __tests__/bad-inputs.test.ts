/**
 * Every bad input fails before any request, with one message that names the input and the value.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInProcess } from '../__fixtures__/action-harness.js'
import { ROOT } from '../__fixtures__/runner.js'

const dir = mkdtempSync(join(tmpdir(), 'bad-inputs-'))
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
mkdirSync(join(dir, 'a-directory'))
// Special files: a named pipe nobody writes to (reading it would block for ever) and a listening socket.
const fifo = join(dir, 'a-fifo')
execFileSync('mkfifo', [fifo])
const socket = join(dir, 'a-socket')
const socketServer = createServer().listen(socket)
afterAll(() => {
  socketServer.close()
})
// A sync log past the bound, sparse: its size says so without a byte written.
const huge = join(dir, 'huge.log')
writeFileSync(huge, '')
truncateSync(huge, 256 * 1024 * 1024 + 1)

const OK = { 'distribution-id': 'EDFDVBD632BHDS5', paths: '/index.html' }

// [what, inputs over OK, the input named, text the message must contain]
const cases: [string, Record<string, string>, string, string][] = [
  ['empty distribution id', { 'distribution-id': '' }, 'distribution-id', 'is empty'],
  ['only separators as distribution id', { 'distribution-id': ' , \n' }, 'distribution-id', 'is empty'],
  ['lower-case distribution id', { 'distribution-id': 'edfdvbd632bhds5' }, 'distribution-id', '(IDs are upper case)'],
  [
    'distribution id with punctuation',
    { 'distribution-id': 'EDFDVBD632BHDS5!' },
    'distribution-id',
    '"EDFDVBD632BHDS5!"'
  ],
  ['distribution id with ../', { 'distribution-id': '../EDFDVBD632' }, 'distribution-id', '"../EDFDVBD632"'],
  ['distribution id with ?', { 'distribution-id': 'EDFDVBD632?x=1' }, 'distribution-id', '"EDFDVBD632?x=1"'],
  [
    'distribution id with a slash',
    { 'distribution-id': 'EDFDVBD632/invalidation' },
    'distribution-id',
    'EDFDVBD632/invalidation'
  ],
  ['too short distribution id', { 'distribution-id': 'E12' }, 'distribution-id', '"E12"'],
  [
    'distribution ARN instead of id',
    { 'distribution-id': 'arn:aws:cloudfront::123456789012:distribution/EDFDVBD632BHDS5' },
    'distribution-id',
    'arn:aws:cloudfront'
  ],
  [
    'distribution listed twice',
    { 'distribution-id': 'EDFDVBD632BHDS5 EDFDVBD632BHDS5' },
    'distribution-id',
    'is listed twice'
  ],
  [
    'bad tenant id',
    { 'distribution-id': '', 'distribution-tenant-id': 'tenant-1' },
    'distribution-tenant-id',
    '"tenant-1"'
  ],
  ['wait: yes', { wait: 'yes' }, 'wait', '"yes" is not a boolean'],
  ['wait: 1', { wait: '1' }, 'wait', '"1" is not a boolean'],
  ['wait: tRUE', { wait: 'tRUE' }, 'wait', '"tRUE" is not a boolean'],
  ['wait empty', { wait: '' }, 'wait', 'Input required and not supplied: wait'],
  ['dry-run: no', { 'dry-run': 'no' }, 'dry-run', '"no" is not a boolean'],
  ['wait-timeout 0', { 'wait-timeout': '0' }, 'wait-timeout', '"0" is not a whole number of seconds from 1 to 21600'],
  ['wait-timeout -1', { 'wait-timeout': '-1' }, 'wait-timeout', '"-1"'],
  ['wait-timeout 1e9', { 'wait-timeout': '1e9' }, 'wait-timeout', '"1e9"'],
  ['wait-timeout abc', { 'wait-timeout': 'abc' }, 'wait-timeout', '"abc"'],
  ['wait-timeout 10s', { 'wait-timeout': '10s' }, 'wait-timeout', '"10s"'],
  ['wait-timeout 1.5', { 'wait-timeout': '1.5' }, 'wait-timeout', '"1.5"'],
  ['wait-timeout past a day', { 'wait-timeout': '100000' }, 'wait-timeout', '"100000"'],
  ['max-paths 0', { 'max-paths': '0' }, 'max-paths', '"0" is not a whole number'],
  ['max-paths many', { 'max-paths': 'many' }, 'max-paths', '"many"'],
  ['path with * in the middle', { paths: '/a/*/b' }, 'paths', '"/a/*/b" (paths line 1) has "*" before its end'],
  ['path with two *', { paths: '/a**' }, 'paths', '"/a**"'],
  ['over-long path', { paths: `/${'x'.repeat(4000)}` }, 'paths', 'CloudFront takes at most 4000'],
  [
    'path growing past 4000 once encoded',
    { paths: `/${'\u00e9'.repeat(1000)}` },
    'paths',
    'characters long once encoded'
  ],
  ['over-long cache tag', { paths: `#${'t'.repeat(256)}` }, 'paths', 'cache tag of 257 characters'],
  ['empty cache tag', { paths: '#' }, 'paths', 'empty cache tag'],
  [
    'NUL byte in paths-file',
    { paths: '', 'paths-file': file('nul.txt', '/a\u0000b\n') },
    'paths-file',
    'control character at position 3'
  ],
  ['control character', { paths: '/a\u0007b' }, 'paths', 'control character'],
  ['missing paths-file', { 'paths-file': join(dir, 'nope.txt') }, 'paths-file', 'cannot be read'],
  [
    'paths-file is a directory',
    { 'paths-file': join(dir, 'a-directory') },
    'paths-file',
    'is a directory, not a regular file'
  ],
  ['paths-file is a named pipe', { 'paths-file': fifo }, 'paths-file', 'is a named pipe (FIFO), not a regular file'],
  ['paths-file is a socket', { 'paths-file': socket }, 'paths-file', 'is a socket, not a regular file'],
  [
    'paths-file is a device',
    { 'paths-file': '/dev/zero' },
    'paths-file',
    '"/dev/zero" is a device, not a regular file'
  ],
  [
    'paths-file of quoted lines (jq without -r)',
    { paths: '', 'paths-file': file('quoted.txt', '"/index.html"\n"/about.html"\n') },
    'paths-file',
    'line 1) is in quotes: give the path without them (/index.html)'
  ],
  [
    'paths-file of YAML list items',
    { paths: '', 'paths-file': file('yaml.txt', '- /index.html\n') },
    'paths-file',
    'is a YAML list item: give the path alone (/index.html).'
  ],
  [
    'paths-file with ./',
    { paths: '', 'paths-file': file('dot.txt', '/a.html\n./index.html\n') },
    'paths-file',
    "line 2) is relative to a folder; paths are URL paths from the site's root: give /index.html."
  ],
  [
    'paths-file with backslashes',
    { paths: '', 'paths-file': file('windows.txt', '\\assets\\app.css\r\n') },
    'paths-file',
    'holds a backslash; URL paths are separated by "/": give /assets/app.css'
  ],
  [
    'paths-file holding a JSON array',
    { paths: '', 'paths-file': file('array.json', '["/index.html","/about.html"]\n') },
    'paths-file',
    'is a bracketed list: give one path per line'
  ],
  [
    './ in paths',
    { paths: './index.html' },
    'paths',
    '"./index.html" (paths line 1) is relative to a folder; paths are URL paths from the site\'s root: give /index.html.'
  ],
  [
    'backslashes in paths',
    { paths: '\\assets\\app.css' },
    'paths',
    '"\\assets\\app.css" (paths line 1) holds a backslash; URL paths are separated by "/": give /assets/app.css'
  ],
  ['a backslash inside a path', { paths: '/assets\\app.css' }, 'paths', 'give /assets/app.css'],
  [
    'a quoted list in paths',
    { paths: '"/index.html /about.html"' },
    'paths',
    '""/index.html /about.html"" (paths line 1) holds spaces or commas inside its quotes: if they separate paths, drop the quotes (/index.html /about.html); if it is one path, drop the quotes and write each space as %20 and each comma as %2C (/index.html%20/about.html).'
  ],
  [
    'a Python list in paths',
    { paths: "['/index.html', '/about.html']" },
    'paths',
    'is in brackets but is not a JSON array of strings: write one path per line, or a JSON array such as ["/index.html","/about.html"]'
  ],
  [
    'a JSON array of numbers in paths',
    { paths: '[1, 2]' },
    'paths',
    'is in brackets but is not a JSON array of strings'
  ],
  [
    'an unmatched quote in paths',
    { paths: '"/index.html /about.html' },
    'paths',
    '""/index.html" (paths line 1) starts with a quote: give the path without it (/index.html)'
  ],
  ['empty quotes in paths', { paths: '""' }, 'paths', '"""" (paths line 1) is a pair of quotes with no path in it'],
  ['an empty JSON array in paths', { paths: '[]' }, 'paths', '"[]" is a JSON array without a path'],
  [
    'a JSON array on one line of several',
    { paths: '/a.html\n["/index.html"]' },
    'paths',
    '"["/index.html"]" (paths line 2) is a bracketed list'
  ],
  ['empty paths-file', { 'paths-file': file('empty.txt', '\n \n') }, 'paths-file', 'has no paths'],
  [
    'paths-file not UTF-8',
    { 'paths-file': file('latin1.txt', Buffer.from([0x2f, 0x63, 0x61, 0x66, 0xe9, 0x0a])) },
    'paths-file',
    'is not UTF-8'
  ],
  [
    'cache tag with comma in paths-file',
    { 'paths-file': file('tag.txt', '#a,b\n') },
    'paths-file',
    'not a valid cache tag'
  ],
  [
    'URL in paths',
    { paths: 'https://www.example.com/index.html' },
    'paths',
    '"https://www.example.com/index.html" (paths line 1) is a URL, not a path: give its path only (/index.html).'
  ],
  [
    'directory URL in paths-file',
    { paths: '', 'paths-file': file('urls.txt', '/about.html\nhttp://www.example.com/docs/?lang=en\n') },
    'paths-file',
    'line 2) is a URL, not a path: give its path only (/docs/?lang=en).'
  ],
  ['URL of another scheme in paths', { paths: 's3://bucket/index.html' }, 'paths', 'is a URL, not a path'],
  [
    'real sync log as paths-file',
    { paths: '', 'paths-file': join(ROOT, '__fixtures__', 'aws-s3-sync', 'first-sync.log') },
    'paths-file',
    'holds aws s3 output, not paths (line 1: "upload: site/404.html to s3://my-site-bucket/404.html"): give it as sync-log'
  ],
  [
    'empty-ish caller-reference (space inside)',
    { 'caller-reference': 'my ref' },
    'caller-reference',
    '"my ref" is not a usable CallerReference'
  ],
  ['absurdly long caller-reference', { 'caller-reference': 'r'.repeat(129) }, 'caller-reference', '(129 characters)'],
  [
    'non-ASCII caller-reference',
    { 'caller-reference': 'd\u00e9ploy' },
    'caller-reference',
    'not a usable CallerReference'
  ],
  ['aws-region with a URL', { 'aws-region': 'us-east-1.evil.example/x' }, 'aws-region', '"us-east-1.evil.example/x"'],
  ['empty aws-region', { 'aws-region': '' }, 'aws-region', 'Input required and not supplied: aws-region'],
  ['missing sync-log', { 'sync-log': join(dir, 'sync.log') }, 'sync-log', 'cannot be read'],
  [
    'sync-log as a comma-separated list',
    { 'sync-log': `${join(dir, 'a.log')},${join(dir, 'b.log')}` },
    'sync-log',
    'sync-log takes one file per line, not a comma-separated list.'
  ],
  [
    'paths-file as a comma-separated list',
    { 'paths-file': `${join(dir, 'a.txt')}, ${join(dir, 'b.txt')}` },
    'paths-file',
    'paths-file takes one file; put the paths in it one per line.'
  ],
  [
    'sync-log is a directory',
    { 'sync-log': join(dir, 'a-directory') },
    'sync-log',
    'is a directory, not a regular file'
  ],
  ['sync-log is a named pipe', { 'sync-log': fifo }, 'sync-log', 'is a named pipe (FIFO), not a regular file'],
  ['sync-log is a device', { 'sync-log': '/dev/null' }, 'sync-log', '"/dev/null" is a device, not a regular file'],
  [
    'sync-log past 256 MiB',
    { 'sync-log': huge },
    'sync-log',
    'is 268,435,457 bytes; the action reads at most 256 MiB: split it over several steps (one sync-log each)'
  ],
  [
    'sync-log not UTF-8',
    { 'sync-log': file('latin1.log', Buffer.from('upload: caf\xe9 to s3://b/caf\xe9\n', 'latin1')) },
    'sync-log',
    'is not UTF-8 text'
  ],
  [
    'sync-log that is a paths-file',
    { 'sync-log': file('not-a-log.txt', '/index.html\n/about.html\n') },
    'sync-log',
    'holds no line of aws s3 output'
  ],
  [
    'sync-log naming two buckets',
    { 'sync-log': file('two.log', 'upload: a to s3://one/a\ndelete: s3://two/b\n') },
    'sync-log',
    '2 buckets (one, two)'
  ],
  [
    'origin-path as a bucket URL',
    { 'sync-log': file('ok.log', 'upload: a to s3://b/prod/a\n'), 'origin-path': 's3://b/prod' },
    'origin-path',
    '"s3://b/prod" is a URL'
  ],
  [
    'origin-path with a wildcard',
    { 'sync-log': file('ok2.log', 'upload: a to s3://b/prod/a\n'), 'origin-path': '/prod/*' },
    'origin-path',
    '"/prod/*" is not an origin path'
  ],
  ['origin-path without sync-log', { 'origin-path': '/prod' }, 'origin-path', 'no sync-log is given'],
  ['index-document with a slash', { 'index-document': 'blog/index.html' }, 'index-document', 'is not a file name'],
  ['index-document wildcard', { 'index-document': '*.html' }, 'index-document', 'is not a file name'],
  ['missing site-dir', { 'site-dir': join(dir, 'public'), 'max-paths': '10' }, 'site-dir', 'cannot be read'],
  [
    'site-dir is the filesystem root',
    { 'site-dir': '/', 'max-paths': '1', paths: '/a /b' },
    'site-dir',
    '"/" is the root of the filesystem (/): give the folder the deploy uploaded'
  ],
  [
    'site-dir that resolves to the root',
    { 'site-dir': `${dir}/../../../../../../../..`, 'max-paths': '1', paths: '/a /b' },
    'site-dir',
    'is the root of the filesystem (/)'
  ],
  [
    'site-dir is a file',
    { 'site-dir': file('site.txt', 'x'), 'max-paths': '10' },
    'site-dir',
    'is a file, not a folder'
  ],
  [
    'site-dir without max-paths or verify',
    { 'site-dir': join(dir, 'a-directory') },
    'site-dir',
    'neither max-paths nor verify is set'
  ],
  ['site-url without verify', { 'site-url': 'https://www.example.com' }, 'site-url', 'verify is not true'],
  ['site-url not a URL', { verify: 'true', 'site-url': 'www.example.com' }, 'site-url', 'is not an http or https URL'],
  [
    'site-url with a query string',
    { verify: 'true', 'site-url': 'https://www.example.com/?preview=1' },
    'site-url',
    'holds a query string or fragment'
  ],
  ['verify not a boolean', { verify: 'yes please' }, 'verify', 'is not a boolean'],
  [
    'distribution-id as a URL',
    { 'distribution-id': 'https://www.example.com/' },
    'distribution-id',
    'is a URL, not a domain name'
  ],
  ['distribution-id as a wildcard', { 'distribution-id': '*.example.com' }, 'distribution-id', 'is a wildcard'],
  [
    'distribution-id neither ID nor domain',
    { 'distribution-id': 'www..example.com' },
    'distribution-id',
    'is neither a distribution ID'
  ],
  ['domain listed twice', { 'distribution-id': 'www.example.com WWW.example.com.' }, 'distribution-id', 'listed twice'],
  ['distribution-tags without =', { 'distribution-tags': 'Environment' }, 'distribution-tags', 'is not a tag'],
  ['distribution-tags without a key', { 'distribution-tags': '=staging' }, 'distribution-tags', 'is not a tag'],
  [
    'distribution-tags with a key twice',
    { 'distribution-tags': 'Env=a\nEnv=b' },
    'distribution-tags',
    'names the key Env twice'
  ],
  [
    'nothing to invalidate',
    { 'distribution-id': '', 'distribution-tags': ' \n ' },
    'distribution-id',
    'give at least one distribution ID or domain name'
  ]
]

describe('bad inputs', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30))

  it.each(cases)('%s', async (_what, inputs, input, text) => {
    const result = await runInProcess({ ...OK, ...inputs })
    expect(result.api.calls).toEqual([])
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(text)
    if (!text.startsWith('Input required')) expect(result.errors[0]).toMatch(new RegExp(`^Input "${input}": `))
    expect(result.exitCode).toBe(1)
    // Every group the log opened is closed, and none is closed that was not opened.
    const lines = result.stdout.split('\n')
    expect(lines.filter(line => line === '::endgroup::')).toHaveLength(
      lines.filter(line => line.startsWith('::group::')).length
    )
  })
})
