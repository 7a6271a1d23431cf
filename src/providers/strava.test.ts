import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import StravaProvider from './strava.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  id: 1234567890987654400,
  username: 'marianne_t',
  resource_state: 3,
  firstname: 'Marianne',
  lastname: 'Teutenberg',
  city: 'San Francisco',
  state: 'CA',
  country: 'US',
  sex: 'F',
  premium: true,
  created_at: '2017-11-14T02:30:05Z',
  updated_at: '2018-02-06T19:32:20Z',
  profile_medium:
    'https://xxxxxx.cloudfront.net/pictures/athletes/123456789/123456789/2/medium.jpg',
  profile: 'https://xxxxx.cloudfront.net/pictures/athletes/123456789/123456789/2/large.jpg',
}

describe('StravaProvider', () => {
  const provider = normalizeOAuthProvider(
    StravaProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('strava')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://www.strava.com/oauth/authorize')
    expect(endpointUrl(provider.token)).toBe('https://www.strava.com/api/v3/oauth/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://www.strava.com/api/v3/athlete')
    expect(provider.callbackPath).toBe('/api/auth/callback/strava')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '1234567890987654400',
      name: 'Marianne Teutenberg',
      email: null,
      image: 'https://xxxxx.cloudfront.net/pictures/athletes/123456789/123456789/2/large.jpg',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      StravaProvider({
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
