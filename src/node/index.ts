/**
 * `gatehouse/node`: the engine on a plain node:http server, without Express and without the
 * Web `Request`/`Response` objects a fetch-style handler needs.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { NodeAuth, getSession } from 'gatehouse/node'
 *
 * const auth = NodeAuth(authOptions)
 * createServer(async (req, res) => {
 *   if (req.url?.startsWith('/api/auth/')) return auth(req, res)
 *   const session = await getSession(req, authOptions)
 *   res.end(session ? `Hello ${session.user?.name}` : 'Signed out')
 * }).listen(3000)
 * ```
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readRequestSession } from '../core/get-session.js'
import { handleAuth } from '../core/handler.js'
import type { AuthOptions, Session } from '../core/types.js'
import { fromNodeRequest, nodeOrigin, nodeUrl } from './request.js'
import { sendAuthResponse } from './response.js'

export {
  fromNodeRequest,
  nodeHeaders,
  nodeOrigin,
  nodeUrl,
  readStream,
  type NodeRequestInit,
} from './request.js'
export { sendAuthResponse } from './response.js'
export type { AuthRequest, AuthResponse, HeaderReader } from '../core/internal.js'

/** Settings of the node:http integration itself, next to the engine's options. */
export interface NodeAuthConfig {
  /** The largest request body the auth routes read, in bytes. Default 64 KiB. */
  bodyLimit?: number
}

/**
 * A node:http request handler serving every auth route under `options.basePath` (default
 * `/api/auth`): the same routes, cookies and pages as `NextAuth` and `Auth`. The origin comes
 * from `NEXTAUTH_URL`/`AUTH_URL` when set, else from the `Host` header (and, with `trustHost`,
 * from `X-Forwarded-Host`/`-Proto`). A request without `Host` gets a 400.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { NodeAuth } from 'gatehouse/node'
 *
 * createServer(NodeAuth(authOptions)).listen(3000)
 * ```
 */
export function NodeAuth(
  options: AuthOptions,
  config: NodeAuthConfig = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async function nodeAuth(req, res) {
    let url: string
    try {
      url = nodeUrl(req, nodeOrigin(req))
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request')
      return
    }
    const request = fromNodeRequest(req, { url, bodyLimit: config.bodyLimit })
    sendAuthResponse(await handleAuth(request, options), res)
  }
}

/**
 * The session of a node:http request, or `null`: the `jwt` and `session` callbacks run as for
 * `GET /session`, but no cookie is written.
 *
 * @example
 * ```ts
 * const session = await getSession(req, authOptions)
 * if (!session) return res.writeHead(401).end()
 * ```
 */
export async function getSession(
  req: IncomingMessage,
  options: AuthOptions,
): Promise<Session | null> {
  let url: string
  try {
    url = nodeUrl(req, nodeOrigin(req))
  } catch {
    return null
  }
  return readRequestSession(fromNodeRequest(req, { url }), options)
}
