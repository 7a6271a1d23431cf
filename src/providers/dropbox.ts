/**
 * Sign in with Dropbox (OAuth 2.0).
 *
 * @module
 */
import type { OAuthConfig, Profile } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'
import { requestJson, userinfoUrl } from './userinfo-request.js'

/** The `POST /2/users/get_current_account` answer of the Dropbox API. */
export interface DropboxProfile {
  account_id: string
  name: { display_name: string; given_name?: string; surname?: string; familiar_name?: string }
  email: string
  email_verified: boolean
  profile_photo_url?: string
  disabled?: boolean
  country?: string
}

/**
 * Dropbox accounts, scope `account_info.read`, with offline access so a refresh token is
 * issued.
 *
 * @example
 * ```ts
 * import DropboxProvider from 'gatehouse/providers/dropbox'
 *
 * DropboxProvider({ clientId: process.env.DROPBOX_APP_KEY!, clientSecret: process.env.DROPBOX_APP_SECRET! })
 * ```
 */
export default function DropboxProvider<P extends DropboxProfile = DropboxProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'dropbox',
      name: 'Dropbox',
      type: 'oauth',
      authorization: {
        url: 'https://www.dropbox.com/oauth2/authorize',
        params: { scope: 'account_info.read', token_access_type: 'offline' },
      },
      token: 'https://api.dropboxapi.com/oauth2/token',
      userinfo: {
        url: 'https://api.dropboxapi.com/2/users/get_current_account',
        // An RPC endpoint: POST with no body.
        request: async ({ tokens, provider }) =>
          requestJson<Profile>(userinfoUrl(provider), tokens, { method: 'POST' }),
      },
      profile: (profile) => ({
        id: profile.account_id,
        name: profile.name.display_name,
        email: profile.email,
        image: profile.profile_photo_url ?? null,
      }),
      style: { logo: 'dropbox.svg', bg: '#0061fe', text: '#fff' },
    },
    options,
  )
}
