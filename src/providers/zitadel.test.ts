import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import ZitadelProvider from './zitadel.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  sub: '77776025198584418',
  name: 'Road Runner',
  given_name: 'Road',
  family_name: 'Runner',
  locale: 'de',
  updated_at: 1616417938,
  preferred_username: 'road.runner@acme.caos.ch',
  email: 'road.runner@acme.ch',
  email_verified: true,
}

describe('ZitadelProvider', () => {
  const provider = normalizeOAuthProvider(
    ZitadelProvider({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      issuer: 'https://acme-xyz.zitadel.cloud',
    }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('zitadel')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://acme-xyz.zitadel.cloud')
    expect(provider.callbackPath).toBe('/api/auth/callback/zitadel')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '77776025198584418',
      name: 'Road Runner',
      email: 'road.runner@acme.ch',
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      ZitadelProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        issuer: 'https://acme-xyz.zitadel.cloud',
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
