import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import SpotifyProvider from './spotify.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  country: 'SE',
  display_name: 'JM Wizzler',
  email: 'email@example.com',
  explicit_content: {
    filter_enabled: false,
    filter_locked: false,
  },
  external_urls: {
    spotify: 'https://open.spotify.com/user/wizzler',
  },
  followers: {
    href: null,
    total: 3829,
  },
  href: 'https://api.spotify.com/v1/users/wizzler',
  id: 'wizzler',
  images: [
    {
      height: null,
      url: 'https://fbcdn-profile-a.akamaihd.net/hprofile-ak-frc3/t1.0-1/1970403_10152215092574354_1798272330_n.jpg',
      width: null,
    },
  ],
  product: 'premium',
  type: 'user',
  uri: 'spotify:user:wizzler',
}

describe('SpotifyProvider', () => {
  const provider = normalizeOAuthProvider(
    SpotifyProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('spotify')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://accounts.spotify.com/authorize')
    expect(endpointUrl(provider.token)).toBe('https://accounts.spotify.com/api/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.spotify.com/v1/me')
    expect(provider.callbackPath).toBe('/api/auth/callback/spotify')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'wizzler',
      name: 'JM Wizzler',
      email: 'email@example.com',
      image:
        'https://fbcdn-profile-a.akamaihd.net/hprofile-ak-frc3/t1.0-1/1970403_10152215092574354_1798272330_n.jpg',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      SpotifyProvider({
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
