/**
 * Sign in with Twitch (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims Twitch returns for a user. */
export interface TwitchProfile {
  sub: string
  preferred_username: string
  email?: string
  email_verified?: boolean
  picture?: string
}

/**
 * Twitch users; the claims parameter asks for email, picture and name in the ID token.
 *
 * @example
 * ```ts
 * import TwitchProvider from 'gatehouse/providers/twitch'
 *
 * TwitchProvider({ clientId: process.env.TWITCH_CLIENT_ID!, clientSecret: process.env.TWITCH_CLIENT_SECRET! })
 * ```
 */
export default function TwitchProvider<P extends TwitchProfile = TwitchProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'twitch',
      name: 'Twitch',
      type: 'oidc',
      issuer: 'https://id.twitch.tv/oauth2',
      authorization: {
        params: {
          scope: 'openid user:read:email',
          claims: {
            id_token: {
              email: null,
              email_verified: null,
              picture: null,
              preferred_username: null,
            },
          },
        },
      },
      idToken: true,
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.preferred_username,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'twitch.svg' },
    },
    options,
  )
}
