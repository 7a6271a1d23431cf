/**
 * `createContext(authOptions)`: a tRPC context creator that puts the session on `ctx`.
 *
 * @module
 */
import type { AuthOptions, Session } from '../core/types.js'
import type { ServerResponse } from 'node:http'
import { getSession, type AdapterRequest } from './session.js'

/**
 * The context Gatehouse's middlewares read: the session, typed from the app's `Session`.
 *
 * @example
 * ```ts
 * const t = initTRPC.context<SessionContext>().create()
 * ```
 */
export interface SessionContext {
  session: Session | null
}

/**
 * Returns a `createContext` for any tRPC adapter: the fetch adapter (`({ req }) => ...` with a
 * Web `Request`, as in a Next.js App Router route handler) and the standalone, node-http and
 * Express adapters (Node request). The context is `{ session }`; spread it into a context of
 * your own to add more. Cookies the session read renews (a re-issued JWT, refreshed provider
 * tokens) are set on the adapter's response (`resHeaders` or `res`).
 *
 * @example
 * ```ts
 * import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
 * import { createContext } from 'gatehouse/trpc'
 *
 * const handler = (req: Request) =>
 *   fetchRequestHandler({
 *     endpoint: '/api/trpc',
 *     req,
 *     router: appRouter,
 *     createContext: createContext(authOptions),
 *   })
 * export { handler as GET, handler as POST }
 * ```
 */
export function createContext(
  options: AuthOptions,
): (adapter: {
  req: AdapterRequest
  resHeaders?: Headers
  res?: ServerResponse
}) => Promise<SessionContext> {
  return async ({ req, resHeaders, res }) => ({
    session: await getSession(req, options, resHeaders ?? res),
  })
}
