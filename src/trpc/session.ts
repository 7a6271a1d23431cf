/**
 * Reading the session of the request a tRPC adapter hands to `createContext`: a Web `Request`
 * (fetch adapter, Next.js App Router route handlers) or a Node request (standalone, Express and
 * node-http adapters).
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readRequestSession } from '../core/get-session.js'
import { handleAuth } from '../core/handler.js'
import type { AuthRequest } from '../core/internal.js'
import { fromWebRequest, getRequest, withHeaders } from '../core/request.js'
import { sessionOfAnswer } from '../core/response.js'
import { fromNodeRequest, nodeOrigin, targetUrl } from '../node/request.js'
import { appendSetCookies } from '../node/response.js'
import type { AuthOptions, Session } from '../core/types.js'

/** The request of any tRPC server adapter: Web `Request` or Node `IncomingMessage`. */
export type AdapterRequest = Request | IncomingMessage

/**
 * Where cookies the session read renews can go: the fetch adapter's `resHeaders`, or the Node
 * adapters' `res`.
 *
 * @example
 * ```ts
 * const sink: CookieSink = resHeaders // in a fetch-adapter createContext
 * ```
 */
export type CookieSink = Headers | ServerResponse

/** The URL of a Node request as its client saw it (Express keeps the full path in `originalUrl`). */
function nodeRequestUrl(req: IncomingMessage): string {
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/'
  return targetUrl(path, req.headers.host ? nodeOrigin(req) : 'http://localhost')
}

/** The engine's request for `req`: a Web `Request` as it is, a Node request read directly. */
function engineRequest(req: AdapterRequest): AuthRequest {
  if (req instanceof Request) return fromWebRequest(req)
  return fromNodeRequest(req, { url: nodeRequestUrl(req), method: 'GET' })
}

/** Adds `cookies` to what the adapter will send, keeping cookies already set. */
function setCookies(sink: CookieSink, cookies: string[]): void {
  if (sink instanceof Headers) {
    for (const cookie of cookies) sink.append('set-cookie', cookie)
    return
  }
  if (!sink.headersSent) appendSetCookies(sink, cookies)
}

/** Reads the session through `GET <basePath>/session`, passing its cookies on to `sink`. */
async function readAndRenew(request: AuthRequest, options: AuthOptions, sink: CookieSink) {
  const basePath = (options.basePath ?? '/api/auth').replace(/\/+$/, '')
  const url = new URL(`${basePath}/session`, request.url).href
  const headers = withHeaders(request.headers, {
    'content-length': null,
    'content-type': null,
    accept: 'application/json',
  })
  const session = getRequest(url, headers, () => {
    const copy = new Headers(request.toRequest().headers)
    for (const name of ['content-length', 'content-type']) copy.delete(name)
    copy.set('accept', 'application/json')
    return new Request(url, { headers: copy })
  })
  const answer = await handleAuth(session, options)
  if (answer.cookies.length > 0) setCookies(sink, answer.cookies)
  return sessionOfAnswer(answer)
}

/**
 * The session of the signed-in user for a tRPC adapter's request, or `null`. This is the
 * `getServerSession(authOptions)` of a NextAuth.js tRPC context, given the request explicitly.
 * Pass the adapter's `resHeaders` (fetch) or `res` (Node adapters) as `cookies` to let the read
 * renew the session as `GET /session` does (a re-issued JWT, refreshed provider tokens);
 * without it nothing is written.
 *
 * @example
 * ```ts
 * import type { FetchCreateContextFnOptions } from '@trpc/server/adapters/fetch'
 * import { getSession } from 'gatehouse/trpc'
 *
 * export async function createContext({ req, resHeaders }: FetchCreateContextFnOptions) {
 *   const session = await getSession(req, authOptions, resHeaders)
 *   return { session }
 * }
 * ```
 */
export function getSession(
  req: AdapterRequest,
  options: AuthOptions,
  cookies?: CookieSink,
): Promise<Session | null> {
  const request = engineRequest(req)
  return cookies ? readAndRenew(request, options, cookies) : readRequestSession(request, options)
}
