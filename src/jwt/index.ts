/**
 * `gatehouse/jwt`: the session token format, as `next-auth/jwt`. `encode` and `decode` read and
 * write the encrypted session JWT; `getToken` reads it from a request, e.g. in a proxy.
 *
 * @module
 */
import { readChunked, parseCookies } from '../core/cookies.js'
import { decode } from '../core/session/jwt.js'
import type { JWT, JWTDecodeParams } from '../core/types.js'

export { encode, decode } from '../core/session/jwt.js'
export type {
  JWT,
  DefaultJWT,
  JWTEncodeParams,
  JWTDecodeParams,
  JWTOptions,
} from '../core/types.js'

/** A request `getToken` can read: a Web `Request`, a `NextRequest`, or a Node.js request. */
export type TokenRequest =
  Request | { headers: Headers | Record<string, string | string[] | undefined>; url?: string }

/** Parameters of {@link getToken}. */
export interface GetTokenParams<R extends boolean = false> {
  req: TokenRequest
  /** Default: `NEXTAUTH_SECRET`, then `AUTH_SECRET`. */
  secret?: string | string[]
  /** Read the `__Secure-` cookie. Default: when `NEXTAUTH_URL`/`AUTH_URL` or the request is HTTPS. */
  secureCookie?: boolean
  /** Default `next-auth.session-token`, with `__Secure-` when `secureCookie`. */
  cookieName?: string
  /** Return the encoded token instead of its claims. */
  raw?: R
  /** A decoder of your own, when the app replaced `jwt.decode`. */
  decode?: (params: JWTDecodeParams) => JWT | null | PromiseLike<JWT | null>
  salt?: string
}

function header(req: TokenRequest, name: string): string | undefined {
  const { headers } = req
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined
  const value = (headers as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(value) ? value.join('; ') : value
}

function isSecure(req: TokenRequest): boolean {
  const appUrl = process.env.NEXTAUTH_URL ?? process.env.AUTH_URL
  // As the engine reads it: an app URL without a scheme is HTTPS.
  if (appUrl) return !appUrl.includes('://') || appUrl.startsWith('https://')
  return typeof req.url === 'string' && req.url.startsWith('https://')
}

/**
 * The session JWT of a request (from its cookie, or an `Authorization: Bearer` header), decoded,
 * or `null` when there is none or it does not decrypt. With `raw: true`, the encoded token.
 *
 * @example
 * ```ts
 * import { getToken } from 'gatehouse/jwt'
 *
 * const token = await getToken({ req: request })
 * if (token?.role !== 'ADMIN') return new Response('Forbidden', { status: 403 })
 * ```
 */
export async function getToken<R extends boolean = false>(
  params: GetTokenParams<R>,
): Promise<R extends true ? string | null : JWT | null> {
  type Result = R extends true ? string | null : JWT | null
  const { req } = params
  const secureCookie = params.secureCookie ?? isSecure(req)
  const cookieName =
    params.cookieName ?? `${secureCookie ? '__Secure-' : ''}next-auth.session-token`

  const cookies = parseCookies(header(req, 'cookie'))
  let token = readChunked(cookies, cookieName)
  if (
    !token &&
    params.secureCookie === undefined &&
    params.cookieName === undefined &&
    !secureCookie
  ) {
    // Behind a TLS-terminating proxy the request URL may say http while the cookie is secure.
    // Never the other way: on HTTPS only a `__Secure-` cookie is trusted, as any origin of
    // the site could have planted one without the prefix.
    token = readChunked(cookies, '__Secure-next-auth.session-token')
  }
  const authorization = header(req, 'authorization')
  if (!token && authorization?.startsWith('Bearer ')) token = authorization.slice(7).trim()
  if (!token) return null as Result
  if (params.raw) return token as Result

  const secret = params.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET
  if (!secret || (Array.isArray(secret) && secret.length === 0)) {
    throw new TypeError(
      'getToken needs a secret: pass `secret` or set NEXTAUTH_SECRET (or AUTH_SECRET).',
    )
  }
  const decoder = params.decode ?? decode
  try {
    return ((await decoder({ token, secret, salt: params.salt })) ?? null) as Result
  } catch {
    return null as Result
  }
}
