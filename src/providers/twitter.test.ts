import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import TwitterProvider from './twitter.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  data: {
    id: '2244994945',
    name: 'Developers',
    username: 'XDevelopers',
    profile_image_url:
      'https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg',
  },
}

describe('TwitterProvider', () => {
  const provider = normalizeOAuthProvider(
    TwitterProvider({ clientId: 'client-id', clientSecret: 'client-secret', version: '2.0' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('twitter')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://x.com/i/oauth2/authorize')
    expect(endpointUrl(provider.token)).toBe('https://api.x.com/2/oauth2/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.x.com/2/users/me')
    expect(provider.callbackPath).toBe('/api/auth/callback/twitter')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '2244994945',
      name: 'Developers',
      email: null,
      image: 'https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      TwitterProvider({
        clientId: 'client-id',
        clientSecret: 'client-secret',
        version: '2.0',
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
