/**
 * Sign in with Salesforce (OpenID Connect).
 *
 * @module
 */
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The Salesforce userinfo answer (the fields used here and the common ones). */
export interface SalesforceProfile {
  /** A URL naming the org and user, e.g. `https://login.salesforce.com/id/00D.../005...`. */
  sub: string
  user_id: string
  organization_id: string
  name: string
  preferred_username?: string
  email: string
  email_verified?: boolean
  picture?: string
}

/**
 * Salesforce users. Sandboxes use `issuer: 'https://test.salesforce.com'`, My Domain orgs
 * their own `https://DOMAIN.my.salesforce.com`.
 *
 * @example
 * ```ts
 * import SalesforceProvider from 'gatehouse/providers/salesforce'
 *
 * SalesforceProvider({ clientId: process.env.SALESFORCE_CLIENT_ID!, clientSecret: process.env.SALESFORCE_CLIENT_SECRET! })
 * ```
 */
export default function SalesforceProvider<P extends SalesforceProfile = SalesforceProfile>(
  options: PresetOptions<P>,
): OAuthConfig {
  return definePreset<P>(
    {
      id: 'salesforce',
      name: 'Salesforce',
      type: 'oidc',
      issuer: 'https://login.salesforce.com',
      authorization: { params: { scope: 'openid profile email' } },
      idToken: false,
      profile: (profile) => ({
        id: profile.user_id,
        name: profile.name,
        email: profile.email,
        image: profile.picture ?? null,
      }),
      style: { logo: 'salesforce.svg', bg: '#00a1e0', text: '#fff' },
    },
    options,
  )
}
