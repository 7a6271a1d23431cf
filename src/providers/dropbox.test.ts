import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile } from '../core/types.js'
import DropboxProvider from './dropbox.js'

/** A profile as the provider returns it (documented sample, not a real user). */
const recorded = {
  account_id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc',
  account_type: {
    '.tag': 'business',
  },
  country: 'US',
  disabled: false,
  email: 'franz@dropbox.com',
  email_verified: true,
  is_paired: false,
  locale: 'en',
  name: {
    abbreviated_name: 'FF',
    display_name: 'Franz Ferdinand (Personal)',
    familiar_name: 'Franz',
    given_name: 'Franz',
    surname: 'Ferdinand',
  },
  profile_photo_url:
    'https://dl-web.dropbox.com/account_photo/get/dbaphid%3AAAHWGmIXV3sUuOmBfTz0wPsiqHUpBWvv3ZA?vers=1556069330102&size=128x128',
}

describe('DropboxProvider', () => {
  const provider = normalizeOAuthProvider(
    DropboxProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at the provider', () => {
    expect(provider.id).toBe('dropbox')
    expect(provider.type).toBe('oauth')
    expect(endpointUrl(provider.authorization)).toBe('https://www.dropbox.com/oauth2/authorize')
    expect(endpointUrl(provider.token)).toBe('https://api.dropboxapi.com/oauth2/token')
    expect(endpointUrl(provider.userinfo)).toBe(
      'https://api.dropboxapi.com/2/users/get_current_account',
    )
    expect(provider.callbackPath).toBe('/api/auth/callback/dropbox')
  })

  it('maps a recorded profile to the user', async () => {
    const user = await provider.profile!(recorded as unknown as Profile, { access_token: 'at' })
    expect(user).toEqual({
      id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc',
      name: 'Franz Ferdinand (Personal)',
      email: 'franz@dropbox.com',
      image:
        'https://dl-web.dropbox.com/account_photo/get/dbaphid%3AAAHWGmIXV3sUuOmBfTz0wPsiqHUpBWvv3ZA?vers=1556069330102&size=128x128',
    })
  })

  it('lets the app replace profile() and keep the preset endpoints', async () => {
    const custom = normalizeOAuthProvider(
      DropboxProvider({
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
