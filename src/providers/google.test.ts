import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import GoogleProvider from './google.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  iss: 'https://accounts.google.com',
  azp: '1234987819200.apps.googleusercontent.com',
  aud: '1234987819200.apps.googleusercontent.com',
  sub: '10769150350006150715113082367',
  hd: 'example.com',
  email: 'jsmith@example.com',
  email_verified: true,
  at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
  name: 'Jane Smith',
  picture: 'https://lh3.googleusercontent.com/a/ACg8ocJ-sample=s96-c',
  given_name: 'Jane',
  family_name: 'Smith',
  iat: 1353601026,
  exp: 1353604926,
}

describe('GoogleProvider', () => {
  const provider = normalizeOAuthProvider(
    GoogleProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('google')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://accounts.google.com')
    expect(provider.callbackPath).toBe('/api/auth/callback/google')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '10769150350006150715113082367',
      name: 'Jane Smith',
      email: 'jsmith@example.com',
      image: 'https://lh3.googleusercontent.com/a/ACg8ocJ-sample=s96-c',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      GoogleProvider({
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
