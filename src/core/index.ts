/**
 * `gatehouse/core`: the framework-agnostic engine. `Auth(request, options)` answers every auth
 * route for a Web `Request`; `getSession(request, options)` reads a session directly.
 *
 * @module
 */
import { loadConfig } from './config.js'
import type { AuthOptions } from './types.js'

export { Auth, handleAuth } from './handler.js'
export { getSession } from './get-session.js'
export { fromWebRequest } from './request.js'
export { toWebResponse } from './response.js'
export type { AuthRequest, AuthResponse, HeaderReader } from './internal.js'
export * from './errors.js'
export type * from './types.js'

/**
 * Validates `options` now instead of on the first request, throwing a `ConfigurationError` that
 * names the option to fix. The result is cached, so requests do not validate again.
 *
 * @example
 * ```ts
 * import { validateOptions } from 'gatehouse/core'
 *
 * validateOptions(authOptions) // at start-up
 * ```
 */
export function validateOptions(options: AuthOptions): void {
  loadConfig(options)
}
