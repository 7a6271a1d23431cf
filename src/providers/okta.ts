/**
 * Sign in with Okta (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims Okta returns for a user. */
export interface OktaProfile {
  sub: string
  name?: string
  preferred_username?: string
  email?: string
  email_verified?: boolean
  picture?: string
  locale?: string
  zoneinfo?: string
}

/**
 * Users of an Okta org or custom authorization server. Pass `issuer`, e.g. `https://YOUR_ORG.okta.com`; endpoints come from its discovery document.
 *
 * @example
 * ```ts
 * import OktaProvider from 'gatehouse/providers/okta'
 *
 * OktaProvider({
 *   clientId: process.env.OKTA_CLIENT_ID!,
 *   clientSecret: process.env.OKTA_CLIENT_SECRET!,
 *   issuer: process.env.OKTA_ISSUER!,
 * })
 * ```
 */
export default function OktaProvider<P extends OktaProfile = OktaProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'okta',
      name: 'Okta',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name ?? profile.preferred_username ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'okta.svg' },
    },
    options,
  )
}
