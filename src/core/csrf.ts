/**
 * CSRF protection: a double-submit token bound to the secret. The cookie holds
 * `token|sha256(token + secret)`, so a token planted by another site (or set with another
 * secret) is refused; a state-changing POST must echo `token` in its body. Browsers that send
 * `Origin` or `Sec-Fetch-Site` must also show the request came from the app's own origin.
 *
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { MissingCSRF } from './errors.js'
import type { RequestContext } from './internal.js'

function hashToken(token: string, secret: string): string {
  return createHash('sha256').update(`${token}${secret}`).digest('hex')
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The token in the request's CSRF cookie when the cookie is genuine, else `null`. */
export function verifiedCookieToken(ctx: RequestContext): string | null {
  const value = ctx.requestCookies[ctx.cookies.csrfToken.name]
  if (!value) return null
  const [token, hash, extra] = value.split('|')
  if (!token || !hash || extra !== undefined) return null
  return ctx.config.secret.some((secret) => equal(hash, hashToken(token, secret))) ? token : null
}

/**
 * The CSRF token for this request: the one in a genuine cookie, or a new one whose cookie is
 * queued on `ctx.setCookies`.
 *
 * @example
 * ```ts
 * const csrfToken = ensureCsrfToken(ctx)
 * ```
 */
export function ensureCsrfToken(ctx: RequestContext): string {
  const existing = verifiedCookieToken(ctx)
  if (existing) return existing
  const token = randomBytes(32).toString('hex')
  const { name, options } = ctx.cookies.csrfToken
  ctx.setCookies.push({
    name,
    value: `${token}|${hashToken(token, ctx.config.secret[0]!)}`,
    options,
  })
  return token
}

/**
 * Throws {@link MissingCSRF} unless the POST carries the cookie's token and comes from the app's
 * origin.
 *
 * @example
 * ```ts
 * assertCsrf(ctx, form.get('csrfToken'))
 * ```
 */
export function assertCsrf(ctx: RequestContext, submitted: unknown): void {
  const origin = ctx.request.headers.get('origin')
  if (origin && origin !== 'null' && origin !== ctx.origin) {
    throw new MissingCSRF(`The request came from ${origin}, not from ${ctx.origin}.`)
  }
  if (origin === 'null') throw new MissingCSRF('The request came from an opaque origin.')
  if (ctx.request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new MissingCSRF('The request came from another site.')
  }
  const expected = verifiedCookieToken(ctx)
  if (!expected) throw new MissingCSRF('The CSRF cookie is missing or was not set by this app.')
  if (typeof submitted !== 'string' || !equal(submitted, expected)) {
    throw new MissingCSRF('The CSRF token in the request does not match its cookie.')
  }
}
