import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import AtlassianProvider from './atlassian.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  account_type: 'atlassian',
  account_id: '112233:aa11bb22-cc33-dd44-ee55-ff6677889900',
  email: 'mia@example.com',
  email_verified: true,
  name: 'Mia Krystof',
  picture:
    'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/112233/avatar.png',
  account_status: 'active',
  nickname: 'mkrystof',
  zoneinfo: 'Australia/Sydney',
  locale: 'en-US',
  extended_profile: {
    job_title: 'Designer',
  },
}

describe('AtlassianProvider', () => {
  const provider = normalizeOAuthProvider(
    AtlassianProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('atlassian')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://auth.atlassian.com/authorize')
    expect(endpointUrl(provider.token)).toBe('https://auth.atlassian.com/oauth/token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.atlassian.com/me')
    expect(provider.callbackPath).toBe('/api/auth/callback/atlassian')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: '112233:aa11bb22-cc33-dd44-ee55-ff6677889900',
      name: 'Mia Krystof',
      email: 'mia@example.com',
      image:
        'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/112233/avatar.png',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      AtlassianProvider({
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
