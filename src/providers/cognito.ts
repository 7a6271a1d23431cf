/**
 * Sign in with Amazon Cognito (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims Amazon Cognito returns for a user. */
export interface CognitoProfile {
  sub: string
  'cognito:username'?: string
  name?: string
  email?: string
  email_verified?: boolean
  picture?: string
}

/**
 * Users of an Amazon Cognito user pool. Pass `issuer`, e.g. `https://cognito-idp.REGION.amazonaws.com/POOL_ID`; endpoints come from its discovery document.
 *
 * @example
 * ```ts
 * import CognitoProvider from 'gatehouse/providers/cognito'
 *
 * CognitoProvider({
 *   clientId: process.env.COGNITO_CLIENT_ID!,
 *   clientSecret: process.env.COGNITO_CLIENT_SECRET!,
 *   issuer: process.env.COGNITO_ISSUER!,
 * })
 * ```
 */
export default function CognitoProvider<P extends CognitoProfile = CognitoProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'cognito',
      name: 'Amazon Cognito',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name ?? profile['cognito:username'] ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'cognito.svg' },
    },
    options,
  )
}
