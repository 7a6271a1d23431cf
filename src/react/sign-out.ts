/**
 * `signOut()`: ends the session from the browser, as `next-auth/react` does.
 *
 * @module
 */
import { getCsrfToken } from './auth-api.js'
import { authUrl } from './client-config.js'
import { announceSession } from './session-events.js'
import type { SignOutParams, SignOutResponse } from './types.js'

/**
 * Signs out: posts to `<basePath>/signout`, tells every tab, then navigates to `callbackUrl`
 * (default: the current page), or with `redirect: false` resolves to `{ url }` and stays.
 *
 * @example
 * ```ts
 * await signOut({ callbackUrl: '/' })
 * ```
 */
export async function signOut<Redirect extends boolean = true>(
  options?: SignOutParams<Redirect>,
): Promise<Redirect extends true ? undefined : SignOutResponse> {
  const callbackUrl = options?.callbackUrl ?? window.location.href
  const response = await fetch(authUrl('signout'), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      csrfToken: (await getCsrfToken()) ?? '',
      callbackUrl,
      json: 'true',
    }),
  })
  const answer = (await response.json().catch(() => ({}))) as { url?: string }
  announceSession('signOut', { session: null })

  const url = answer.url ?? callbackUrl
  if (options?.redirect ?? true) {
    window.location.href = url
    if (url.includes('#')) window.location.reload()
    return undefined as Redirect extends true ? undefined : SignOutResponse
  }
  return { url } as Redirect extends true ? undefined : SignOutResponse
}
