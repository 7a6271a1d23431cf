import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import RedditProvider from './reddit.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  id: '1w72',
  name: 'spez',
  icon_img:
    'https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png?width=256&amp;height=256&amp;crop=256:256,smart&amp;s=abc',
  snoovatar_img: '',
  verified: true,
  has_verified_email: true,
  total_karma: 1000,
}

describe('RedditProvider', () => {
  const provider = normalizeOAuthProvider(
    RedditProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('reddit')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://www.reddit.com/api/v1/authorize')
    expect(endpointUrl(provider.token)).toBe('https://www.reddit.com/api/v1/access_token')
    expect(endpointUrl(provider.userinfo)).toBe('https://oauth.reddit.com/api/v1/me')
    expect(provider.callbackPath).toBe('/api/auth/callback/reddit')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '1w72',
      name: 'spez',
      email: null,
      image:
        'https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png?width=256&height=256&crop=256:256,smart&s=abc',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      RedditProvider({
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
