import { describe, expect, it } from 'vitest'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import SlackProvider from './slack.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  iss: 'https://slack.com',
  sub: 'U0R7JM',
  aud: '25259531569.1115258246291',
  exp: 1626874955,
  iat: 1626874655,
  auth_time: 1626874655,
  nonce: 'abcd',
  at_hash: 'abcd',
  'https://slack.com/team_id': 'T0R7GR',
  'https://slack.com/user_id': 'U0R7JM',
  email: 'krane@slack-corp.com',
  email_verified: true,
  date_email_verified: 1622128723,
  locale: 'en-US',
  name: 'krane',
  picture: 'https://secure.gravatar.com/avatar/bc.jpg?s=512',
  given_name: '',
  family_name: '',
  'https://slack.com/team_name': 'kraneflannel',
}

describe('SlackProvider', () => {
  const provider = normalizeOAuthProvider(
    SlackProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('slack')
    expect(provider.type).toBe('oidc')
    expect(provider.issuer).toBe('https://slack.com')
    expect(provider.callbackPath).toBe('/api/auth/callback/slack')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'U0R7JM',
      name: 'krane',
      email: 'krane@slack-corp.com',
      image: 'https://secure.gravatar.com/avatar/bc.jpg?s=512',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      SlackProvider({
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
