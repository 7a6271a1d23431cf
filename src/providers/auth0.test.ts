import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import Auth0Provider from './auth0.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  sub: 'auth0|5f7c8ec7c33c6c004bbafe82',
  nickname: 'jdoe',
  name: 'jdoe@example.com',
  picture:
    'https://s.gravatar.com/avatar/abc123?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fjd.png',
  updated_at: '2024-05-01T12:00:00.000Z',
  email: 'jdoe@example.com',
  email_verified: true,
}

describe('Auth0Provider', () => {
  const provider = normalizeOAuthProvider(
    Auth0Provider({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      issuer: 'https://dev-example.us.auth0.com/',
    }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('auth0')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://dev-example.us.auth0.com/')
    expect(provider.callbackPath).toBe('/api/auth/callback/auth0')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'auth0|5f7c8ec7c33c6c004bbafe82',
      name: 'jdoe@example.com',
      email: 'jdoe@example.com',
      image:
        'https://s.gravatar.com/avatar/abc123?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fjd.png',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      Auth0Provider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        issuer: 'https://dev-example.us.auth0.com/',
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
