/**
 * Sign in with Slack (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims Slack returns for a user. */
export interface SlackProfile {
  sub: string
  name: string
  email?: string
  email_verified?: boolean
  picture?: string
  'https://slack.com/user_id': string
  'https://slack.com/team_id': string
  'https://slack.com/team_name'?: string
}

/**
 * Slack users, through Sign in with Slack (OpenID Connect).
 *
 * @example
 * ```ts
 * import SlackProvider from 'gatehouse/providers/slack'
 *
 * SlackProvider({ clientId: process.env.SLACK_CLIENT_ID!, clientSecret: process.env.SLACK_CLIENT_SECRET! })
 * ```
 */
export default function SlackProvider<P extends SlackProfile = SlackProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'slack',
      name: 'Slack',
      type: 'oidc',
      issuer: 'https://slack.com',
      authorization: { params: { scope: 'openid profile email' } },
      idToken: true,
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      }),
      style: { logo: 'slack.svg' },
    },
    options,
  )
}
