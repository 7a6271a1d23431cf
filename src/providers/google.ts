/**
 * Sign in with Google (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims of a Google ID token. */
export interface GoogleProfile {
  sub: string
  email: string
  email_verified: boolean
  name: string
  given_name?: string
  family_name?: string
  picture: string
  /** The Google Workspace domain of the account, if any. */
  hd?: string
  locale?: string
}

/**
 * Google accounts, with the profile read from the ID token.
 *
 * @example
 * ```ts
 * import GoogleProvider from 'gatehouse/providers/google'
 *
 * GoogleProvider({
 *   clientId: process.env.GOOGLE_CLIENT_ID!,
 *   clientSecret: process.env.GOOGLE_CLIENT_SECRET!,
 *   // A refresh token comes only with offline access and a consent prompt.
 *   authorization: { params: { access_type: 'offline', prompt: 'consent' } },
 * })
 * ```
 */
export default function GoogleProvider<P extends GoogleProfile = GoogleProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'google',
      name: 'Google',
      type: 'oidc',
      issuer: 'https://accounts.google.com',
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name,
        email: profile.email,
        image: profile.picture,
      }),
      style: { logo: 'google.svg', bg: '#fff', text: '#000' },
    },
    options,
  )
}
