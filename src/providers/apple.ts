/**
 * Sign in with Apple (OpenID Connect). Apple answers with a `form_post`: the callback is a
 * POST whose form carries the code, and on the very first sign-in only, a `user` field with
 * the user's name.
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims of an Apple ID token, plus the first-sign-in `user` form field. */
export interface AppleProfile {
  sub: string
  email?: string
  /** `'true'` or `true`: Apple has sent both. */
  email_verified?: string | boolean
  /** Whether `email` is a private relay address. */
  is_private_email?: string | boolean
  /** Only on the first sign-in, from the callback form. */
  user?: { name?: { firstName?: string; lastName?: string }; email?: string }
}

/**
 * Apple accounts, scope `name email`. `clientId` is your Services ID; `clientSecret` is the
 * JWT you sign with your Apple key (ES256, at most 6 months valid). Apple requires HTTPS
 * redirect URLs; over HTTPS the check cookies are sent with `SameSite=None` so that they
 * survive Apple's cross-site form post.
 *
 * @example
 * ```ts
 * import AppleProvider from 'gatehouse/providers/apple'
 *
 * AppleProvider({ clientId: process.env.APPLE_ID!, clientSecret: process.env.APPLE_SECRET! })
 * ```
 */
export default function AppleProvider<P extends AppleProfile = AppleProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'apple',
      name: 'Apple',
      type: 'oidc',
      issuer: 'https://appleid.apple.com',
      authorization: { params: { scope: 'name email', response_mode: 'form_post' } },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      idToken: true,
      profile: (profile) => {
        const name = profile.user?.name
        const fullName = [name?.firstName, name?.lastName].filter(Boolean).join(' ')
        return {
          id: profile.sub,
          name: fullName || null,
          email: profile.email ?? profile.user?.email ?? null,
          image: null,
        }
      },
      style: { logo: 'apple.svg', bg: '#000', text: '#fff' },
    },
    options,
  )
}
