/**
 * Sign in with Strava (OAuth 2.0).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The profile Strava's API returns for the signed-in user. */
export interface StravaProfile {
  id: number
  username?: string | null
  firstname: string
  lastname: string
  /** URL of the large profile picture. */
  profile?: string
  profile_medium?: string
}

/**
 * Strava athletes, scope `read`. Strava shares no email.
 *
 * @example
 * ```ts
 * import StravaProvider from 'gatehouse/providers/strava'
 *
 * StravaProvider({ clientId: process.env.STRAVA_CLIENT_ID!, clientSecret: process.env.STRAVA_CLIENT_SECRET! })
 * ```
 */
export default function StravaProvider<P extends StravaProfile = StravaProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'strava',
      name: 'Strava',
      type: 'oauth',
      authorization: {
        url: 'https://www.strava.com/oauth/authorize',
        params: { scope: 'read', approval_prompt: 'auto' },
      },
      token: 'https://www.strava.com/api/v3/oauth/token',
      userinfo: 'https://www.strava.com/api/v3/athlete',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (profile) => ({
        id: String(profile.id),
        name: `${profile.firstname} ${profile.lastname}`.trim(),
        email: null,
        image: profile.profile ?? null,
      }),
      style: { logo: 'strava.svg' },
    },
    options,
  )
}
