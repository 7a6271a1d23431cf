/**
 * The engine's view of a Web `Request`: {@link AuthRequest} over the request itself.
 *
 * @module
 */
import { readBody } from './body.js'
import type { AuthRequest } from './internal.js'

/**
 * Wraps a Web `Request` for the engine. The body is read on demand, and `toRequest()` hands
 * the original request back.
 *
 * @example
 * ```ts
 * const answer = await handleAuth(fromWebRequest(request), authOptions)
 * ```
 */
export function fromWebRequest(request: Request): AuthRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    readBody: () => readBody(request),
    toRequest: () => request,
  }
}
