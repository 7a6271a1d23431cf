/**
 * Sign in with ZITADEL (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims ZITADEL returns for a user. */
export interface ZitadelProfile {
  sub: string
  name?: string
  preferred_username?: string
  given_name?: string
  family_name?: string
  email?: string
  email_verified?: boolean
  picture?: string
  locale?: string
}

/**
 * Users of a ZITADEL instance. Pass `issuer`, e.g. `https://YOUR_INSTANCE.zitadel.cloud`; endpoints come from its discovery document.
 *
 * @example
 * ```ts
 * import ZitadelProvider from 'gatehouse/providers/zitadel'
 *
 * ZitadelProvider({
 *   clientId: process.env.ZITADEL_CLIENT_ID!,
 *   clientSecret: process.env.ZITADEL_CLIENT_SECRET!,
 *   issuer: process.env.ZITADEL_ISSUER!,
 * })
 * ```
 */
export default function ZitadelProvider<P extends ZitadelProfile = ZitadelProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'zitadel',
      name: 'ZITADEL',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name ?? profile.preferred_username ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'zitadel.svg' },
    },
    options,
  )
}
