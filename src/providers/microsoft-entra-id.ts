/**
 * Sign in with Microsoft Entra ID, formerly Azure Active Directory (OpenID Connect, v2.0
 * endpoints).
 *
 * @module
 */
import { ConfigurationError } from '../core/errors.js'
import type { OAuthConfig } from '../core/types.js'
import { definePreset, type PresetOptions } from './oauth.js'

/** The claims of a Microsoft identity platform v2.0 ID token. */
export interface MicrosoftEntraIDProfile {
  sub: string
  /** The user's object id in the tenant. */
  oid: string
  tid: string
  name: string
  preferred_username: string
  email?: string
}

/** Options of {@link MicrosoftEntraIDProvider}: the usual ones plus the tenant. */
export type MicrosoftEntraIDOptions<P extends MicrosoftEntraIDProfile> = PresetOptions<P> & {
  /**
   * The directory (tenant) ID, or a verified domain of the tenant, as in NextAuth.js v4. The
   * issuer is read from the tenant's own discovery document.
   */
  tenantId?: string
}

/** Tenant aliases whose ID tokens carry each user's own tenant as issuer. */
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers'])

/**
 * Microsoft work, school or personal accounts of one tenant. Pass `tenantId` (or a full
 * `issuer` such as `https://login.microsoftonline.com/<tenant ID>/v2.0`).
 *
 * Documented limit: the multi-tenant aliases `common`, `organizations` and `consumers` are
 * refused, because their ID tokens name each user's own tenant as issuer and Gatehouse checks
 * the issuer exactly. For personal accounts only, use the consumer tenant
 * `9188040d-6c67-4c5b-b112-36a304b66dad`. The profile photo (a Graph API call) is not fetched.
 *
 * @throws ConfigurationError without a tenant, or with a multi-tenant alias.
 *
 * @example
 * ```ts
 * import MicrosoftEntraIDProvider from 'gatehouse/providers/microsoft-entra-id'
 *
 * MicrosoftEntraIDProvider({
 *   clientId: process.env.AZURE_AD_CLIENT_ID!,
 *   clientSecret: process.env.AZURE_AD_CLIENT_SECRET!,
 *   tenantId: process.env.AZURE_AD_TENANT_ID!,
 * })
 * ```
 */
export default function MicrosoftEntraIDProvider<
  P extends MicrosoftEntraIDProfile = MicrosoftEntraIDProfile,
>(options: MicrosoftEntraIDOptions<P>): OAuthConfig {
  const { tenantId, ...rest } = options
  if (!rest.issuer && (!tenantId || MULTI_TENANT.has(tenantId))) {
    throw new ConfigurationError(
      `Provider "microsoft-entra-id": set "tenantId" to your directory (tenant) ID${tenantId ? `; "${tenantId}" is a multi-tenant alias whose ID tokens cannot be checked against one issuer` : ''}.`,
    )
  }
  return definePreset<P>(
    {
      id: 'microsoft-entra-id',
      name: 'Microsoft Entra ID',
      type: 'oidc',
      // The tenant's discovery document names its issuer (always the tenant ID form, also when
      // the tenant was given by domain); an `issuer` option takes precedence.
      ...(rest.issuer
        ? {}
        : {
            wellKnown: `https://login.microsoftonline.com/${encodeURIComponent(tenantId!)}/v2.0/.well-known/openid-configuration`,
          }),
      authorization: { params: { scope: 'openid profile email' } },
      idToken: true,
      profile: (profile) => ({
        id: profile.sub,
        name: profile.name,
        email: profile.email ?? profile.preferred_username,
        image: null,
      }),
      style: { logo: 'microsoft.svg', bg: '#fff', text: '#000' },
    },
    rest,
  )
}
