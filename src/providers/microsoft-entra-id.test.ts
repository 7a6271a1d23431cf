import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import MicrosoftEntraIDProvider from './microsoft-entra-id.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  aud: '6cb04018-a3f5-46a7-b995-940c78f5aef3',
  iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
  iat: 1536361411,
  nbf: 1536361411,
  exp: 1536365311,
  name: 'Abe Lincoln',
  oid: '00000000-0000-0000-66f3-3332eca7ea81',
  preferred_username: 'AbeLi@microsoft.com',
  sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
  tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  ver: '2.0',
}

describe('MicrosoftEntraIDProvider', () => {
  const provider = normalizeOAuthProvider(
    MicrosoftEntraIDProvider({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('microsoft-entra-id')
    expect(provider.type).toBe('oidc')
    expect(provider.wellKnown).toBe(
      'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/.well-known/openid-configuration',
    )
    expect(provider.callbackPath).toBe('/api/auth/callback/microsoft-entra-id')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      name: 'Abe Lincoln',
      email: 'AbeLi@microsoft.com',
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      MicrosoftEntraIDProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
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

describe('MicrosoftEntraIDProvider tenants', () => {
  it.each([undefined, 'common', 'organizations', 'consumers'])(
    'refuses tenant %s, whose ID tokens cannot be checked against one issuer',
    (tenantId) => {
      expect(() =>
        MicrosoftEntraIDProvider({ clientId: 'id', clientSecret: 's', tenantId }),
      ).toThrow(/tenantId/)
    },
  )

  it('accepts a full issuer instead of a tenant', () => {
    const issuer = 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0'
    const provider = normalizeOAuthProvider(
      MicrosoftEntraIDProvider({ clientId: 'id', clientSecret: 's', issuer }),
      '/api/auth',
    )
    expect(provider.issuer).toBe(issuer)
    expect(provider.wellKnown).toBeUndefined()
  })
})
