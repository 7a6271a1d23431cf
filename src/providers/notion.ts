/**
 * Sign in with Notion (public integration, OAuth 2.0). The token response names the user who
 * authorized the integration; the profile is that user, read from the Notion API.
 *
 * @module
 */
import type { OAuthConfig, Profile } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'
import { requestJson, userinfoUrl } from './userinfo-request.js'

/** The Notion API version the preset speaks. */
const NOTION_VERSION = '2022-06-28'

/** A Notion user object of type `person`. */
export interface NotionProfile {
  object: 'user'
  id: string
  type?: 'person' | 'bot'
  name: string | null
  avatar_url: string | null
  person?: { email?: string }
}

/**
 * Notion users. Notion issues no refresh token by default and its access tokens do not
 * expire.
 *
 * @example
 * ```ts
 * import NotionProvider from 'gatehouse/providers/notion'
 *
 * NotionProvider({ clientId: process.env.NOTION_CLIENT_ID!, clientSecret: process.env.NOTION_CLIENT_SECRET! })
 * ```
 */
export default function NotionProvider<P extends NotionProfile = NotionProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'notion',
      name: 'Notion',
      type: 'oauth',
      authorization: {
        url: 'https://api.notion.com/v1/oauth/authorize',
        params: { owner: 'user' },
      },
      token: 'https://api.notion.com/v1/oauth/token',
      userinfo: {
        url: 'https://api.notion.com/v1/users',
        async request({ tokens, provider }) {
          const owner = tokens.owner as { user?: { id?: string } } | undefined
          const userId = owner?.user?.id
          if (!userId) throw new TypeError('the Notion token response names no owner user')
          const url = `${userinfoUrl(provider)}/${encodeURIComponent(userId)}`
          return requestJson<Profile>(url, tokens, {
            headers: { 'notion-version': NOTION_VERSION },
          })
        },
      },
      profile: (profile) => ({
        id: profile.id,
        name: profile.name,
        email: profile.person?.email ?? null,
        image: profile.avatar_url,
      }),
      style: { logo: 'notion.svg', bg: '#fff', text: '#000' },
    },
    options,
  )
}
