/**
 * `ExpressAuth(options)`: the engine's routes as Express middleware, for Express 4 and 5.
 *
 * @module
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { handleAuth } from '../core/handler.js'
import { isGatehouseError } from '../core/errors.js'
import type { AuthRequest } from '../core/internal.js'
import type { AuthOptions } from '../core/types.js'
import { optionsAt, rememberMountPath } from './base-path.js'
import { sendAuthResponse } from '../node/response.js'
import { toAuthRequest } from './request.js'

/**
 * Settings of the Express integration itself, next to the engine's options.
 *
 * @example
 * ```ts
 * app.use('/api/auth', ExpressAuth(authOptions, { bodyLimit: 16 * 1024 }))
 * ```
 */
export interface ExpressAuthConfig {
  /** The largest request body the auth routes read, in bytes. Default 64 KiB. */
  bodyLimit?: number
}

/**
 * Serves the auth routes (`GET /session`, `POST /signin/:provider`, `GET /callback/:provider`,
 * ...) wherever it is mounted: `app.use('/auth', ExpressAuth(options))` serves them under
 * `/auth`, which becomes the engine's `basePath`. It reads the request body itself, so it works
 * with or without `express.json()`/`express.urlencoded()` installed before it, and it builds the
 * request URL the way Express sees it, so `app.set('trust proxy', ...)` is all a deployment
 * behind a proxy needs. Requests outside the mount path are passed on with `next()`.
 *
 * @example
 * ```ts
 * import express from 'express'
 * import { ExpressAuth } from 'gatehouse/express'
 * import GitHubProvider from 'gatehouse/providers/github'
 *
 * export const authOptions = {
 *   basePath: '/auth',
 *   providers: [GitHubProvider({ clientId: '...', clientSecret: '...' })],
 * }
 *
 * const app = express()
 * app.set('trust proxy', 1)
 * app.use('/auth', ExpressAuth(authOptions))
 * ```
 */
export function ExpressAuth(options: AuthOptions, config: ExpressAuthConfig = {}): RequestHandler {
  return function expressAuth(req: Request, res: Response, next: NextFunction): void {
    serve(req, res, options, config).then((served) => {
      if (!served) next()
    }, next)
  }
}

async function serve(
  req: Request,
  res: Response,
  options: AuthOptions,
  config: ExpressAuthConfig,
): Promise<boolean> {
  const mountPath = req.baseUrl
  const routeOptions = optionsAt(options, mountPath)
  const basePath = routeOptions.basePath ?? mountPath
  const pathname = req.originalUrl.split('?')[0] ?? ''
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return false
  rememberMountPath(options, basePath)

  let request: AuthRequest
  try {
    request = toAuthRequest(req, { bodyLimit: config.bodyLimit })
  } catch (error) {
    if (!isGatehouseError(error)) throw error
    res.status(error.status).json({ error: error.code, message: error.message })
    return true
  }

  sendAuthResponse(await handleAuth(request, routeOptions), res)
  return true
}
