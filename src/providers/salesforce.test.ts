import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import SalesforceProvider from './salesforce.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  sub: 'https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P',
  user_id: '005x00000012Q9P',
  organization_id: '00Dx0000000BV7z',
  preferred_username: 'admin@example.com',
  nickname: 'admin',
  name: 'Admin User',
  email: 'admin@example.com',
  email_verified: true,
  given_name: 'Admin',
  family_name: 'User',
  zoneinfo: 'America/Los_Angeles',
  picture: 'https://example.my.salesforce.com/profilephoto/005/F',
  user_type: 'STANDARD',
  active: true,
}

describe('SalesforceProvider', () => {
  const provider = normalizeOAuthProvider(
    SalesforceProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('salesforce')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://login.salesforce.com')
    expect(provider.callbackPath).toBe('/api/auth/callback/salesforce')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '005x00000012Q9P',
      name: 'Admin User',
      email: 'admin@example.com',
      image: 'https://example.my.salesforce.com/profilephoto/005/F',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      SalesforceProvider({
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
