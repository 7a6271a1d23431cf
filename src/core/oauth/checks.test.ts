import { describe, expect, it } from 'vitest'
import { OAuthCallbackError } from '../errors.js'
import { encode } from '../session/jwt.js'
import type { OAuthConfig } from '../types.js'
import { consumeChecks, storeCheck } from './checks.js'
import { TEST_SECRET, testContext } from './test-context.js'

const corp = {
  id: 'corp',
  name: 'Corp',
  type: 'oidc',
  issuer: 'https://sso.corp.example',
  clientId: 'client',
  clientSecret: 'secret',
} satisfies OAuthConfig
const other = { ...corp, id: 'other' }

function sealedCookies(values: Record<string, string>, providerId = 'corp') {
  const { ctx, provider } = testContext({ providers: [corp, other] }, providerId)
  for (const [check, value] of Object.entries(values)) {
    storeCheck(ctx, provider, check as 'pkce' | 'state' | 'nonce', value)
  }
  return Object.fromEntries(ctx.setCookies.map((cookie) => [cookie.name, cookie.value]))
}

const all = { pkce: 'verifier-1', state: 'state-1', nonce: 'nonce-1' }

describe('consumeChecks', () => {
  it('returns the sealed values and deletes every check cookie', () => {
    const cookies = sealedCookies(all)
    const { ctx, provider } = testContext({ providers: [corp, other] }, 'corp', { cookies })
    expect(consumeChecks(ctx, provider)).toEqual(all)
    expect(ctx.setCookies.map((c) => [c.name, c.value, c.options.maxAge])).toEqual([
      ['next-auth.pkce.code_verifier', '', 0],
      ['next-auth.state', '', 0],
      ['next-auth.nonce', '', 0],
    ])
  })

  it.each(['next-auth.pkce.code_verifier', 'next-auth.state', 'next-auth.nonce'])(
    'fails without %s, and still deletes the others',
    (missing) => {
      const cookies = Object.fromEntries(
        Object.entries(sealedCookies(all)).filter(([name]) => name !== missing),
      )
      const { ctx, provider } = testContext({ providers: [corp, other] }, 'corp', { cookies })
      expect(() => consumeChecks(ctx, provider)).toThrow(OAuthCallbackError)
      expect(ctx.setCookies).toHaveLength(2)
      expect(ctx.setCookies.every((c) => c.options.maxAge === 0)).toBe(true)
    },
  )

  it('fails for a cookie sealed for another provider', () => {
    const cookies = sealedCookies(all, 'other')
    const { ctx, provider } = testContext({ providers: [corp, other] }, 'corp', { cookies })
    expect(() => consumeChecks(ctx, provider)).toThrow(/belongs to another provider/)
  })

  it('fails for a cookie moved to another check', () => {
    const cookies = sealedCookies(all)
    cookies['next-auth.nonce'] = cookies['next-auth.state']!
    const { ctx, provider } = testContext({ providers: [corp, other] }, 'corp', { cookies })
    expect(() => consumeChecks(ctx, provider)).toThrow(/nonce cookie is expired or was altered/)
  })

  it('fails for an expired cookie, one sealed with another secret, and garbage', () => {
    const cases = [
      encode({
        token: { value: 'v', provider: 'corp' },
        secret: TEST_SECRET,
        maxAge: -60,
        salt: 'next-auth.state',
      }),
      encode({
        token: { value: 'v', provider: 'corp' },
        secret: 'another-secret-of-another-app-0123',
        salt: 'next-auth.state',
      }),
      'not-a-token',
    ]
    for (const state of cases) {
      const cookies = { ...sealedCookies(all), 'next-auth.state': state }
      const { ctx, provider } = testContext({ providers: [corp, other] }, 'corp', { cookies })
      expect(() => consumeChecks(ctx, provider)).toThrow(/state cookie is expired or was altered/)
    }
  })

  it('reads only the checks the provider uses', () => {
    const cookies = sealedCookies({ state: 'only-state' })
    const { ctx, provider } = testContext({ providers: [{ ...corp, checks: ['state'] }] }, 'corp', {
      cookies,
    })
    expect(consumeChecks(ctx, provider)).toEqual({ state: 'only-state' })
  })
})
