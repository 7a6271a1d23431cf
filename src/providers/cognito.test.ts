import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import CognitoProvider from './cognito.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  email_verified: true,
  iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI',
  'cognito:username': 'janedoe',
  aud: '7example23456789',
  token_use: 'id',
  auth_time: 1700000000,
  exp: 1700003600,
  iat: 1700000000,
  email: 'janedoe@example.com',
}

describe('CognitoProvider', () => {
  const provider = normalizeOAuthProvider(
    CognitoProvider({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI',
    }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('cognito')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI')
    expect(provider.callbackPath).toBe('/api/auth/callback/cognito')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      name: 'janedoe',
      email: 'janedoe@example.com',
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      CognitoProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI',
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
