import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import GitLabProvider from './gitlab.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  id: 1,
  username: 'john_smith',
  name: 'John Smith',
  state: 'active',
  avatar_url: 'https://gitlab.com/uploads/-/system/user/avatar/1/avatar.png',
  web_url: 'https://gitlab.com/john_smith',
  email: 'john@example.com',
  two_factor_enabled: true,
}

describe('GitLabProvider', () => {
  const provider = normalizeOAuthProvider(
    GitLabProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('gitlab')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://gitlab.com/oauth/authorize')
    expect(endpointUrl(provider.token)).toBe('https://gitlab.com/oauth/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://gitlab.com/api/v4/user')
    expect(provider.callbackPath).toBe('/api/auth/callback/gitlab')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '1',
      name: 'John Smith',
      email: 'john@example.com',
      image: 'https://gitlab.com/uploads/-/system/user/avatar/1/avatar.png',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      GitLabProvider({
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
