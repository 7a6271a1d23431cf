/**
 * Sign in with Keycloak (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims Keycloak returns for a user. */
export interface KeycloakProfile {
  sub: string
  name?: string
  preferred_username: string
  given_name?: string
  family_name?: string
  email?: string
  email_verified?: boolean
  picture?: string
}

/**
 * Users of a Keycloak realm. Pass `issuer`, e.g. `https://keycloak.example.com/realms/YOUR_REALM`; endpoints come from its discovery document.
 *
 * @example
 * ```ts
 * import KeycloakProvider from 'gatehouse/providers/keycloak'
 *
 * KeycloakProvider({
 *   clientId: process.env.KEYCLOAK_CLIENT_ID!,
 *   clientSecret: process.env.KEYCLOAK_CLIENT_SECRET!,
 *   issuer: process.env.KEYCLOAK_ISSUER!,
 * })
 * ```
 */
export default function KeycloakProvider<P extends KeycloakProfile = KeycloakProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'keycloak',
      name: 'Keycloak',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name ?? profile.preferred_username,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'keycloak.svg' },
    },
    options,
  )
}
