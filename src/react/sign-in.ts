/**
 * `signIn()`: starts a sign-in from the browser, as `next-auth/react` does.
 *
 * @module
 */
import { getCsrfToken, getProviders } from './auth-api.js'
import { authUrl } from './client-config.js'
import { announceSession } from './session-events.js'
import type { SignInAuthorizationParams, SignInOptions, SignInResponse } from './types.js'

/** Navigates the page; a URL with a fragment needs an explicit reload to be followed. */
function navigate(url: string): void {
  window.location.href = url
  if (url.includes('#')) window.location.reload()
}

/** The form body of a sign-in POST: the caller's fields plus CSRF token, callback URL, json. */
function signInBody(fields: Record<string, unknown>, csrfToken: string, callbackUrl: string) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'redirect' || name === 'callbackUrl' || value === undefined) continue
    body.set(name, String(value))
  }
  body.set('csrfToken', csrfToken)
  body.set('callbackUrl', callbackUrl)
  body.set('json', 'true')
  return body
}

/**
 * Signs in with a provider. Without a provider id (or with an unknown one) it goes to the
 * sign-in page. OAuth providers always navigate to the provider; credentials and email accept
 * `redirect: false` and resolve to `{ error, status, ok, url }`.
 *
 * @example
 * ```ts
 * const result = await signIn('credentials', { email, password, redirect: false })
 * if (result?.error) setMessage('Wrong email or password')
 * ```
 */
export async function signIn(
  provider?: string,
  options: SignInOptions = {},
  authorizationParams?: SignInAuthorizationParams,
): Promise<SignInResponse | undefined> {
  const callbackUrl = options.callbackUrl ?? window.location.href
  const redirect = options.redirect ?? true

  const providers = await getProviders()
  if (!providers) {
    navigate(authUrl('error'))
    return undefined
  }
  const target = provider ? providers[provider] : undefined
  if (!provider || !target) {
    navigate(`${authUrl('signin')}?${new URLSearchParams({ callbackUrl })}`)
    return undefined
  }

  const returnsResult = target.type === 'credentials' || target.type === 'email'
  const route = `${target.type === 'credentials' ? 'callback' : 'signin'}/${provider}`
  const query = authorizationParams ? `?${new URLSearchParams(authorizationParams)}` : ''
  const response = await fetch(`${authUrl(route)}${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: signInBody(options, (await getCsrfToken()) ?? '', callbackUrl),
  })
  const answer = (await response.json().catch(() => ({}))) as { url?: string }

  if (redirect || !returnsResult) {
    navigate(answer.url ?? callbackUrl)
    return undefined
  }

  const url = answer.url ? new URL(answer.url, window.location.href) : null
  const error = url?.searchParams.get('error') ?? (response.ok ? null : 'Default')
  if (response.ok && !error) announceSession('signIn')
  return {
    error,
    status: response.status,
    ok: response.ok && !error,
    url: error ? null : url!.href,
  }
}
