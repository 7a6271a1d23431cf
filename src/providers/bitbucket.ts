/**
 * Sign in with Bitbucket Cloud (OAuth 2.0). The user object carries no email; it is read from
 * `/user/emails` (the primary confirmed address).
 *
 * @module
 */
import type { OAuthConfig, Profile } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'
import { requestJson, userinfoUrl } from './userinfo-request.js'

/** The `GET /2.0/user` answer of the Bitbucket API, plus the email the preset looks up. */
export interface BitbucketProfile {
  uuid: string
  account_id?: string
  username?: string
  nickname?: string
  display_name: string
  links: { avatar?: { href: string } }
  /** Added by the preset from `/user/emails`. */
  email?: string | null
}

/** A page of `GET /2.0/user/emails`. */
interface BitbucketEmails {
  values: Array<{ email: string; is_primary: boolean; is_confirmed: boolean }>
}

/**
 * Bitbucket accounts, scopes `account email`.
 *
 * @example
 * ```ts
 * import BitbucketProvider from 'gatehouse/providers/bitbucket'
 *
 * BitbucketProvider({ clientId: process.env.BITBUCKET_KEY!, clientSecret: process.env.BITBUCKET_SECRET! })
 * ```
 */
export default function BitbucketProvider<P extends BitbucketProfile = BitbucketProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'bitbucket',
      name: 'Bitbucket',
      type: 'oauth',
      authorization: {
        url: 'https://bitbucket.org/site/oauth2/authorize',
        params: { scope: 'account email' },
      },
      token: 'https://bitbucket.org/site/oauth2/access_token',
      userinfo: {
        url: 'https://api.bitbucket.org/2.0/user',
        async request({ tokens, provider }) {
          const url = userinfoUrl(provider)
          const profile = await requestJson<BitbucketProfile>(url, tokens)
          const { values } = await requestJson<BitbucketEmails>(`${url}/emails`, tokens)
          const chosen =
            values.find((e) => e.is_primary && e.is_confirmed) ?? values.find((e) => e.is_confirmed)
          return { ...profile, email: chosen?.email ?? null } as unknown as Profile
        },
      },
      profile: (profile) => ({
        id: profile.uuid,
        name: profile.display_name,
        email: profile.email ?? null,
        image: profile.links.avatar?.href ?? null,
      }),
      style: { logo: 'bitbucket.svg', bg: '#0052cc', text: '#fff' },
    },
    options,
  )
}
