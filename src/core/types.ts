/**
 * The public types of Gatehouse. Names, fields and call signatures are those of NextAuth.js v4,
 * so that an app's options object and callbacks type-check unchanged. Apps extend `Session`,
 * `User` and `JWT` with `declare module 'gatehouse'` (and `'gatehouse/jwt'`).
 *
 * @module
 */
import type { Adapter, AdapterUser } from './adapter.js'
import type { Provider } from './provider-types.js'

export type * from './provider-types.js'
export type {
  Adapter,
  AdapterUser,
  AdapterAccount,
  AdapterSession,
  VerificationToken,
} from './adapter.js'

/** A value or a promise of it. */
export type Awaitable<T> = T | PromiseLike<T>

/** The user as the app sees it: what `profile()` and `authorize()` return. */
export interface User {
  id: string
  name?: string | null
  email?: string | null
  image?: string | null
}

/** The fields every session has; apps add theirs by augmenting {@link Session}. */
export interface DefaultSession {
  user?: {
    name?: string | null
    email?: string | null
    image?: string | null
  }
  /** ISO 8601 date at which the session ends. */
  expires: string
  /** Set to `'RefreshAccessTokenError'` when an automatic token refresh failed. */
  error?: string
}

/** The session returned by `GET /session`, `getServerSession` and `useSession`. Augmentable. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Session extends DefaultSession {}

/** The claims Gatehouse puts in a session JWT before the `jwt` callback adds its own. */
export interface DefaultJWT extends Record<string, unknown> {
  name?: string | null
  email?: string | null
  picture?: string | null
  sub?: string
  iat?: number
  exp?: number
  jti?: string
}

/** The decoded session token. Augmentable through `declare module 'gatehouse/jwt'`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JWT extends DefaultJWT {}

/** The profile an OAuth provider returned (userinfo or ID token claims). */
export interface Profile {
  sub?: string
  name?: string
  email?: string
  image?: string
  [claim: string]: unknown
}

/** The kind of a provider, which decides the sign-in flow. */
export type ProviderType = 'oauth' | 'oidc' | 'email' | 'credentials'

/** The tokens an OAuth provider returned from its token endpoint. */
export interface TokenSet {
  access_token?: string
  token_type?: string
  id_token?: string
  refresh_token?: string
  scope?: string
  /** Seconds since the epoch at which `access_token` expires. */
  expires_at?: number
  expires_in?: number
  session_state?: string
  [field: string]: unknown
}

/**
 * The account a user signed in with, as passed to callbacks and stored through
 * `adapter.linkAccount`. For OAuth it carries the token set.
 */
export interface Account extends Partial<TokenSet> {
  providerAccountId: string
  userId?: string
  provider: string
  type: ProviderType | 'webauthn'
}

/** Built-in page look, as in NextAuth.js. */
export interface Theme {
  colorScheme?: 'auto' | 'dark' | 'light'
  logo?: string
  brandColor?: string
  buttonText?: string
}

/** Paths of the app's own pages that replace the built-in ones. */
export interface PagesOptions {
  signIn?: string
  signOut?: string
  error?: string
  verifyRequest?: string
  /** Where a user lands after their first sign-in. */
  newUser?: string
}

/** Session storage and lifetime. */
export interface SessionOptions {
  /**
   * Default `'jwt'`, or `'database'` when an adapter is set. Any other string is refused at
   * start-up; plain `string` is accepted by the type so that an untyped options object (where
   * TypeScript widens `'database'` to `string`) compiles, as guides write it.
   */
  strategy?: 'jwt' | 'database' | (string & {})
  /** Seconds until an idle session expires. Default 30 days. */
  maxAge?: number
  /** Seconds between writes that extend the session. Default 24 hours. */
  updateAge?: number
  /** Generates the database session token. Default: 32 random bytes, hex. */
  generateSessionToken?: () => string
}

/** Options of a cookie Gatehouse sets. */
export interface CookieOption {
  name: string
  options: {
    httpOnly?: boolean
    sameSite?: 'lax' | 'strict' | 'none'
    path?: string
    secure?: boolean
    domain?: string
    maxAge?: number
  }
}

/** Names and attributes of every cookie; each can be overridden through `cookies`. */
export interface CookiesOptions {
  sessionToken: CookieOption
  callbackUrl: CookieOption
  csrfToken: CookieOption
  pkceCodeVerifier: CookieOption
  state: CookieOption
  nonce: CookieOption
}

