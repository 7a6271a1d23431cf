/**
 * Reading the session of the request a tRPC adapter hands to `createContext`: a Web `Request`
 * (fetch adapter, Next.js App Router route handlers) or a Node request (standalone, Express and
 * node-http adapters).
 *
 * @module
 */
import type { IncomingMessage } from 'node:http'
import { getSession as getEngineSession } from '../core/index.js'
import type { AuthOptions, Session } from '../core/types.js'

/**
 * The request of any tRPC server adapter: Web `Request` or Node `IncomingMessage`.
 *
 * @example
 * ```ts
 * const contextFor = ({ req }: { req: AdapterRequest }) => getSession(req, authOptions)
 * ```
 */
export type AdapterRequest = Request | IncomingMessage

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

/**
 * The session of the signed-in user for a tRPC adapter's request, or `null`. This is the
 * `getServerSession(authOptions)` of a NextAuth.js tRPC context, given the request explicitly.
 *
 * @example
 * ```ts
 * import type { FetchCreateContextFnOptions } from '@trpc/server/adapters/fetch'
 * import { getSession } from 'gatehouse/trpc'
 *
 * export async function createContext({ req }: FetchCreateContextFnOptions) {
 *   const session = await getSession(req, authOptions)
 *   return { session }
 * }
 * ```
 */
export function getSession(req: AdapterRequest, options: AuthOptions): Promise<Session | null> {
  const request = req instanceof Request ? req : fromNodeRequest(req)
  return getEngineSession(request, options)
}
