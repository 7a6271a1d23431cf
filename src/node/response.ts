/**
 * Writes the engine's {@link AuthResponse} to a node:http `ServerResponse`.
 *
 * @module
 */
import type { ServerResponse } from 'node:http'
import type { AuthResponse } from '../core/internal.js'

/**
 * Sends `answer` through `res`: status, headers, each cookie on its own `Set-Cookie` line (a
 * list must not be joined with commas, as cookie dates contain them), and the body. Headers an
 * earlier middleware set on `res` are kept; `Set-Cookie` lines are added to theirs.
 *
 * @example
 * ```ts
 * sendAuthResponse(await handleAuth(request, options), res)
 * ```
 */
export function sendAuthResponse(answer: AuthResponse, res: ServerResponse): void {
  res.statusCode = answer.status
  const { headers, cookies } = answer
  for (const name in headers) res.setHeader(name, headers[name]!)
  appendSetCookies(res, cookies)
  if (answer.body === null) res.end()
  else res.end(answer.body)
}

/**
 * Adds `cookies` to the `Set-Cookie` lines `res` already holds, each on a line of its own.
 *
 * @example
 * ```ts
 * appendSetCookies(res, answer.cookies)
 * ```
 */
export function appendSetCookies(
  res: {
    setHeader(name: string, value: string[]): unknown
    getHeader?(name: string): number | string | string[] | undefined
  },
  cookies: string[],
): void {
  if (cookies.length === 0) return
  const earlier = res.getHeader?.('set-cookie')
  const before = earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [String(earlier)]
  res.setHeader('set-cookie', before.length === 0 ? cookies : [...before, ...cookies])
}
