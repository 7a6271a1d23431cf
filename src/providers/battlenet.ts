/**
 * Sign in with Battle.net (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims Battle.net returns for a user. */
export interface BattleNetProfile {
  sub: string
  battle_tag: string
  id?: number
}

/**
 * Battle.net accounts. Battle.net shares no email; the name is the BattleTag. For China, pass `issuer: 'https://oauth.battlenet.com.cn'`.
 *
 * @example
 * ```ts
 * import BattleNetProvider from 'gatehouse/providers/battlenet'
 *
 * BattleNetProvider({ clientId: process.env.BATTLENET_CLIENT_ID!, clientSecret: process.env.BATTLENET_CLIENT_SECRET! })
 * ```
 */
export default function BattleNetProvider<P extends BattleNetProfile = BattleNetProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'battlenet',
      name: 'Battle.net',
      type: 'oidc',
      issuer: 'https://oauth.battle.net',
      authorization: { params: { scope: 'openid' } },
      idToken: true,
      profile: (profile) => ({
        id: profile.sub,
        name: profile.battle_tag,
        email: null,
        image: null,
      }),
      style: { logo: 'battlenet.svg' },
    },
    options,
  )
}
