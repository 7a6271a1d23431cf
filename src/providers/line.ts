/**
 * Sign in with LINE (LINE Login v2.1, OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims of a LINE ID token. */
export interface LineProfile {
  sub: string
  name?: string
  picture?: string
  /** Only with the `email` scope, which LINE grants on application. */
  email?: string
  amr?: string[]
}

/**
 * LINE users, scope `openid profile email`.
 *
 * @example
 * ```ts
 * import LineProvider from 'gatehouse/providers/line'
 *
 * LineProvider({ clientId: process.env.LINE_CHANNEL_ID!, clientSecret: process.env.LINE_CHANNEL_SECRET! })
 * ```
 */
export default function LineProvider<P extends LineProfile = LineProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'line',
      name: 'LINE',
      type: 'oidc',
      issuer: 'https://access.line.me',
      authorization: { params: { scope: 'openid profile email' } },
      client: {
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'ES256',
      },
      idToken: true,
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'line.svg', bg: '#06c755', text: '#fff' },
    },
    options,
  )
}
