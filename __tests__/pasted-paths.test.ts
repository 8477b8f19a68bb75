/**
 * Paths as people paste them: the shapes read as meant are sent as the paths meant, with one line of the
 * log saying how they were read (the shapes refused are rows of bad-inputs.test.ts).
 */
import { describe, expect, it } from '@jest/globals'
import { runInProcess } from '../__fixtures__/action-harness.js'

const DIST = 'EDFDVBD632BHDS5'

async function sent(paths: string) {
  const result = await runInProcess({ 'distribution-id': DIST, paths, 'index-document': '' })
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBeUndefined()
  const items = result.api.created.flatMap(i => i.items)
  const notes = result.stdout.split('\n').filter(line => line.startsWith('paths: '))
  const warnings = result.stdout.split('\n').filter(line => line.startsWith('::warning::'))
  return { items, notes, warnings }
}

describe('pasted paths', () => {
  it('a JSON array of strings is the list, said once in the log', async () => {
    const { items, notes, warnings } = await sent('["/index.html","/about.html", "/a b.html"]')
    expect(items).toEqual(['/index.html', '/about.html', '/a%20b.html'])
    expect(notes).toEqual(['paths: read as a JSON array of 3 paths ("/index.html", "/about.html", "/a b.html").'])
    expect(warnings).toEqual([])
  })

  it('a JSON array over several lines of a block', async () => {
    const { items, notes } = await sent('[\n  "/index.html",\n  "/about.html"\n]')
    expect(items).toEqual(['/index.html', '/about.html'])
    expect(notes).toHaveLength(1)
  })

  it('an item of a JSON array that is no path is refused at its own line', async () => {
    const result = await runInProcess({ 'distribution-id': DIST, paths: '[\n  "/index.html",\n  "./about.html"\n]' })
    expect(result.api.calls).toEqual([])
    expect(result.errors).toEqual([
      'Input "paths": "./about.html" (paths line 3) is relative to a folder; paths are URL paths from the site\'s root: give /about.html.'
    ])
  })

  it('quotes around items are taken off, and the log says which', async () => {
    const { items, notes, warnings } = await sent(`"/index.html", '/about.html' /contact.html`)
    expect(items).toEqual(['/index.html', '/about.html', '/contact.html'])
    expect(notes).toEqual([
      'paths: the quotes around 2 items were taken off (line 1: ""/index.html"" read as "/index.html").'
    ])
    // Quoted pieces after a space are paths of their own, not a path split at its space.
    expect(warnings).toEqual([])
  })

  it('a YAML list pasted into a block: the "- " of each line is taken off', async () => {
    const { items, notes, warnings } = await sent('- /index.html\n- "/about.html"\n/contact.html')
    expect(items).toEqual(['/index.html', '/about.html', '/contact.html'])
    expect(notes).toEqual([
      'paths: 2 lines were read as YAML list items, the leading "- " taken off (lines 1, 2).',
      'paths: the quotes around 1 item were taken off (line 2: ""/about.html"" read as "/about.html").'
    ])
    expect(warnings).toEqual([])
  })

  it('paths as they always were get no such line', async () => {
    const { items, notes } = await sent('/index.html, /about.html\n/x-y.html')
    expect(items).toEqual(['/index.html', '/about.html', '/x-y.html'])
    expect(notes).toEqual([])
  })

  it("a name in brackets is a path, not a list (a dynamic route's file)", async () => {
    expect((await sent('[slug]')).items).toEqual(['/%5Bslug%5D'])
    expect((await sent('[slug].html /blog/[id]/index.html')).items).toEqual([
      '/%5Bslug%5D.html',
      '/blog/%5Bid%5D/index.html'
    ])
  })
})
