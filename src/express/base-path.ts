/**
 * The base path of the auth routes in an Express app is where the router is mounted
 * (`req.baseUrl`), not an option. This module derives the options object for a mount path once
 * (the engine validates each options object once, so a fresh copy per request would undo that)
 * and remembers the mount path, so `requireAuth` can link to the sign-in page.
 *
 * @module
 */
import type { AuthOptions } from '../core/types.js'

/** The engine's default base path, as in NextAuth.js. */
const DEFAULT_BASE_PATH = '/api/auth'

const derived = new WeakMap<AuthOptions, Map<string, AuthOptions>>()
const mounted = new WeakMap<AuthOptions, string>()

/** The options with `basePath` set to `mountPath`, the same object for the same mount path. */
export function optionsAt(options: AuthOptions, mountPath: string): AuthOptions {
  const basePath = mountPath.replace(/\/+$/, '') || DEFAULT_BASE_PATH
  if (options.basePath === basePath) return options

  let byPath = derived.get(options)
  if (!byPath) derived.set(options, (byPath = new Map()))
  let atPath = byPath.get(basePath)
  if (!atPath) byPath.set(basePath, (atPath = { ...options, basePath }))
  return atPath
}

/** Records that `ExpressAuth(options)` serves requests at `mountPath`. */
export function rememberMountPath(options: AuthOptions, mountPath: string): void {
  mounted.set(options, mountPath.replace(/\/+$/, '') || DEFAULT_BASE_PATH)
}

/**
 * Where the auth routes of `options` live: the path `ExpressAuth(options)` was seen mounted at,
 * else `options.basePath`, else `/api/auth`. Before the first auth request the mount path is not
 * known yet, which is why apps that mount elsewhere than `/api/auth` also set `basePath`.
 */
export function basePathOf(options: AuthOptions): string {
  return mounted.get(options) ?? options.basePath ?? DEFAULT_BASE_PATH
}
