import { describe, expect, it } from '@jest/globals'
import { deriveCallerReference, overrideCallerReference } from '../src/requests/caller-reference.js'
import { DEFAULT_CONTEXT } from '../__fixtures__/runner.js'
import { githubRunContext, localRunContext } from '../src/requests/run-context.js'
import type { Target } from '../src/targets.js'

const target = { kind: 'distribution' as const, id: 'EDFDVBD632BHDS5' }
const paths = ['/index.html', '/assets/*']
const ref = (overrides: Partial<typeof DEFAULT_CONTEXT> = {}, t: Target = target, p = paths) =>
  deriveCallerReference({ ...DEFAULT_CONTEXT, ...overrides }, t, p)

describe('deriveCallerReference', () => {
  it('is readable: short SHA, run id, attempt, then a hash', () => {
    expect(ref()).toMatch(/^3f78685-1658821493-1-[0-9a-f]{16}$/)
  })

  it('is the same for the same request in the same attempt, whatever the path order', () => {
    expect(ref()).toBe(ref())
    expect(ref({}, target, [...paths].reverse())).toBe(ref())
  })

  it.each([
    ['another attempt', () => ref({ runAttempt: '2' })],
    ['another run on the same SHA', () => ref({ runId: '1658821494' })],
    ['another SHA', () => ref({ sha: 'aaaaaaa850e387550fdab836ed7e6dc881de2300' })],
    ['another job', () => ref({ job: 'deploy-eu' })],
    ['another step', () => ref({ action: '__acme_cloudfront-invalidate_2' })],
    ['another distribution', () => ref({}, { kind: 'distribution', id: 'E2QWRUHAPOMQZL' })],
    ['a tenant of the same id', () => ref({}, { kind: 'tenant', id: 'EDFDVBD632BHDS5' })],
    ['another set of paths', () => ref({}, target, ['/index.html'])]
  ])('changes with %s', (_what, other) => {
    expect(other()).not.toBe(ref())
  })

  it('outside GitHub Actions, each process gets its own', () => {
    expect(deriveCallerReference(localRunContext(), target, paths)).not.toBe(
      deriveCallerReference(localRunContext(), target, paths)
    )
  })
})

describe('overrideCallerReference', () => {
  it('is the value itself for one request and numbered for several', () => {
    expect(overrideCallerReference('r', 0, 1)).toBe('r')
    expect([0, 1, 2].map(i => overrideCallerReference('r', i, 3))).toEqual(['r-1', 'r-2', 'r-3'])
  })
})

describe('githubRunContext', () => {
  it('reads the runner variables, with missing ones empty rather than undefined', () => {
    expect(githubRunContext({ GITHUB_SHA: 'abc1234def', GITHUB_RUN_ID: '9' })).toEqual({
      sha: 'abc1234def',
      runId: '9',
      runAttempt: '1',
      job: '',
      action: ''
    })
    expect(ref()).toMatch(/^3f78685-/)
    expect(deriveCallerReference(githubRunContext({ GITHUB_SHA: 'abc1234def' }), target, paths)).toMatch(
      /^abc1234--1-[0-9a-f]{16}$/
    )
  })

  it('falls back to a unique local context outside GitHub Actions', () => {
    expect(githubRunContext({}).sha).toBe('local00')
  })
})
