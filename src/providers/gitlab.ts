/**
 * Sign in with GitLab (OAuth 2.0), on gitlab.com or a self-managed instance.
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The `GET /api/v4/user` answer of GitLab. */
export interface GitLabProfile {
  id: number
  username: string
  name: string
  email: string
  avatar_url: string
  state?: string
  web_url?: string
}

/**
 * GitLab accounts, scope `read_user`. For a self-managed instance, replace the three URLs
 * with your host's.
 *
 * @example
 * ```ts
 * import GitLabProvider from 'gatehouse/providers/gitlab'
 *
 * GitLabProvider({ clientId: process.env.GITLAB_ID!, clientSecret: process.env.GITLAB_SECRET! })
 * ```
 */
export default function GitLabProvider<P extends GitLabProfile = GitLabProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'gitlab',
      name: 'GitLab',
      type: 'oauth',
      authorization: { url: 'https://gitlab.com/oauth/authorize', params: { scope: 'read_user' } },
      token: 'https://gitlab.com/oauth/token',
      userinfo: 'https://gitlab.com/api/v4/user',
      profile: (profile) => ({
        id: String(profile.id),
        name: profile.name || profile.username,
        email: profile.email,
        image: profile.avatar_url,
      }),
      style: { logo: 'gitlab.svg', bg: '#fc6d26', text: '#fff' },
    },
    options,
  )
}
