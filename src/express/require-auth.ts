/**
 * Route guards: `requireAuth` lets signed-in users through, `requireRole` only those whose
 * `session.user.role` is one of the given roles.
 *
 * @module
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { AuthOptions, Session } from '../core/types.js'
import { basePathOf } from './base-path.js'
import { getSession } from './session.js'

declare global {
  // Express's own declaration merging point for `req` and `res.locals`.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /**
       * The session `requireAuth`/`requireRole` found, `null` when signed out. Named `auth`
       * because `express-session` owns `req.session`.
       */
      auth?: Session | null
    }
    interface Locals {
      /** The session `requireAuth`/`requireRole` found, for templates. */
      session?: Session
    }
  }
}

/**
 * A session whose `user` is known to be there, as a guarded route sees it.
 *
 * @example
 * ```ts
 * const session = res.locals.session as AuthenticatedSession
 * session.user.email
 * ```
 */
export type AuthenticatedSession = Session & { user: NonNullable<Session['user']> }

/**
 * The role type of the app's user: the type of `role` on the augmented `Session['user']`, or
 * `string` when the app has not declared one.
 *
 * @example
 * ```ts
 * const roles: Role[] = ['ADMIN']
 * app.use('/admin', requireRole(authOptions, ...roles))
 * ```
 */
export type Role =
  NonNullable<Session['user']> extends { role?: infer R } ? Exclude<R, null | undefined> : string

/** Whether the client asked for a page (a browser navigation) rather than data. */
function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  return req.accepts(['json', 'html']) === 'html'
}

/** Sends a signed-out request to the sign-in page (pages) or answers 401 (API calls). */
function refuseSignedOut(req: Request, res: Response, options: AuthOptions): void {
  if (!wantsPage(req)) {
    res.status(401).json({ error: 'Unauthorized' })
    return
  }
  const signInPage = options.pages?.signIn ?? `${basePathOf(options)}/signin`
  const query = new URLSearchParams({ callbackUrl: req.originalUrl })
  res.redirect(302, `${signInPage}${signInPage.includes('?') ? '&' : '?'}${query}`)
}

/** Reads the session, publishes it on `req.auth` and `res.locals.session`, and returns it. */
async function authenticate(req: Request, res: Response, options: AuthOptions) {
  const session = await getSession(req, options, res)
  req.auth = session
  if (!session?.user) return null
  res.locals.session = session
  return session as AuthenticatedSession
}

/**
 * Lets a request through only with a session. Signed out, a browser navigation (a `GET` that
 * accepts HTML before JSON) is redirected to the sign-in page with a `callbackUrl` back to the
 * page, and anything else gets `401 {"error":"Unauthorized"}`. The session is then on
 * `req.auth` and `res.locals.session` (not `req.session`, which belongs to express-session), and
 * the cookies the read renews (see `getSession`) are on the response.
 *
 * @example
 * ```ts
 * import { requireAuth } from 'gatehouse/express'
 *
 * app.get('/api/profile', requireAuth(authOptions), (req, res) => {
 *   res.json({ user: req.auth?.user })
 * })
 * ```
 */
export function requireAuth(options: AuthOptions): RequestHandler {
  return function requireAuthMiddleware(req: Request, res: Response, next: NextFunction): void {
    authenticate(req, res, options).then((session) => {
      if (session) next()
      else refuseSignedOut(req, res, options)
    }, next)
  }
}

/**
 * Like {@link requireAuth}, then `403 {"error":"Forbidden"}` unless `session.user.role` is one of
 * `roles`. The role type is the one the app declared on its `Session['user']`.
 *
 * @example
 * ```ts
 * import { requireRole } from 'gatehouse/express'
 *
 * app.delete('/api/users/:id', requireRole(authOptions, 'ADMIN'), async (req, res) => {
 *   await db.user.delete({ where: { id: req.params.id } })
 *   res.status(204).end()
 * })
 * ```
 */
export function requireRole(options: AuthOptions, ...roles: Role[]): RequestHandler {
  const allowed = new Set<unknown>(roles)
  return function requireRoleMiddleware(req: Request, res: Response, next: NextFunction): void {
    authenticate(req, res, options).then((session) => {
      if (!session) return refuseSignedOut(req, res, options)
      const role = (session.user as { role?: unknown }).role
      if (allowed.has(role)) return next()
      res.status(403).json({ error: 'Forbidden' })
    }, next)
  }
}
