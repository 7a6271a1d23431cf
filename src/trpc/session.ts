/**
 * Reading the session of the request a tRPC adapter hands to `createContext`: a Web `Request`
 * (fetch adapter, Next.js App Router route handlers) or a Node request (standalone, Express and
 * node-http adapters).
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Auth, getSession as getEngineSession } from '../core/index.js'
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

/** A Web `Request` with the URL and headers of a Node request; the session needs no body. */
function fromNodeRequest(req: IncomingMessage): Request {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true
  const origin = `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/'

  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  return new Request(new URL(path, origin), { headers })
}

/** Adds `cookies` to what the adapter will send, keeping cookies already set. */
function setCookies(sink: CookieSink, cookies: string[]): void {
  if (sink instanceof Headers) {
    for (const cookie of cookies) sink.append('set-cookie', cookie)
    return
  }
  if (sink.headersSent) return
  const existing = sink.getHeader('set-cookie')
  const before =
    existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)]
  sink.setHeader('set-cookie', [...before, ...cookies])
}

/** Reads the session through `GET <basePath>/session`, passing its cookies on to `sink`. */
async function readAndRenew(request: Request, options: AuthOptions, sink: CookieSink) {
  const basePath = (options.basePath ?? '/api/auth').replace(/\/+$/, '')
  const headers = new Headers(request.headers)
  headers.delete('content-length')
  headers.delete('content-type')
  headers.set('accept', 'application/json')

  const response = await Auth(
    new Request(new URL(`${basePath}/session`, request.url), { headers }),
    options,
  )
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) setCookies(sink, cookies)
  if (!response.ok) return null
  const session = (await response.json().catch(() => null)) as Session | null
  return session && Object.keys(session).length > 0 ? session : null
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
  const request = req instanceof Request ? req : fromNodeRequest(req)
  return cookies ? readAndRenew(request, options, cookies) : getEngineSession(request, options)
}
