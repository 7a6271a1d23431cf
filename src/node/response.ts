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
  if (cookies.length > 0) {
    const earlier = res.getHeader('set-cookie')
    res.setHeader(
      'Set-Cookie',
      earlier === undefined
        ? cookies
        : [...(Array.isArray(earlier) ? earlier : [String(earlier)]), ...cookies],
    )
  }
  if (answer.body === null) res.end()
  else res.end(answer.body)
}
