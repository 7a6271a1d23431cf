/**
 * `gatehouse/middleware`: `withAuth` for `proxy.ts` (Next 16) and `middleware.ts`, with the
 * forms and options of `next-auth/middleware`. JWT sessions are read from the cookie; database
 * sessions, on the Node.js runtime that `proxy.ts` always uses, through the engine when the
 * app's `authOptions` are passed.
 *
 * @module
 */
import { NextResponse } from 'next/server'
import type { NextFetchEvent, NextMiddleware, NextRequest } from 'next/server'

import { createLogger } from '../core/logger.js'
import type { AuthOptions, JWT, JWTOptions, PagesOptions, Session } from '../core/types.js'
import { getToken } from '../jwt/index.js'

/** The request as the wrapped middleware sees it: with the token that was authorized. */
export interface NextRequestWithAuth extends NextRequest {
  nextauth: { token: JWT | null }
}

/** A middleware wrapped by `withAuth`. */
export type NextMiddlewareWithAuth = (
  request: NextRequestWithAuth,
  event: NextFetchEvent,
) => ReturnType<NextMiddleware>

/** Options of `withAuth`, as in `next-auth/middleware`, plus `authOptions`. */
export interface NextAuthMiddlewareOptions {
  /** Where to send visitors who are not authorized. Default `/api/auth/signin`. */
  pages?: Pick<PagesOptions, 'signIn' | 'error'>
  /** The session cookie's name when the app changed it. */
  cookies?: { sessionToken?: { name?: string } }
  /** A custom token decoder, when the app replaced `jwt.decode`. */
  jwt?: Pick<JWTOptions, 'decode'>
  callbacks?: {
    /** Decides whether the request may pass. Default: whether there is a session. */
    authorized?: (params: { token: JWT | null; req: NextRequest }) => boolean | Promise<boolean>
  }
  /** The secret of the session cookie. Default `NEXTAUTH_SECRET` (or `AUTH_SECRET`). */
  secret?: string | string[]
  /**
   * The app's auth options. Required for database sessions: the session is then read through
   * the adapter, which needs the Node.js runtime (`proxy.ts`, or `runtime: 'nodejs'`). It also
   * supplies `basePath`, `secret`, `pages` and the cookie name when those are not given here.
   */
  authOptions?: AuthOptions
}

const publicPaths = ['/_next', '/favicon.ico']

/** Whether the options keep sessions in the database rather than in a JWT cookie. */
function usesDatabaseSessions(authOptions: AuthOptions | undefined): boolean {
  if (!authOptions) return false
  return (
    authOptions.session?.strategy === 'database' ||
    (!!authOptions.adapter && !authOptions.session?.strategy)
  )
}

/** The claims a database session exposes to `authorized`, shaped like a session JWT. */
function tokenFromSession(session: Session): JWT {
  const user = (session.user ?? {}) as Record<string, unknown>
  return {
    ...user,
    name: (user.name as string | null | undefined) ?? null,
    email: (user.email as string | null | undefined) ?? null,
    picture: (user.image as string | null | undefined) ?? null,
    sub: typeof user.id === 'string' ? user.id : undefined,
  }
}

/** Reads the session of the request as a token, from the cookie or through the engine. */
async function readToken(
  request: NextRequest,
  options: NextAuthMiddlewareOptions,
  secret: string | string[],
): Promise<JWT | null> {
  if (options.authOptions && usesDatabaseSessions(options.authOptions)) {
    const { getSession } = await import('../core/index.js')
    const session = await getSession(request, options.authOptions)
    return session ? tokenFromSession(session) : null
  }
  return getToken({
    req: request,
    secret,
    cookieName:
      options.cookies?.sessionToken?.name ?? options.authOptions?.cookies?.sessionToken?.name,
    decode: options.jwt?.decode ?? options.authOptions?.jwt?.decode,
  } as Parameters<typeof getToken>[0]) as Promise<JWT | null>
}

/** Authorizes one request; `undefined` lets it through untouched. */
async function handleMiddleware(
  request: NextRequest,
  options: NextAuthMiddlewareOptions = {},
  onSuccess?: (token: JWT | null) => ReturnType<NextMiddleware>,
): Promise<Awaited<ReturnType<NextMiddleware>>> {
  const { pathname, search, origin, basePath } = request.nextUrl
  const pages = { ...options.authOptions?.pages, ...options.pages }
  const authPath = options.authOptions?.basePath ?? '/api/auth'
  const signInPage = pages.signIn ?? `${authPath}/signin`
  const errorPage = pages.error ?? `${authPath}/error`

  // These never need a session, and guarding them would loop.
  if (
    `${basePath}${pathname}`.startsWith(`${basePath}${authPath}`) ||
    [signInPage, errorPage].includes(pathname) ||
    publicPaths.some((path) => pathname.startsWith(path))
  ) {
    return undefined
  }

  const secret =
    options.secret ??
    options.authOptions?.secret ??
    process.env.NEXTAUTH_SECRET ??
    process.env.AUTH_SECRET
  if (!secret && !usesDatabaseSessions(options.authOptions)) {
    createLogger(options.authOptions?.logger, false).error('Configuration', {
      message: 'withAuth needs a secret: set NEXTAUTH_SECRET or pass `secret`.',
    })
    const errorUrl = new URL(`${basePath}${errorPage}`, origin)
    errorUrl.searchParams.set('error', 'Configuration')
    return NextResponse.redirect(errorUrl)
  }

  const token = await readToken(request, options, secret ?? '')
  const authorized = options.callbacks?.authorized
    ? await options.callbacks.authorized({ token, req: request })
    : token !== null
  if (authorized) return onSuccess?.(token)

  const signInUrl = new URL(`${basePath}${signInPage}`, origin)
  signInUrl.searchParams.set('callbackUrl', `${basePath}${pathname}${search}`)
  return NextResponse.redirect(signInUrl)
}

/**
 * Guards routes in `proxy.ts` or `middleware.ts`. Three forms, as in NextAuth.js:
 * `export { default } from 'gatehouse/middleware'`, `withAuth(options)`, and
 * `withAuth(middleware, options)`, where `middleware` runs only for authorized requests and
 * finds the token in `req.nextauth.token`.
 *
 * @example
 * ```ts
 * // proxy.ts
 * import { withAuth } from 'gatehouse/middleware'
 *
 * export default withAuth({
 *   callbacks: { authorized: ({ token }) => token?.role === 'admin' },
 *   pages: { signIn: '/login' },
 * })
 * export const config = { matcher: ['/admin/:path*'] }
 * ```
 */
export function withAuth(request: NextRequest, event?: NextFetchEvent): ReturnType<NextMiddleware>
export function withAuth(
  middleware: NextMiddlewareWithAuth,
  options?: NextAuthMiddlewareOptions,
): NextMiddleware
export function withAuth(options?: NextAuthMiddlewareOptions): NextMiddleware
export function withAuth(
  ...args:
    | [NextRequest, NextFetchEvent?]
    | [NextMiddlewareWithAuth, NextAuthMiddlewareOptions?]
    | [NextAuthMiddlewareOptions?]
): ReturnType<NextMiddleware> | NextMiddleware {
  const [first, second] = args
  if (first instanceof Request) return handleMiddleware(first as NextRequest)

  if (typeof first === 'function') {
    const middleware = first
    const options = second as NextAuthMiddlewareOptions | undefined
    return (request, event) =>
      handleMiddleware(request, options, (token) => {
        const authed = request as NextRequestWithAuth
        authed.nextauth = { token }
        return middleware(authed, event)
      })
  }

  const options = first
  return (request) => handleMiddleware(request, options)
}

export default withAuth
