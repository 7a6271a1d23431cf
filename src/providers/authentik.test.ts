import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import AuthentikProvider from './authentik.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  sub: '4a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
  email: 'akadmin@example.com',
  email_verified: true,
  name: 'authentik Default Admin',
  given_name: 'authentik Default Admin',
  preferred_username: 'akadmin',
  nickname: 'akadmin',
  groups: ['authentik Admins'],
}

describe('AuthentikProvider', () => {
  const provider = normalizeOAuthProvider(
    AuthentikProvider({
      clientId: 'client-id',
      clientSecret: 'client-secret',
      issuer: 'https://authentik.example.com/application/o/webapp/',
    }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('authentik')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://authentik.example.com/application/o/webapp/')
    expect(provider.callbackPath).toBe('/api/auth/callback/authentik')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '4a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
      name: 'authentik Default Admin',
      email: 'akadmin@example.com',
      image: null,
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      AuthentikProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        issuer: 'https://authentik.example.com/application/o/webapp/',
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
