import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import BattleNetProvider from './battlenet.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  iss: 'https://oauth.battle.net',
  aud: 'e3d9b3b6b3c94f0f',
  sub: '123456789',
  exp: 1700086400,
  iat: 1700000000,
  battle_tag: 'Player#1234',
  id: 123456789,
}

describe('BattleNetProvider', () => {
  const provider = normalizeOAuthProvider(
    BattleNetProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('battlenet')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://oauth.battle.net')
    expect(provider.callbackPath).toBe('/api/auth/callback/battlenet')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '123456789',
      name: 'Player#1234',
      email: null,
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      BattleNetProvider({
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
