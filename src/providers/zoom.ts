/**
 * Sign in with Zoom (OAuth 2.0).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The `GET /v2/users/me` answer of the Zoom API. */
export interface ZoomProfile {
  id: string
  first_name: string
  last_name: string
  display_name?: string
  email: string
  pic_url?: string
  account_id?: string
  type?: number
  timezone?: string
}

/**
 * Zoom users (scope `user:read:user`, or what the app's Zoom configuration grants).
 *
 * @example
 * ```ts
 * import ZoomProvider from 'gatehouse/providers/zoom'
 *
 * ZoomProvider({ clientId: process.env.ZOOM_CLIENT_ID!, clientSecret: process.env.ZOOM_CLIENT_SECRET! })
 * ```
 */
export default function ZoomProvider<P extends ZoomProfile = ZoomProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'zoom',
      name: 'Zoom',
      type: 'oauth',
      authorization: 'https://zoom.us/oauth/authorize',
      token: 'https://zoom.us/oauth/token',
      userinfo: 'https://api.zoom.us/v2/users/me',
      profile: (profile) => ({
        id: profile.id,
        name: profile.display_name || `${profile.first_name} ${profile.last_name}`.trim(),
        email: profile.email,
        image: profile.pic_url ?? null,
      }),
      style: { logo: 'zoom.svg', bg: '#0b5cff', text: '#fff' },
    },
    options,
  )
}
