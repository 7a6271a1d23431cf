/**
 * Sign in with LinkedIn (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims LinkedIn returns for a user. */
export interface LinkedInProfile {
  sub: string
  name: string
  given_name?: string
  family_name?: string
  email?: string
  email_verified?: boolean
  picture?: string
  locale?: string | { country: string; language: string }
}

/**
 * LinkedIn members, through Sign In with LinkedIn using OpenID Connect; the profile comes from the userinfo endpoint.
 *
 * @example
 * ```ts
 * import LinkedInProvider from 'gatehouse/providers/linkedin'
 *
 * LinkedInProvider({ clientId: process.env.LINKEDIN_CLIENT_ID!, clientSecret: process.env.LINKEDIN_CLIENT_SECRET! })
 * ```
 */
export default function LinkedInProvider<P extends LinkedInProfile = LinkedInProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'linkedin',
      name: 'LinkedIn',
      type: 'oidc',
      issuer: 'https://www.linkedin.com/oauth',
      authorization: { params: { scope: 'openid profile email' } },
      idToken: false,
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'linkedin.svg' },
    },
    options,
  )
}
