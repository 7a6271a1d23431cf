import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import TwitchProvider from './twitch.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  aud: 'hof5gwx0su6owfnys0yan9c87zr6t',
  exp: 1642215932,
  iat: 1642215032,
  iss: 'https://id.twitch.tv/oauth2',
  sub: '713936733',
  azp: 'hof5gwx0su6owfnys0yan9c87zr6t',
  email: 'scotwht@example.com',
  email_verified: true,
  picture: 'https://static-cdn.jtvnw.net/jtv_user_pictures/sample-profile_image-300x300.png',
  preferred_username: 'scotwht',
}

describe('TwitchProvider', () => {
  const provider = normalizeOAuthProvider(
    TwitchProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('twitch')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://id.twitch.tv/oauth2')
    expect(provider.callbackPath).toBe('/api/auth/callback/twitch')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '713936733',
      name: 'scotwht',
      email: 'scotwht@example.com',
      image: 'https://static-cdn.jtvnw.net/jtv_user_pictures/sample-profile_image-300x300.png',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      TwitchProvider({
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
