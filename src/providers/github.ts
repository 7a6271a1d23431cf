/**
 * Sign in with GitHub (OAuth 2.0). GitHub has no OpenID Connect: the profile comes from its
 * REST API, and when the user keeps their email private, from `/user/emails`.
 *
 * @module
 */
import type { OAuthConfig, Profile } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'
import { requestJson, userinfoUrl } from './userinfo-request.js'

/** The `GET /user` answer of the GitHub REST API (the fields used here and the common ones). */
export interface GitHubProfile {
  id: number
  login: string
  name: string | null
  /** The public email; `null` when the user keeps it private. */
  email: string | null
  avatar_url: string
  html_url?: string
  company?: string | null
  location?: string | null
  bio?: string | null
}

/** One row of `GET /user/emails`. */
export interface GitHubEmail {
  email: string
  primary: boolean
  verified: boolean
  visibility?: string | null
}

/**
 * GitHub accounts. Scope `read:user user:email`; a private email is looked up among the
 * user's addresses (the primary verified one). For GitHub Enterprise Server, point
 * `authorization`, `token` and `userinfo` at your instance (`https://HOST/api/v3/user`).
 *
 * @example
 * ```ts
 * import GitHubProvider from 'gatehouse/providers/github'
 *
 * GitHubProvider({
 *   clientId: process.env.GITHUB_ID!,
 *   clientSecret: process.env.GITHUB_SECRET!,
 * })
 * ```
 */
export default function GitHubProvider<P extends GitHubProfile = GitHubProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'github',
      name: 'GitHub',
      type: 'oauth',
      authorization: {
        url: 'https://github.com/login/oauth/authorize',
        params: { scope: 'read:user user:email' },
      },
      token: 'https://github.com/login/oauth/access_token',
      userinfo: {
        url: 'https://api.github.com/user',
        async request({ tokens, provider }) {
          const url = userinfoUrl(provider)
          const headers = { accept: 'application/vnd.github+json' }
          const profile = await requestJson<GitHubProfile>(url, tokens, { headers })
          if (!profile.email) {
            const emails = await requestJson<GitHubEmail[]>(`${url}/emails`, tokens, { headers })
            const chosen =
              emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified)
            profile.email = chosen?.email ?? null
          }
          return profile as unknown as Profile
        },
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (profile) => ({
        id: String(profile.id),
        name: profile.name ?? profile.login,
        email: profile.email,
        image: profile.avatar_url,
      }),
      style: { logo: 'github.svg', bg: '#24292f', text: '#fff' },
    },
    options,
  )
}
