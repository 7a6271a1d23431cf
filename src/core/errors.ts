/**
 * One error class per failure, each with a stable `code` that apps can switch on, that the
 * logger prints, and that users see as `?error=Code` on the sign-in or error page. The codes a
 * NextAuth.js app already handles keep their NextAuth.js names.
 *
 * @module
 */

/** The base of every Gatehouse error. `code` is stable; `message` says what to do. */
export class GatehouseError extends Error {
  /** The stable code of this class of failure. */
  static code = 'Default'
  /** The same as the class's static `code`. */
  readonly code: string
  /** The HTTP status a route answers with when this error ends a request. */
  readonly status: number

  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = (new.target as typeof GatehouseError).code
    this.status = options?.status ?? 400
  }
}

/** The options are wrong. Thrown at start-up, naming the option and the fix. */
export class ConfigurationError extends GatehouseError {
  static override code = 'Configuration'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, status: 500 })
  }
}

/** A state-changing POST came without a valid CSRF token, or from another origin. */
export class MissingCSRF extends GatehouseError {
  static override code = 'MissingCSRF'
  constructor(
    message = 'The CSRF token is missing or does not match.',
    options?: { cause?: unknown },
  ) {
    super(message, { ...options, status: 403 })
  }
}

/** The path names no route of the auth handler. */
export class UnknownAction extends GatehouseError {
  static override code = 'UnknownAction'
  constructor(message: string) {
    super(message, { status: 404 })
  }
}

/** The route exists but not for this HTTP method. */
export class MethodNotAllowed extends GatehouseError {
  static override code = 'MethodNotAllowed'
  /** The methods the route accepts, for the `Allow` header. */
  readonly allow: string
  constructor(message: string, allow: string) {
    super(message, { status: 405 })
    this.allow = allow
  }
}

/** The request names a provider the options do not configure. */
export class UnknownProvider extends GatehouseError {
  static override code = 'UnknownProvider'
  constructor(message: string) {
    super(message, { status: 404 })
  }
}

/** The request is malformed: unreadable body, oversized value, wrong content type. */
export class InvalidRequest extends GatehouseError {
  static override code = 'InvalidRequest'
}

/** The `signIn` callback refused the user, or the provider reported `access_denied`. */
export class AccessDenied extends GatehouseError {
  static override code = 'AccessDenied'
  constructor(message = 'Sign-in was refused.', options?: { cause?: unknown }) {
    super(message, { ...options, status: 403 })
  }
}

/** `authorize()` returned null or threw. */
export class CredentialsSignin extends GatehouseError {
  static override code = 'CredentialsSignin'
  constructor(message = 'The credentials were not accepted.', options?: { cause?: unknown }) {
    super(message, { ...options, status: 401 })
  }
}

/** Building the authorization request failed (discovery, endpoint, configuration). */
export class OAuthSignin extends GatehouseError {
  static override code = 'OAuthSignin'
}

/** The OAuth callback failed a check (state, PKCE, nonce, ID token) or the token exchange. */
export class OAuthCallbackError extends GatehouseError {
  static override code = 'OAuthCallback'
}

/** The user or account could not be created from an OAuth profile. */
export class OAuthCreateAccount extends GatehouseError {
  static override code = 'OAuthCreateAccount'
}

/** The email belongs to a user who signed in with another provider. */
export class OAuthAccountNotLinked extends GatehouseError {
  static override code = 'OAuthAccountNotLinked'
}

/** The verification email could not be sent, or the address was refused. */
export class EmailSignin extends GatehouseError {
  static override code = 'EmailSignin'
}

/** The user could not be created from an email sign-in. */
export class EmailCreateAccount extends GatehouseError {
  static override code = 'EmailCreateAccount'
}

/** A magic link was used before, expired, or does not match its address. */
export class Verification extends GatehouseError {
  static override code = 'Verification'
  constructor(message = 'The sign-in link is no longer valid.', options?: { cause?: unknown }) {
    super(message, { ...options, status: 403 })
  }
}

/** A sign-in callback failed in a way none of the more precise codes covers. */
export class CallbackRouteError extends GatehouseError {
  static override code = 'Callback'
}

/** The session cookie could not be read (tampered, foreign secret, malformed). */
export class JWTSessionError extends GatehouseError {
  static override code = 'JWTSessionError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, status: 401 })
  }
}

/** The session could not be read or written through the adapter. */
export class SessionTokenError extends GatehouseError {
  static override code = 'SessionTokenError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, status: 500 })
  }
}

/** An adapter method threw. The cause is attached; users see a generic error. */
export class AdapterError extends GatehouseError {
  static override code = 'AdapterError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, status: 503 })
  }
}

/** An access token refresh failed; surfaced as `session.error`. */
export class RefreshAccessTokenError extends GatehouseError {
  static override code = 'RefreshAccessTokenError'
}

/** Too many requests for this route and key. */
export class RateLimited extends GatehouseError {
  static override code = 'RateLimited'
  /** Seconds until the limit resets. */
  readonly retryAfter: number
  constructor(retryAfter: number) {
    super(`Too many requests; try again in ${retryAfter} s.`, { status: 429 })
    this.retryAfter = retryAfter
  }
}

/** Whether `error` is a Gatehouse error, across copies of the package. */
export function isGatehouseError(error: unknown): error is GatehouseError {
  return error instanceof GatehouseError
}
