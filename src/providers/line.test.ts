import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import LineProvider from './line.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  iss: 'https://access.line.me',
  sub: 'U1234567890abcdef1234567890abcdef',
  aud: '1234567890',
  exp: 1504169092,
  iat: 1504263657,
  nonce: '0987654asdf',
  amr: ['pwd'],
  name: 'Taro Line',
  picture: 'https://sample_line.me/aBcdefg123456',
  email: 'taro.line@example.com',
}

describe('LineProvider', () => {
  const provider = normalizeOAuthProvider(
    LineProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('line')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://access.line.me')
    expect(provider.callbackPath).toBe('/api/auth/callback/line')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'U1234567890abcdef1234567890abcdef',
      name: 'Taro Line',
      email: 'taro.line@example.com',
      image: 'https://sample_line.me/aBcdefg123456',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      LineProvider({
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
