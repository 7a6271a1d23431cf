/**
 * Sign in with Auth0 (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims Auth0 returns for a user. */
export interface Auth0Profile {
  sub: string
  name?: string
  nickname?: string
  email?: string
  email_verified?: boolean
  picture?: string
  updated_at?: string
}

/**
 * Users of an Auth0 tenant. Pass `issuer`, e.g. `https://YOUR_TENANT.us.auth0.com`; endpoints come from its discovery document.
 *
 * @example
 * ```ts
 * import Auth0Provider from 'gatehouse/providers/auth0'
 *
 * Auth0Provider({
 *   clientId: process.env.AUTH0_CLIENT_ID!,
 *   clientSecret: process.env.AUTH0_CLIENT_SECRET!,
 *   issuer: process.env.AUTH0_ISSUER!,
 * })
 * ```
 */
export default function Auth0Provider<P extends Auth0Profile = Auth0Profile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'auth0',
      name: 'Auth0',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name ?? profile.nickname ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'auth0.svg' },
    },
    options,
  )
}