/** Parameters of `encode`. */
export interface JWTEncodeParams {
  token?: JWT
  secret: string | string[]
  /** Seconds from now until the token expires. Default 30 days. */
  maxAge?: number
  /** Mixed into the key derivation; empty by default, as in NextAuth.js v4. */
  salt?: string
}

/** Parameters of `decode`. */
export interface JWTDecodeParams {
  token?: string
  secret: string | string[]
  salt?: string
}

/** Session token format; replace both to use a format of your own. */
export interface JWTOptions {
  maxAge?: number
  encode?: (params: JWTEncodeParams) => Awaitable<string>
  decode?: (params: JWTDecodeParams) => Awaitable<JWT | null>
}

/** The callbacks of NextAuth.js v4, with the same arguments. */
export interface CallbacksOptions {
  signIn?: (params: {
    user: User | AdapterUser
    account: Account | null
    profile?: Profile
    email?: { verificationRequest?: boolean }
    credentials?: Record<string, unknown>
  }) => Awaitable<boolean | string>
  redirect?: (params: { url: string; baseUrl: string }) => Awaitable<string>
  session?: (params: {
    session: Session
    token: JWT
    user: AdapterUser
    newSession?: unknown
    trigger?: 'update'
  }) => Awaitable<Session | DefaultSession>
  jwt?: (params: {
    token: JWT
    user: User | AdapterUser
    account: Account | null
    profile?: Profile
    trigger?: 'signIn' | 'signUp' | 'update'
    isNewUser?: boolean
    session?: unknown
  }) => Awaitable<JWT>
}

/** The events of NextAuth.js v4; they are awaited, and a throw is logged, not shown to users. */
export interface EventCallbacks {
  signIn?: (message: {
    user: User
    account: Account | null
    profile?: Profile
    isNewUser?: boolean
  }) => Awaitable<void>
  signOut?: (message: { session?: unknown; token?: JWT | null }) => Awaitable<void>
  createUser?: (message: { user: User }) => Awaitable<void>
  updateUser?: (message: { user: User }) => Awaitable<void>
  linkAccount?: (message: { user: User; account: Account; profile: User }) => Awaitable<void>
  session?: (message: { session: Session; token?: JWT }) => Awaitable<void>
}

/** A replacement for the logger. Each method gets the error code first. */
export interface LoggerInstance {
  error: (code: string, metadata: unknown) => void
  warn: (code: string) => void
  debug: (code: string, metadata?: unknown) => void
}

/** Per-route request limits. */
export interface RateLimitOptions {
  /** Length of a window in seconds. Default 60. */
  window?: number
  /** Requests allowed per window and key. Default 10. */
  max?: number
  /** Where the counters live. Default: in memory. */
  store?: RateLimitStore
  /**
   * The client's IP for per-IP limits. Default: the first `X-Forwarded-For` entry when
   * `trustHost` is on, else none (only per-identifier limits apply).
   */
  clientIp?: (request: Request, trustHost: boolean) => string | undefined
}

/** A counter store for rate limits, such as the memory or Redis store. */
export interface RateLimitStore {
  /** Adds one hit to `key` and returns the hits in the current window and when it ends. */
  hit: (key: string, windowSeconds: number) => Promise<{ count: number; resetAt: number }>
}

/** The options object of `NextAuth(options)` / `Auth(request, options)`. */
export interface AuthOptions {
  providers: Provider[]
  secret?: string | string[]
  session?: SessionOptions
  jwt?: JWTOptions
  pages?: PagesOptions
  callbacks?: CallbacksOptions
  events?: EventCallbacks
  adapter?: Adapter
  debug?: boolean
  logger?: Partial<LoggerInstance>
  theme?: Theme
  /** Force `__Secure-` cookies and the `Secure` attribute. Default: when the URL is HTTPS. */
  useSecureCookies?: boolean
  cookies?: Partial<CookiesOptions>
  /** Trust `X-Forwarded-Host` and `X-Forwarded-Proto` (behind a proxy you control). */
  trustHost?: boolean
  /** The URL path the routes are served under. Default `/api/auth`. */
  basePath?: string
  rateLimit?: false | RateLimitOptions
}

/** The NextAuth.js v4 name of {@link AuthOptions}. */
export type NextAuthOptions = AuthOptions

/** A provider as listed by `GET /providers`. */
export interface ClientSafeProvider {
  id: string
  name: string
  type: ProviderType
  signinUrl: string
  callbackUrl: string
}
