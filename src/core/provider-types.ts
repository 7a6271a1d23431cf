/**
 * The provider configurations: OAuth 2.0 / OpenID Connect, credentials and email, with the
 * option names of NextAuth.js v4. Re-exported by `types.ts`.
 *
 * @module
 */
import type { Awaitable, Profile, ProviderType, Theme, TokenSet, User } from './types.js'

/** Options every provider accepts. */
export interface CommonProviderOptions {
  id: string
  name: string
  type: ProviderType
}

/** A URL, or a URL with extra parameters for an OAuth endpoint. */
export type EndpointOption = string | { url?: string; params?: Record<string, unknown> }

/** A userinfo endpoint, optionally with a request function of its own. */
export type UserinfoOption =
  | string
  | {
      url?: string
      params?: Record<string, unknown>
      /** Fetches the profile yourself, e.g. for providers whose userinfo needs extra calls. */
      request?: (context: { tokens: TokenSet; provider: OAuthConfig }) => Awaitable<Profile>
    }

/** The security checks of an OAuth flow. */
export type OAuthCheck = 'pkce' | 'state' | 'nonce' | 'none'

/** How a refreshed access token is obtained; `true` uses the provider's token endpoint. */
export interface TokenRefreshOptions {
  /** Refresh when the access token expires within this many seconds. Default 60. */
  margin?: number
}

/** An OAuth 2.0 or OpenID Connect provider, as in NextAuth.js v4. */
export interface OAuthConfig<P extends Profile = Profile> extends CommonProviderOptions {
  type: 'oauth' | 'oidc'
  clientId: string
  clientSecret?: string
  /** The issuer identifier; enables discovery through `/.well-known/openid-configuration`. */
  issuer?: string
  /** An explicit discovery document URL. */
  wellKnown?: string
  authorization?: EndpointOption
  token?: EndpointOption
  userinfo?: UserinfoOption
  /** Default: `['pkce', 'state']`, plus `'nonce'` for OIDC. */
  checks?: OAuthCheck[]
  client?: {
    token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none'
    id_token_signed_response_alg?: string
    [metadata: string]: unknown
  }
  /** Read the profile from the ID token instead of the userinfo endpoint. Default: OIDC only. */
  idToken?: boolean
  /** Maps the provider's profile to the Gatehouse user. */
  profile?(profile: P, tokens: TokenSet): Awaitable<User & Record<string, unknown>>
  /** Link this provider's account to an existing user with the same email without asking. */
  allowDangerousEmailAccountLinking?: boolean
  /** Refresh expired access tokens with the stored refresh token. Off unless set. */
  refresh?: boolean | TokenRefreshOptions
  style?: { logo?: string; bg?: string; text?: string; brandColor?: string }
  /**
   * Allows `http://` endpoints. Only for a local identity provider in development or tests:
   * over plain HTTP, codes and tokens can be read and changed in transit. Off unless set.
   */
  allowInsecureRequests?: boolean
  /** The options the app passed to a preset, merged over the preset's defaults. */
  options?: Partial<OAuthConfig<P>>
}

/** OAuth provider options an app passes to a preset such as `GoogleProvider(options)`. */
export type OAuthUserConfig<P extends Profile = Profile> = Omit<
  Partial<OAuthConfig<P>>,
  'options' | 'type'
> &
  Required<Pick<OAuthConfig<P>, 'clientId'>> & { clientSecret?: string }

/** A field of the credentials sign-in form. */
export interface CredentialInput {
  label?: string
  type?: string
  value?: string
  placeholder?: string
}

/** A provider that signs users in with `authorize()` over submitted credentials. */
export interface CredentialsConfig<
  C extends Record<string, CredentialInput> = Record<string, CredentialInput>,
> extends CommonProviderOptions {
  type: 'credentials'
  credentials: C
  authorize: (
    credentials: Record<keyof C, string> | undefined,
    request: Request,
  ) => Awaitable<User | null>
}

/** What `sendVerificationRequest` receives. */
export interface SendVerificationRequestParams {
  identifier: string
  url: string
  expires: Date
  provider: EmailConfig
  token: string
  theme: Theme
  request: Request
}

/** A provider that signs users in with a single-use link sent by email. */
export interface EmailConfig extends CommonProviderOptions {
  type: 'email'
  /** An SMTP URL or nodemailer transport options. */
  server?: string | Record<string, unknown>
  from?: string
  /** Seconds a link stays valid. Default 24 hours. */
  maxAge?: number
  sendVerificationRequest: (params: SendVerificationRequestParams) => Awaitable<void>
  generateVerificationToken?: () => Awaitable<string>
  /** Returns the canonical address, or throws for one that must be refused. */
  normalizeIdentifier?: (identifier: string) => string
}

/** Any provider. */
export type Provider = OAuthConfig | CredentialsConfig | EmailConfig
