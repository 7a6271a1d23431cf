/**
 * Sign in with Box (OAuth 2.0).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The profile Box's API returns for the signed-in user. */
export interface BoxProfile {
  id: string
  type?: 'user'
  name: string
  /** The user's primary email address. */
  login: string
  avatar_url?: string
}

/**
 * Box users; the email is the account's login.
 *
 * @example
 * ```ts
 * import BoxProvider from 'gatehouse/providers/box'
 *
 * BoxProvider({ clientId: process.env.BOX_CLIENT_ID!, clientSecret: process.env.BOX_CLIENT_SECRET! })
 * ```
 */
export default function BoxProvider<P extends BoxProfile = BoxProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'box',
      name: 'Box',
      type: 'oauth',
      authorization: 'https://account.box.com/api/oauth2/authorize',
      token: 'https://api.box.com/oauth2/token',
      userinfo: 'https://api.box.com/2.0/users/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (profile) => ({
        id: profile.id,
        name: profile.name,
        email: profile.login,
        image: profile.avatar_url ?? null,
      }),
      style: { logo: 'box.svg' },
    },
    options,
  )
}
