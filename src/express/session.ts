/**
 * Reading the session of an Express request.
 *
 * @module
 */
import type { Request, Response } from 'express'
import { readRequestSession } from '../core/get-session.js'
import { handleAuth } from '../core/handler.js'
import { sessionOfAnswer } from '../core/response.js'
import type { AuthOptions, Session } from '../core/types.js'
import { basePathOf, optionsAt } from './base-path.js'
import { toAuthRequest } from './request.js'

/** One lookup per request and options object, however many middlewares ask. */
const lookups = new WeakMap<Request, Map<AuthOptions, Promise<Session | null>>>()

/**
 * Reads the session through the engine's own `GET <basePath>/session` route and passes the
 * cookies it sets on to `res`: a re-issued JWT with a new expiry, a database session whose
 * expiry slid forward, tokens refreshed from the provider. Without them a JWT session would
 * expire while in use, and a rotated refresh token would be lost.
 */
async function readAndRenew(req: Request, res: Response, options: AuthOptions) {
  const request = toAuthRequest(req, {
    path: `${options.basePath}/session`,
    headers: { 'content-length': null, 'content-type': null, accept: 'application/json' },
  })
  const answer = await handleAuth(request, options)
  if (answer.cookies.length > 0 && !res.headersSent) res.append('Set-Cookie', answer.cookies)
  return sessionOfAnswer(answer)
}

/**
 * The session of the signed-in user, or `null`. Pass the same options object as to
 * `ExpressAuth`. With `res`, cookies the read renews (a JWT re-issued with a new expiry, tokens
 * refreshed from the provider) are set on the response, as `GET /session` does; without it the
 * read writes nothing. The result is remembered for the request, so `requireAuth` followed by a
 * route that calls `getSession` reads the cookie (and, with database sessions, the adapter) once.
 *
 * @example
 * ```ts
 * import { getSession } from 'gatehouse/express'
 *
 * app.get('/api/me', async (req, res) => {
 *   const session = await getSession(req, authOptions, res)
 *   res.json({ user: session?.user ?? null })
 * })
 * ```
 */
export function getSession(
  req: Request,
  options: AuthOptions,
  res?: Response,
): Promise<Session | null> {
  let byOptions = lookups.get(req)
  if (!byOptions) lookups.set(req, (byOptions = new Map()))

  let lookup = byOptions.get(options)
  if (!lookup) {
    const routeOptions = optionsAt(options, basePathOf(options))
    lookup = res
      ? readAndRenew(req, res, routeOptions)
      : Promise.resolve()
          .then(() => toAuthRequest(req))
          .then((request) => readRequestSession(request, routeOptions))
    byOptions.set(options, lookup)
  }
  return lookup
}
