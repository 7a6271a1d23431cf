/**
 * Reading the session of an Express request.
 *
 * @module
 */
import type { Request, Response } from 'express'
import { Auth, getSession as getEngineSession } from '../core/index.js'
import type { AuthOptions, Session } from '../core/types.js'
import { basePathOf, optionsAt } from './base-path.js'
import { requestOrigin, toWebRequest, webHeaders } from './request.js'

/** One lookup per request and options object, however many middlewares ask. */
const lookups = new WeakMap<Request, Map<AuthOptions, Promise<Session | null>>>()

/**
 * Reads the session through the engine's own `GET <basePath>/session` route and passes the
 * cookies it sets on to `res`: a re-issued JWT with a new expiry, a database session whose
 * expiry slid forward, tokens refreshed from the provider. Without them a JWT session would
 * expire while in use, and a rotated refresh token would be lost.
 */
async function readAndRenew(req: Request, res: Response, options: AuthOptions) {
  const headers = webHeaders(req)
  const url = new URL(`${options.basePath}/session`, requestOrigin(req))
  headers.set('host', url.host)
  headers.delete('content-length')
  headers.delete('content-type')
  headers.set('accept', 'application/json')

  const response = await Auth(new Request(url, { headers }), options)
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0 && !res.headersSent) res.append('Set-Cookie', cookies)
  if (!response.ok) return null
  const session = (await response.json().catch(() => null)) as Session | null
  return session && Object.keys(session).length > 0 ? session : null
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
      : toWebRequest(req, { withBody: false }).then((request) =>
          getEngineSession(request, routeOptions),
        )
    byOptions.set(options, lookup)
  }
  return lookup
}
