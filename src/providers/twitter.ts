/**
 * Sign in with X, formerly Twitter (OAuth 2.0 with PKCE).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The `GET /2/users/me?user.fields=profile_image_url` answer of the X API v2. */
export interface TwitterProfile {
  data: {
    id: string
    name: string
    username: string
    profile_image_url?: string
    /** Only with the `users.email` scope, where X grants it. */
    confirmed_email?: string
  }
}

/** Options of {@link TwitterProvider}. */
export type TwitterOptions<P> = PresetOptions<P> & {
  /**
   * Accepted for NextAuth.js v4 compatibility, where `'2.0'` chose OAuth 2.0. Gatehouse speaks
   * only OAuth 2.0; OAuth 1.0a apps must create OAuth 2.0 client credentials.
   */
  version?: '2.0'
}

/**
 * X accounts, scopes `users.read tweet.read offline.access`. Email is not part of the
 * default profile.
 *
 * @example
 * ```ts
 * import TwitterProvider from 'gatehouse/providers/twitter'
 *
 * TwitterProvider({
 *   clientId: process.env.TWITTER_CLIENT_ID!,
 *   clientSecret: process.env.TWITTER_CLIENT_SECRET!,
 *   version: '2.0',
 * })
 * ```
 */
export default function TwitterProvider<P extends TwitterProfile = TwitterProfile>(
  options: TwitterOptions<P>,
): OAuthConfig {
  const rest: PresetOptions<P> & { version?: string } = { ...options }
  delete rest.version
  return definePreset<P>(
    {
      id: 'twitter',
      name: 'X (Twitter)',
      type: 'oauth',
      authorization: {
        url: 'https://x.com/i/oauth2/authorize',
        params: { scope: 'users.read tweet.read offline.access' },
      },
      token: 'https://api.x.com/2/oauth2/token',
      userinfo: {
        url: 'https://api.x.com/2/users/me',
        params: { 'user.fields': 'profile_image_url' },
      },
      profile: ({ data }) => ({
        id: data.id,
        name: data.name,
        email: data.confirmed_email ?? null,
        image: data.profile_image_url ?? null,
      }),
      style: { logo: 'twitter.svg', bg: '#000', text: '#fff' },
    },
    rest,
  )
}
