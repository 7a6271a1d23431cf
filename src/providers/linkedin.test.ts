import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import LinkedInProvider from './linkedin.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  sub: '782bbtaQ',
  name: 'John Doe',
  given_name: 'John',
  family_name: 'Doe',
  picture:
    'https://media.licdn.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/',
  locale: 'en-US',
  email: 'doe@email.com',
  email_verified: true,
}

describe('LinkedInProvider', () => {
  const provider = normalizeOAuthProvider(
    LinkedInProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('linkedin')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://www.linkedin.com/oauth')
    expect(provider.callbackPath).toBe('/api/auth/callback/linkedin')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '782bbtaQ',
      name: 'John Doe',
      email: 'doe@email.com',
      image:
        'https://media.licdn.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      LinkedInProvider({
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
