/**
 * `getSession(request, options)`: the session of a request, read without an HTTP round trip.
 *
 * @module
 */
import { loadConfig } from './config.js'
import { createContext } from './handler.js'
import type { AuthRequest } from './internal.js'
import { fromWebRequest } from './request.js'
import { readSession } from './session/index.js'
import type { AuthOptions, Session } from './types.js'

/**
 * The session the request's cookies carry, or `null`. It runs the `jwt` and `session`
 * callbacks like `GET /session` but writes no cookie, so it suits places that cannot set one.
 *
 * @example
 * ```ts
 * import { getSession } from 'gatehouse/core'
 *
 * const session = await getSession(request, authOptions)
 * if (!session) return new Response('Unauthorized', { status: 401 })
 * ```
 */
export function getSession(request: Request, options: AuthOptions): Promise<Session | null> {
  return readRequestSession(fromWebRequest(request), options)
}

/**
 * {@link getSession} for the engine's own request shape, which the node:http and Express
 * integrations build without a Web `Request`.
 *
 * @example
 * ```ts
 * const session = await readRequestSession(fromNodeRequest(req, origin), authOptions)
 * ```
 */
export async function readRequestSession(
  request: AuthRequest,
  options: AuthOptions,
): Promise<Session | null> {
  const config = loadConfig(options)
  let ctx
  try {
    ctx = createContext(request, config)
  } catch (error) {
    config.logger.error('InvalidRequest', error)
    return null
  }
  return readSession(ctx, { write: false })
}
