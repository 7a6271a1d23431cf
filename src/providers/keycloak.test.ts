import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import KeycloakProvider from './keycloak.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  exp: 1700000300,
  iat: 1700000000,
  auth_time: 1700000000,
  jti: '0f9c2a3b',
  iss: 'https://sso.example.com/realms/acme',
  aud: 'webapp',
  sub: 'f1e2d3c4-b5a6-4789-8abc-def012345678',
  typ: 'ID',
  azp: 'webapp',
  session_state: '4a5b6c7d',
  email_verified: true,
  preferred_username: 'mmustermann',
  given_name: 'Max',
  family_name: 'Mustermann',
  email: 'max@example.com',
}

describe('KeycloakProvider', () => {
  const provider = normalizeOAuthProvider(
    KeycloakProvider({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      issuer: 'https://sso.example.com/realms/acme',
    }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('keycloak')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://sso.example.com/realms/acme')
    expect(provider.callbackPath).toBe('/api/auth/callback/keycloak')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'f1e2d3c4-b5a6-4789-8abc-def012345678',
      name: 'mmustermann',
      email: 'max@example.com',
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      KeycloakProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        issuer: 'https://sso.example.com/realms/acme',
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
