/**
 * The read-only calls to the auth routes: session, CSRF token and providers. They work inside
 * and outside React.
 *
 * @module
 */
import { authUrl } from './client-config.js'
import { announceSession } from './session-events.js'
import type { ClientSafeProviders, Session } from './types.js'

/**
 * Fetches `GET <basePath>/<route>` and returns its JSON, or `null` when the route failed or
 * the network is down: client code treats an unreachable server like a missing session.
 *
 * @example
 * ```ts
 * const body = await fetchAuthJson<{ csrfToken: string }>('csrf')
 * ```
 */
export async function fetchAuthJson<T>(route: string, init?: RequestInit): Promise<T | null> {
  try {
    const response = await fetch(authUrl(route), {
      ...init,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...init?.headers },
    })
    if (!response.ok) return null
    return (await response.json()) as T
  } catch {
    return null
  }
}

/**
 * Fetches the session without telling anyone; `{}` from the server means signed out.
 *
 * @example
 * ```ts
 * const session = await fetchSession()
 * ```
 */
export async function fetchSession(init?: RequestInit): Promise<Session | null> {
  const session = await fetchAuthJson<Session | Record<string, never>>('session', init)
  return session && Object.keys(session).length > 0 ? (session as Session) : null
}

/**
 * Reads the current session from the server. Every `useSession()` of this tab adopts the
 * result, and other tabs fetch theirs again (set `broadcast: false` to keep it to yourself).
 * Call it after a server action changed the session, and the whole page follows.
 *
 * @example
 * ```ts
 * const session = await getSession()
 * if (session) console.info(session.user?.email)
 * ```
 */
export async function getSession(params: { broadcast?: boolean } = {}): Promise<Session | null> {
  const session = await fetchSession()
  if (params.broadcast ?? true) announceSession('getSession', { session })
  return session
}

/**
 * Reads the CSRF token that every state-changing POST to the auth routes must carry.
 *
 * @example
 * ```ts
 * const csrfToken = await getCsrfToken()
 * ```
 */
export async function getCsrfToken(): Promise<string | undefined> {
  const body = await fetchAuthJson<{ csrfToken?: string }>('csrf')
  return body?.csrfToken
}

/**
 * Lists the configured providers, e.g. to render one button each on a custom sign-in page.
 *
 * @example
 * ```tsx
 * const providers = await getProviders()
 * Object.values(providers ?? {}).map((p) => <button key={p.id}>{p.name}</button>)
 * ```
 */
export async function getProviders(): Promise<ClientSafeProviders | null> {
  return fetchAuthJson<ClientSafeProviders>('providers')
}
