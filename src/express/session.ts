/**
 * Reading the session of an Express request.
 *
 * @module
 */
import type { Request } from 'express'
import { getSession as getEngineSession } from '../core/index.js'
import type { AuthOptions, Session } from '../core/types.js'
import { basePathOf, optionsAt } from './base-path.js'
import { toWebRequest } from './request.js'

/** One lookup per request and options object, however many middlewares ask. */
const lookups = new WeakMap<Request, Map<AuthOptions, Promise<Session | null>>>()

/**
 * The session of the signed-in user, or `null`. Pass the same options object as to
 * `ExpressAuth`. The result is remembered for the request, so `requireAuth` followed by a route
 * that calls `getSession` reads the cookie (and, with database sessions, the adapter) once.
 *
 * @example
 * ```ts
 * import { getSession } from 'gatehouse/express'
 *
 * app.get('/api/me', async (req, res) => {
 *   const session = await getSession(req, authOptions)
 *   res.json({ user: session?.user ?? null })
 * })
 * ```
 */
export function getSession(req: Request, options: AuthOptions): Promise<Session | null> {
  let byOptions = lookups.get(req)
  if (!byOptions) lookups.set(req, (byOptions = new Map()))

  let lookup = byOptions.get(options)
  if (!lookup) {
    const routeOptions = optionsAt(options, basePathOf(options))
    lookup = toWebRequest(req, { withBody: false }).then((request) =>
      getEngineSession(request, routeOptions),
    )
    byOptions.set(options, lookup)
  }
  return lookup
}
