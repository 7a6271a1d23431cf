/**
 * Shapes the engine passes between its parts once options are validated. Nothing here is
 * public: apps see `AuthOptions`, and these are what `config.ts` makes of it.
 *
 * @module
 */
import type { Adapter } from './adapter.js'
import type { BodyFields } from './body.js'
import type { TokenCache } from './session/token-cache.js'
import type {
  AuthOptions,
  Awaitable,
  CallbacksOptions,
  CookieOption,
  CookiesOptions,
  CredentialsConfig,
  EmailConfig,
  EventCallbacks,
  JWT,
  JWTDecodeParams,
  JWTEncodeParams,
  LoggerInstance,
  OAuthConfig,
  PagesOptions,
  RateLimitOptions,
  Theme,
} from './types.js'

/** An OAuth/OIDC provider after its `options` were merged over the preset. */
export type InternalOAuthProvider = OAuthConfig & {
  checks: Array<'pkce' | 'state' | 'nonce'>
  /** `<basePath>/signin/<id>` and `<basePath>/callback/<id>`, as paths. */
  signinPath: string
  callbackPath: string
}

/** A credentials provider, normalised. */
export type InternalCredentialsProvider = CredentialsConfig & {
  signinPath: string
  callbackPath: string
}

/** An email provider, normalised. */
export type InternalEmailProvider = EmailConfig & {
  maxAge: number
  normalizeIdentifier: (identifier: string) => string
  signinPath: string
  callbackPath: string
}

/** Any provider, normalised. */
export type InternalProvider =
  InternalOAuthProvider | InternalCredentialsProvider | InternalEmailProvider

/** A cookie to set on the response. `maxAge: 0` deletes it. */
export interface SetCookie {
  name: string
  value: string
  options: CookieOption['options'] & { expires?: Date }
}

/** The validated options, computed once per options object. */
export interface InternalConfig {
  /** The object the app passed, for callbacks that want it. */
  options: AuthOptions
  providers: InternalProvider[]
  providersById: Map<string, InternalProvider>
  /** Secrets, newest first: encrypt with `[0]`, decrypt with any. */
  secret: string[]
  /** The secret as the app gave it (a string or an array), passed to custom `jwt.encode`/`decode`. */
  secretOption: string | string[]
  /** Path prefix of every route, without a trailing slash, e.g. `/api/auth`. */
  basePath: string
  /** The app's public URL from `NEXTAUTH_URL`/`AUTH_URL`, when set. */
  url: URL | null
  trustHost: boolean
  session: {
    strategy: 'jwt' | 'database'
    maxAge: number
    updateAge: number
    generateSessionToken: () => string
  }
  jwt: {
    maxAge: number
    encode: (params: JWTEncodeParams) => Awaitable<string>
    decode: (params: JWTDecodeParams) => Awaitable<JWT | null>
  }
  /** Cookie names and attributes for plain-HTTP and for HTTPS origins. */
  cookies: { insecure: CookiesOptions; secure: CookiesOptions }
  /** `undefined` means: decide per request from the URL scheme. */
  useSecureCookies: boolean | undefined
  callbacks: Required<CallbacksOptions>
  events: EventCallbacks
  adapter: Adapter | undefined
  logger: LoggerInstance
  pages: PagesOptions
  theme: Required<Pick<Theme, 'colorScheme'>> & Theme
  rateLimit: false | Required<RateLimitOptions>
  /** Whether any provider refreshes access tokens automatically. */
  refreshes: boolean
  /** Session tokens the built-in decoder has already decrypted under these secrets. */
  tokenCache: TokenCache
}

/** Reads one request header, case-insensitively; `null` when absent. */
export interface HeaderReader {
  get(name: string): string | null
}

/**
 * The request as the engine reads it. `Auth` makes one from a Web `Request`; the node:http and
 * Express integrations make one from an `IncomingMessage` without building a Web `Request`,
 * which costs more than a session read itself.
 */
export interface AuthRequest {
  /** Upper-case method, e.g. `GET`. */
  method: string
  /** The absolute URL the request arrived on. */
  url: string
  headers: HeaderReader
  /** The POST body's fields; `{}` for other methods and empty bodies. Read at most once. */
  readBody(): Promise<BodyFields>
  /**
   * The same request as a Web `Request`, for app code that receives one (`authorize`,
   * `sendVerificationRequest`, `rateLimit.clientIp`). Built on first use, then kept.
   */
  toRequest(): Request
}

/**
 * The engine's answer before it becomes a Web `Response` or a node:http response: cookies are
 * serialised `Set-Cookie` values, one per header line.
 */
export interface AuthResponse {
  status: number
  headers: Record<string, string>
  cookies: string[]
  body: string | null
}

/** What every route handler gets: the config plus facts about this request. */
export interface RequestContext {
  config: InternalConfig
  request: AuthRequest
  /** The request URL as the client saw it (corrected for `NEXTAUTH_URL` or trusted proxies). */
  url: URL
  /** The app's origin, e.g. `https://app.example`: the only redirect target allowed by default. */
  origin: string
  /** The origin plus the app's base path, as `redirect` callbacks receive it (`baseUrl`). */
  baseUrl: string
  /** Whether cookies get `Secure` and the `__Secure-`/`__Host-` prefixes. */
  secure: boolean
  /** The cookie names and attributes for this request. */
  cookies: CookiesOptions
  /** The cookies the request carried. */
  requestCookies: Record<string, string>
  /** Cookies to set on the response, collected as the route runs. */
  setCookies: SetCookie[]
}
