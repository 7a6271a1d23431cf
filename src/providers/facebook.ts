/**
 * Sign in with Facebook (OAuth 2.0, Graph API).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The `GET /me?fields=id,name,email,picture` answer of the Graph API. */
export interface FacebookProfile {
  id: string
  name: string
  /** Absent when the user signed up with a phone number or declined the permission. */
  email?: string
  picture?: { data: { url: string; width?: number; height?: number; is_silhouette?: boolean } }
}

/**
 * Facebook accounts, permission `email`, Graph API v21.0.
 *
 * @example
 * ```ts
 * import FacebookProvider from 'gatehouse/providers/facebook'
 *
 * FacebookProvider({ clientId: process.env.FACEBOOK_ID!, clientSecret: process.env.FACEBOOK_SECRET! })
 * ```
 */
export default function FacebookProvider<P extends FacebookProfile = FacebookProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'facebook',
      name: 'Facebook',
      type: 'oauth',
      authorization: {
        url: 'https://www.facebook.com/v21.0/dialog/oauth',
        params: { scope: 'email' },
      },
      token: 'https://graph.facebook.com/v21.0/oauth/access_token',
      userinfo: {
        url: 'https://graph.facebook.com/v21.0/me',
        params: { fields: 'id,name,email,picture' },
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (profile) => ({
        id: profile.id,
        name: profile.name,
        email: profile.email ?? null,
        image: profile.picture?.data.url ?? null,
      }),
      style: { logo: 'facebook.svg', bg: '#1877f2', text: '#fff' },
    },
    options,
  )
}
