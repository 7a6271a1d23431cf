/**
 * Any OAuth 2.0 or OpenID Connect provider, from its options alone: the generic factory behind
 * every preset, and the types to write one. A plain object literal with `type: 'oauth'` or
 * `type: 'oidc'` works as well; the factory only adds type checking.
 *
 * @module
 */
import type { OAuthProviderExtensions } from '../core/oauth/provider.js'
import type {
  Awaitable,
  OAuthConfig,
  OAuthUserConfig,
  Profile,
  TokenSet,
  User,
} from '../core/types.js'

export type {
  Account,
  EndpointOption,
  OAuthCheck,
  OAuthConfig,
  OAuthUserConfig,
  Profile,
  TokenRefreshOptions,
  TokenSet,
  User,
  UserinfoOption,
} from '../core/types.js'
export type { OAuthProviderExtensions } from '../core/oauth/provider.js'
export type { OAuthTokenClaim } from '../core/oauth/refresh-session.js'

/** The options of {@link OAuthProvider}: a full provider definition. */
export type OAuthProviderConfig<P extends Profile = Profile> = OAuthConfig<P> &
  OAuthProviderExtensions

/**
 * Defines an OAuth 2.0 or OIDC provider that has no preset.
 *
 * @example
 * ```ts
 * import OAuthProvider from 'gatehouse/providers/oauth'
 *
 * OAuthProvider({
 *   id: 'corp',
 *   name: 'Corp SSO',
 *   type: 'oidc',
 *   issuer: 'https://sso.corp.example',
 *   clientId: process.env.CORP_CLIENT_ID!,
 *   clientSecret: process.env.CORP_CLIENT_SECRET!,
 * })
 * ```
 */
export function OAuthProvider<P extends Profile = Profile>(
  config: OAuthProviderConfig<P>,
): OAuthConfig {
  return config as unknown as OAuthConfig
}

export default OAuthProvider

/** A `profile()` typed for one provider's profile shape. */
export type ProfileMapper<P> = (
  profile: P,
  tokens: TokenSet,
) => Awaitable<User & Record<string, unknown>>

/**
 * The options an app passes to a preset, such as `GoogleProvider(options)`: any provider
 * option, with `clientId` required and `profile()` typed for the preset's profile.
 */
export type PresetOptions<P = Profile> = Omit<OAuthUserConfig, 'profile'> &
  OAuthProviderExtensions & { profile?: ProfileMapper<P> }

/** What a preset defines: everything but the client credentials, with its typed `profile()`. */
export type PresetDefaults<P = Profile> = Omit<OAuthConfig, 'clientId' | 'options' | 'profile'> & {
  profile?: ProfileMapper<P>
}

/**
 * Builds a preset's provider: its defaults, plus the app's options kept under `options` for the
 * engine to merge over them. Typed for the preset's profile, returned as a plain provider so it
 * fits in `providers: [...]`.
 *
 * @example
 * ```ts
 * export default function AcmeProvider(options: PresetOptions<AcmeProfile>) {
 *   return definePreset<AcmeProfile>({ id: 'acme', name: 'Acme', type: 'oidc', issuer }, options)
 * }
 * ```
 */
export function definePreset<P>(
  defaults: PresetDefaults<P>,
  options: PresetOptions<P>,
): OAuthConfig {
  const provider = { ...defaults, clientId: options.clientId, options }
  return provider as unknown as OAuthConfig
}
