import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import NotionProvider from './notion.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  object: 'user',
  id: 'e79a0b74-3aba-4149-9f74-0bb5791a6ee6',
  type: 'person',
  person: {
    email: 'avo@example.org',
  },
  name: 'Avocado Lovelace',
  avatar_url: 'https://secure.notion-static.com/e6a352a8-8381-44d0-a1dc-9ed80e62b53d.jpg',
}

describe('NotionProvider', () => {
  const provider = normalizeOAuthProvider(
    NotionProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('notion')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://api.notion.com/v1/oauth/authorize')
    expect(endpointUrl(provider.token)).toBe('https://api.notion.com/v1/oauth/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.notion.com/v1/users')
    expect(provider.callbackPath).toBe('/api/auth/callback/notion')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'e79a0b74-3aba-4149-9f74-0bb5791a6ee6',
      name: 'Avocado Lovelace',
      email: 'avo@example.org',
      image: 'https://secure.notion-static.com/e6a352a8-8381-44d0-a1dc-9ed80e62b53d.jpg',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      NotionProvider({
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
