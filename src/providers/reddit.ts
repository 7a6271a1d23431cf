/**
 * Sign in with Reddit (OAuth 2.0).
 *
 * @module
 */
import type { OAuthConfig, Profile } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'
import { requestJson, userinfoUrl } from './userinfo-request.js'

/** The `GET /api/v1/me` answer of the Reddit API. */
export interface RedditProfile {
  id: string
  name: string
  icon_img?: string
  snoovatar_img?: string
  verified?: boolean
  has_verified_email?: boolean
}

/**
 * Reddit accounts, scope `identity`. Reddit shares no email. Add
 * `authorization: { params: { duration: 'permanent' } }` to receive a refresh token.
 *
 * @example
 * ```ts
 * import RedditProvider from 'gatehouse/providers/reddit'
 *
 * RedditProvider({ clientId: process.env.REDDIT_CLIENT_ID!, clientSecret: process.env.REDDIT_CLIENT_SECRET! })
 * ```
 */
export default function RedditProvider<P extends RedditProfile = RedditProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'reddit',
      name: 'Reddit',
      type: 'oauth',
      authorization: {
        url: 'https://www.reddit.com/api/v1/authorize',
        params: { scope: 'identity' },
      },
      token: 'https://www.reddit.com/api/v1/access_token',
      userinfo: {
        url: 'https://oauth.reddit.com/api/v1/me',
        // Reddit throttles requests without a descriptive User-Agent, which `requestJson` sends.
        request: async ({ tokens, provider }) =>
          requestJson<Profile>(userinfoUrl(provider), tokens),
      },
      profile: (profile) => ({
        id: profile.id,
        name: profile.name,
        email: null,
        // Reddit HTML-escapes the query string of its image URLs.
        image: (profile.snoovatar_img || profile.icon_img)?.replaceAll('&amp;', '&') ?? null,
      }),
      style: { logo: 'reddit.svg', bg: '#ff4500', text: '#fff' },
    },
    options,
  )
}
