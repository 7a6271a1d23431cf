/**
 * Sign in with authentik (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims authentik returns for a user. */
export interface AuthentikProfile {
  sub: string
  name?: string
  preferred_username?: string
  nickname?: string
  email?: string
  email_verified?: boolean
  picture?: string
  groups?: string[]
}

/**
 * Users of an authentik application (the issuer is the application's provider URL). Pass `issuer`, e.g. `https://authentik.example.com/application/o/YOUR_APP/`; endpoints come from its discovery document.
 *
 * @example
 * ```ts
 * import AuthentikProvider from 'gatehouse/providers/authentik'
 *
 * AuthentikProvider({
 *   clientId: process.env.AUTHENTIK_CLIENT_ID!,
 *   clientSecret: process.env.AUTHENTIK_CLIENT_SECRET!,
 *   issuer: process.env.AUTHENTIK_ISSUER!,
 * })
 * ```
 */
export default function AuthentikProvider<P extends AuthentikProfile = AuthentikProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'authentik',
      name: 'authentik',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name ?? profile.preferred_username ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'authentik.svg' },
    },
    options,
  )
}
