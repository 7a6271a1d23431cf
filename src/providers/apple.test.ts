import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import AppleProvider from './apple.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  iss: 'https://appleid.apple.com',
  aud: 'com.example.web',
  exp: 1700003600,
  iat: 1700000000,
  sub: '001234.5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d.1234',
  nonce: 'n-0S6_WzA2Mj',
  c_hash: 'aBcD',
  email: 'x7k2p9@privaterelay.appleid.com',
  email_verified: true,
  is_private_email: true,
  auth_time: 1700000000,
  nonce_supported: true,
  user: {
    name: {
      firstName: 'Tim',
      lastName: 'Apple',
    },
    email: 'x7k2p9@privaterelay.appleid.com',
  },
}

describe('AppleProvider', () => {
  const provider = normalizeOAuthProvider(
    AppleProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('apple')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://appleid.apple.com')
    expect(provider.callbackPath).toBe('/api/auth/callback/apple')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '001234.5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d.1234',
      name: 'Tim Apple',
      email: 'x7k2p9@privaterelay.appleid.com',
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      AppleProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
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

describe('AppleProvider after the first sign-in', () => {
  it('has no name when the callback form carries no user field', async () => {
    const provider = normalizeOAuthProvider(
      AppleProvider({ clientId: 'id', clientSecret: 's' }),
      '/api/auth',
    )
    const later: Record<string, unknown> = { ...recorded }
    delete later.user
    const mapped = await provider.profile!(later as unknown as Profile, {})
    expect(mapped).toMatchObject({ name: null, email: 'x7k2p9@privaterelay.appleid.com' })
  })

  it('asks for a form_post response and posts its client secret', () => {
    const provider = normalizeOAuthProvider(
      AppleProvider({ clientId: 'id', clientSecret: 's' }),
      '/api/auth',
    )
    expect(provider.authorization).toEqual({
      params: { scope: 'name email', response_mode: 'form_post' },
    })
    expect(provider.client?.token_endpoint_auth_method).toBe('client_secret_post')
  })
})
