/**
 * Sign in with Spotify (OAuth 2.0).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The `GET /v1/me` answer of the Spotify Web API. */
export interface SpotifyProfile {
  id: string
  display_name: string | null
  email: string
  images: Array<{ url: string; height: number | null; width: number | null }>
  country?: string
  product?: string
}

/**
 * Spotify accounts, scope `user-read-email`.
 *
 * @example
 * ```ts
 * import SpotifyProvider from 'gatehouse/providers/spotify'
 *
 * SpotifyProvider({ clientId: process.env.SPOTIFY_CLIENT_ID!, clientSecret: process.env.SPOTIFY_CLIENT_SECRET! })
 * ```
 */
export default function SpotifyProvider<P extends SpotifyProfile = SpotifyProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'spotify',
      name: 'Spotify',
      type: 'oauth',
      authorization: {
        url: 'https://accounts.spotify.com/authorize',
        params: { scope: 'user-read-email' },
      },
      token: 'https://accounts.spotify.com/api/token',
      userinfo: 'https://api.spotify.com/v1/me',
      profile: (profile) => ({
        id: profile.id,
        name: profile.display_name,
        email: profile.email,
        image: profile.images[0]?.url ?? null,
      }),
      style: { logo: 'spotify.svg', bg: '#1db954', text: '#fff' },
    },
    options,
  )
}
