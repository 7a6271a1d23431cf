/**
 * A request context for unit tests of the OAuth engine, built by the real config loader and
 * context builder of the engine.
 *
 * @module
 */
import { loadConfig } from '../config.js'
import { createContext } from '../handler.js'
import { fromWebRequest } from '../request.js'
import type { InternalOAuthProvider, RequestContext } from '../internal.js'
import type { AuthOptions } from '../types.js'

/** The secret of every test context. */
export const TEST_SECRET = 'unit-test-secret-for-the-oauth-engine-0123456789'

/**
 * A context for `url` with the given options and request cookies.
 *
 * @example
 * ```ts
 * const { ctx, provider } = testContext({ providers: [corp] }, 'corp')
 * ```
 */
export function testContext(
  options: Omit<AuthOptions, 'secret'>,
  providerId: string,
  {
    url = 'http://127.0.0.1:3000/api/auth/signin/' + providerId,
    cookies = {} as Record<string, string>,
  } = {},
): { ctx: RequestContext; provider: InternalOAuthProvider } {
  const config = loadConfig({ ...options, secret: TEST_SECRET } as AuthOptions)
  const cookie = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ')
  const request = new Request(url, { headers: cookie ? { cookie } : {} })
  const ctx = createContext(fromWebRequest(request), config)
  return { ctx, provider: config.providersById.get(providerId) as InternalOAuthProvider }
}
