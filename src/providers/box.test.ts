import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import BoxProvider from './box.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  id: '11446498',
  type: 'user',
  address: '900 Jefferson Ave, Redwood City, CA 94063',
  avatar_url: 'https://www.box.com/api/avatar/large/181216415',
  created_at: '2012-12-12T10:53:43-08:00',
  job_title: 'CEO',
  language: 'en',
  login: 'ceo@example.com',
  max_upload_size: 2147483648,
  modified_at: '2012-12-12T10:53:43-08:00',
  name: 'Aaron Levie',
  status: 'active',
  timezone: 'Africa/Bujumbura',
}

describe('BoxProvider', () => {
  const provider = normalizeOAuthProvider(
    BoxProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('box')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://account.box.com/api/oauth2/authorize')
    expect(endpointUrl(provider.token)).toBe('https://api.box.com/oauth2/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.box.com/2.0/users/me')
    expect(provider.callbackPath).toBe('/api/auth/callback/box')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '11446498',
      name: 'Aaron Levie',
      email: 'ceo@example.com',
      image: 'https://www.box.com/api/avatar/large/181216415',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      BoxProvider({
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
