/**
 * Sign in with Atlassian (OAuth 2.0 three-legged, for Jira and Confluence Cloud).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The `GET /me` answer of the Atlassian user identity API. */
export interface AtlassianProfile {
  account_id: string
  account_type?: string
  name: string
  nickname?: string
  email: string
  email_verified?: boolean
  picture?: string
  account_status?: string
}

/**
 * Atlassian accounts, scope `read:me`. Add product scopes (and `offline_access` for a refresh
 * token) through `authorization.params.scope`.
 *
 * @example
 * ```ts
 * import AtlassianProvider from 'gatehouse/providers/atlassian'
 *
 * AtlassianProvider({ clientId: process.env.ATLASSIAN_CLIENT_ID!, clientSecret: process.env.ATLASSIAN_CLIENT_SECRET! })
 * ```
 */
export default function AtlassianProvider<P extends AtlassianProfile = AtlassianProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'atlassian',
      name: 'Atlassian',
      type: 'oauth',
      authorization: {
        url: 'https://auth.atlassian.com/authorize',
        params: { audience: 'api.atlassian.com', prompt: 'consent', scope: 'read:me' },
      },
      token: 'https://auth.atlassian.com/oauth/token',
      userinfo: 'https://api.atlassian.com/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (profile) => ({
        id: profile.account_id,
        name: profile.name,
        email: profile.email,
        image: profile.picture ?? null,
      }),
      style: { logo: 'atlassian.svg', bg: '#0052cc', text: '#fff' },
    },
    options,
  )
}
