/**
 * Where the browser finds the auth routes. `SessionProvider` sets it from its `basePath` and
 * `baseUrl` props; functions called outside a provider use the default `/api/auth` on the page's
 * own origin.
 *
 * @module
 */

/** The location of the auth routes as the client uses it. */
export interface ClientConfig {
  /** Path prefix of the auth routes, without a trailing slash. Default `/api/auth`. */
  basePath: string
  /** Origin of the app, empty for the page's own origin. */
  baseUrl: string
}

const clientConfig: ClientConfig = { basePath: '/api/auth', baseUrl: '' }

/**
 * Changes where the client looks for the auth routes. Called by `SessionProvider`.
 *
 * @example
 * ```ts
 * configureClient({ basePath: '/auth' })
 * ```
 */
export function configureClient(config: Partial<ClientConfig>): void {
  if (config.basePath !== undefined) clientConfig.basePath = config.basePath.replace(/\/+$/, '')
  if (config.baseUrl !== undefined) clientConfig.baseUrl = config.baseUrl.replace(/\/+$/, '')
}

/**
 * The URL of one auth route, e.g. `authUrl('session')` is `/api/auth/session`.
 *
 * @example
 * ```ts
 * await fetch(authUrl('providers'))
 * ```
 */
export function authUrl(route: string): string {
  return `${clientConfig.baseUrl}${clientConfig.basePath}/${route}`
}
