/**
 * Sign in with Discord (OAuth 2.0).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The `GET /users/@me` answer of the Discord API. */
export interface DiscordProfile {
  id: string
  username: string
  /** `'0'` for accounts on the new username system. */
  discriminator: string
  global_name: string | null
  avatar: string | null
  email: string | null
  verified: boolean
  locale?: string
  mfa_enabled?: boolean
}

/** The CDN URL of a user's avatar, or of the default avatar Discord shows without one. */
function avatarUrl(profile: DiscordProfile): string {
  if (profile.avatar) {
    const format = profile.avatar.startsWith('a_') ? 'gif' : 'png'
    return `https://cdn.discordapp.com/avatars/${profile.id}/${profile.avatar}.${format}`
  }
  const index =
    profile.discriminator === '0'
      ? Number((BigInt(profile.id) >> 22n) % 6n)
      : Number(profile.discriminator) % 5
  return `https://cdn.discordapp.com/embed/avatars/${index}.png`
}

/**
 * Discord accounts, scope `identify email`.
 *
 * @example
 * ```ts
 * import DiscordProvider from 'gatehouse/providers/discord'
 *
 * DiscordProvider({ clientId: process.env.DISCORD_ID!, clientSecret: process.env.DISCORD_SECRET! })
 * ```
 */
export default function DiscordProvider<P extends DiscordProfile = DiscordProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'discord',
      name: 'Discord',
      type: 'oauth',
      authorization: {
        url: 'https://discord.com/api/oauth2/authorize',
        params: { scope: 'identify email' },
      },
      token: 'https://discord.com/api/oauth2/token',
      userinfo: 'https://discord.com/api/users/@me',
      profile: (profile) => ({
        id: profile.id,
        name: profile.global_name ?? profile.username,
        email: profile.email,
        image: avatarUrl(profile),
      }),
      style: { logo: 'discord.svg', bg: '#5865f2', text: '#fff' },
    },
    options,
  )
}
