/**
 * The engine's view of a Web `Request`: {@link AuthRequest} over the request itself.
 *
 * @module
 */
import { readBody } from './body.js'
import type { AuthRequest, HeaderReader } from './internal.js'

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

/**
 * A body-less `GET` of `url` for the engine, with headers read through `headers`: how the
 * integrations ask the engine's own session route for a session without building a Web
 * `Request`. `toRequest` builds one only if app code asks for it.
 *
 * @example
 * ```ts
 * const answer = await handleAuth(getRequest(url, headers, () => new Request(url)), options)
 * ```
 */
export function getRequest(
  url: string,
  headers: HeaderReader,
  toRequest: () => Request,
): AuthRequest {
  let built: Request | undefined
  return {
    method: 'GET',
    url,
    headers,
    readBody: async () => ({}),
    toRequest: () => (built ??= toRequest()),
  }
}

/**
 * `base` with single headers replaced, or removed with `null`; names are matched in lower case.
 *
 * @example
 * ```ts
 * withHeaders(request.headers, { 'content-type': null, accept: 'application/json' })
 * ```
 */
export function withHeaders(
  base: HeaderReader,
  overrides: Record<string, string | null>,
): HeaderReader {
  return {
    get: (name) => {
      const key = name.toLowerCase()
      return key in overrides ? (overrides[key] ?? null) : base.get(key)
    },
  }
}
