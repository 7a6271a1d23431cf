import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import ZoomProvider from './zoom.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  id: 'KDcuGIm1QgePTO8WbOqwIQ',
  first_name: 'Jill',
  last_name: 'Chill',
  display_name: 'Jill Chill',
  email: 'jchill@example.com',
  type: 1,
  pmi: 3542471135,
  timezone: 'Asia/Shanghai',
  verified: 1,
  dept: 'Developers',
  pic_url: 'https://example.com/photo.jpg',
  account_id: 'q6gBJVO5TzexKYTb_I2rpg',
  status: 'active',
}

describe('ZoomProvider', () => {
  const provider = normalizeOAuthProvider(
    ZoomProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('zoom')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://zoom.us/oauth/authorize')
    expect(endpointUrl(provider.token)).toBe('https://zoom.us/oauth/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.zoom.us/v2/users/me')
    expect(provider.callbackPath).toBe('/api/auth/callback/zoom')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'KDcuGIm1QgePTO8WbOqwIQ',
      name: 'Jill Chill',
      email: 'jchill@example.com',
      image: 'https://example.com/photo.jpg',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      ZoomProvider({
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
