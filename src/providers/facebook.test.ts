import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import FacebookProvider from './facebook.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  id: '10224046236187213',
  name: 'Mia Example',
  email: 'mia@example.com',
  picture: {
    data: {
      height: 50,
      is_silhouette: false,
      url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10224046236187213&height=50&width=50',
      width: 50,
    },
  },
}

describe('FacebookProvider', () => {
  const provider = normalizeOAuthProvider(
    FacebookProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('facebook')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://www.facebook.com/v21.0/dialog/oauth')
    expect(endpointUrl(provider.token)).toBe('https://graph.facebook.com/v21.0/oauth/access_token')
    expect(endpointUrl(provider.userinfo)).toBe('https://graph.facebook.com/v21.0/me')
    expect(provider.callbackPath).toBe('/api/auth/callback/facebook')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '10224046236187213',
      name: 'Mia Example',
      email: 'mia@example.com',
      image:
        'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10224046236187213&height=50&width=50',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      FacebookProvider({
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
