import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import OktaProvider from './okta.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  sub: '00uid4BxXw6I6TV4m0g3',
  name: 'John Doe',
  nickname: 'Jimmy',
  given_name: 'John',
  family_name: 'Doe',
  preferred_username: 'john.doe@example.com',
  email: 'john.doe@example.com',
  email_verified: true,
  locale: 'en-US',
  zoneinfo: 'America/Los_Angeles',
  updated_at: 1311280970,
}

describe('OktaProvider', () => {
  const provider = normalizeOAuthProvider(
    OktaProvider({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      issuer: 'https://dev-123456.okta.com/oauth2/default',
    }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('okta')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://dev-123456.okta.com/oauth2/default')
    expect(provider.callbackPath).toBe('/api/auth/callback/okta')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '00uid4BxXw6I6TV4m0g3',
      name: 'John Doe',
      email: 'john.doe@example.com',
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      OktaProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        issuer: 'https://dev-123456.okta.com/oauth2/default',
        profile: () => ({ id: 'custom', role: 'admin' }),
      }),
      '/api/auth',
    )
    expect(await custom.profile!(recorded as unknown as Profile, {})).toEqual({
      id: 'custom',
      role: 'admin',
    })
    expect(custom.authorization).toEqual(provider.authorization)
  })
})
