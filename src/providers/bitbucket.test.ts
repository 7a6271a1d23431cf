import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import BitbucketProvider from './bitbucket.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  display_name: 'Tutorials Account',
  links: {
    avatar: {
      href: 'https://secure.gravatar.com/avatar/sample?d=https%3A%2F%2Favatar-management.example%2FTA-2.png',
    },
  },
  created_on: '2018-04-05T17:54:20.528981+00:00',
  type: 'user',
  uuid: '{c788b2da-b7a2-404c-9e26-d3f077557007}',
  account_id: '557058:ecf8ee0f-c5f8-4df0-a6f8-b3a8a1e1b1e0',
  nickname: 'tutorials',
  username: 'tutorials',
  email: 'tutorials@example.com',
}

describe('BitbucketProvider', () => {
  const provider = normalizeOAuthProvider(
    BitbucketProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('bitbucket')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://bitbucket.org/site/oauth2/authorize')
    expect(endpointUrl(provider.token)).toBe('https://bitbucket.org/site/oauth2/access_token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.bitbucket.org/2.0/user')
    expect(provider.callbackPath).toBe('/api/auth/callback/bitbucket')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '{c788b2da-b7a2-404c-9e26-d3f077557007}',
      name: 'Tutorials Account',
      email: 'tutorials@example.com',
      image:
        'https://secure.gravatar.com/avatar/sample?d=https%3A%2F%2Favatar-management.example%2FTA-2.png',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      BitbucketProvider({
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
