/**
 * The check values of one authorization request (PKCE verifier, state, nonce), carried from the
 * sign-in request to the callback in short-lived encrypted cookies. Each cookie is bound to its
 * provider and encrypted with a key salted by the cookie's name, so a value cannot be moved to
 * another provider or another check.
 *
 * @module
 */
import { OAuthCallbackError } from '../errors.js'
import type { InternalOAuthProvider, RequestContext } from '../internal.js'
import { decode, encode } from '../session/jwt.js'
import type { CookieOption } from '../types.js'

/** A check an authorization request can carry. */
export type OAuthCheckName = 'pkce' | 'state' | 'nonce'

/** Seconds a check cookie lives: the time a user has to finish signing in at the provider. */
export const CHECK_MAX_AGE = 15 * 60

function checkCookie(ctx: RequestContext, check: OAuthCheckName): CookieOption {
  return check === 'pkce' ? ctx.cookies.pkceCodeVerifier : ctx.cookies[check]
}

/**
 * Stores `value` for `check` in its encrypted cookie on the response.
 *
 * @param crossSitePost The provider answers with `response_mode=form_post`.
 *
 * @example
 * ```ts
 * const state = oauth.generateRandomState()
 * storeCheck(ctx, provider, 'state', state)
 * ```
 */
export function storeCheck(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  check: OAuthCheckName,
  value: string,
  { crossSitePost = false }: { crossSitePost?: boolean } = {},
): void {
  const cookie = checkCookie(ctx, check)
  const maxAge = CHECK_MAX_AGE
  // A `form_post` response (Apple) comes back as a cross-site POST, which carries no
  // SameSite=Lax cookie; over HTTPS the check cookies are then sent with SameSite=None.
  const sameSite = crossSitePost && ctx.secure ? { sameSite: 'none' as const, secure: true } : {}
  const sealed = encode({
    token: { value, provider: provider.id },
    secret: ctx.config.secret,
    maxAge,
    salt: cookie.name,
  })
  ctx.setCookies.push({
    name: cookie.name,
    value: sealed,
    options: {
      ...cookie.options,
      ...sameSite,
      maxAge,
      expires: new Date(Date.now() + maxAge * 1000),
    },
  })
}

function openCheck(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  check: OAuthCheckName,
): string {
  const cookie = checkCookie(ctx, check)
  const sealed = ctx.requestCookies[cookie.name]
  if (!sealed) {
    throw new OAuthCallbackError(
      `The ${check} cookie is missing: the sign-in was not started from this browser, or took longer than ${CHECK_MAX_AGE / 60} minutes.`,
    )
  }
  const opened = decode({ token: sealed, secret: ctx.config.secret, salt: cookie.name })
  if (!opened || typeof opened.value !== 'string') {
    throw new OAuthCallbackError(`The ${check} cookie is expired or was altered.`)
  }
  if (opened.provider !== provider.id) {
    throw new OAuthCallbackError(`The ${check} cookie belongs to another provider.`)
  }
  return opened.value
}

/**
 * Reads and consumes the check values of the provider's authorization request: every check
 * cookie is deleted on the response whatever the outcome, so a value is never used twice.
 *
 * @throws OAuthCallbackError when a check cookie is missing, expired, altered or foreign.
 *
 * @example
 * ```ts
 * const { pkce, state, nonce } = consumeChecks(ctx, provider)
 * ```
 */
export function consumeChecks(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
): Partial<Record<OAuthCheckName, string>> {
  clearChecks(ctx)
  const values: Partial<Record<OAuthCheckName, string>> = {}
  for (const check of provider.checks) values[check] = openCheck(ctx, provider, check)
  return values
}

/**
 * Deletes the check cookies the request carried.
 *
 * @example
 * ```ts
 * clearChecks(ctx) // after the provider reported an error
 * ```
 */
export function clearChecks(ctx: RequestContext): void {
  for (const check of ['pkce', 'state', 'nonce'] as const) {
    const cookie = checkCookie(ctx, check)
    if (ctx.requestCookies[cookie.name] === undefined) continue
    if (ctx.setCookies.some((pending) => pending.name === cookie.name)) continue
    ctx.setCookies.push({ name: cookie.name, value: '', options: { ...cookie.options, maxAge: 0 } })
  }
}
