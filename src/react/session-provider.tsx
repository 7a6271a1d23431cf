'use client'
/**
 * `SessionProvider` and `useSession()`: one session state per page, kept current by polling,
 * window focus, other tabs, `update()`, and the `session` prop a server render passes again
 * after a server action.
 *
 * @module
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { ReactNode } from 'react'

import { fetchSession, getCsrfToken } from './auth-api.js'
import { authUrl, configureClient } from './client-config.js'
import { announceSession, subscribeSession } from './session-events.js'
import type { Session, SessionContextValue, UpdateSession, UseSessionOptions } from './types.js'

/** Props of {@link SessionProvider}. */
export interface SessionProviderProps {
  children: ReactNode
  /**
   * The session read on the server (`getServerSession`), or `null` for signed out. Given, it
   * spares the first fetch; when a later server render passes a different one, the provider
   * adopts it, so a server action that changed the session shows without a reload.
   */
  session?: Session | null
  /** Path of the auth routes. Default `/api/auth`. */
  basePath?: string
  /** Origin of the auth routes when they are not on the page's own origin. */
  baseUrl?: string
  /** Seconds between background refetches; `0` (default) never polls. */
  refetchInterval?: number
  /** Refetch when the tab becomes visible again. Default `true`. */
  refetchOnWindowFocus?: boolean
  /** Keep polling and refetching while the browser reports being offline. Default `true`. */
  refetchWhenOffline?: boolean
}

interface SessionState {
  session: Session | null | undefined
  update: UpdateSession
}

const SessionContext = createContext<SessionState | undefined>(undefined)

/** Whether the browser says it is online; outside a browser, always. */
function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

/**
 * Holds the session for every `useSession()` below it. Put it once near the root, in a client
 * component, and pass it the server's session to avoid a loading state on first paint.
 *
 * @example
 * ```tsx
 * 'use client'
 * export function Providers({ children, session }: { children: ReactNode; session: Session | null }) {
 *   return <SessionProvider session={session}>{children}</SessionProvider>
 * }
 * ```
 */
export function SessionProvider(props: SessionProviderProps) {
  const {
    children,
    basePath,
    baseUrl,
    refetchInterval = 0,
    refetchOnWindowFocus = true,
    refetchWhenOffline = true,
  } = props
  if (basePath !== undefined || baseUrl !== undefined) configureClient({ basePath, baseUrl })

  const [session, setSession] = useState<Session | null | undefined>(props.session)
  const id = useRef(Symbol('SessionProvider')).current
  const shouldFetch = useCallback(() => refetchWhenOffline || isOnline(), [refetchWhenOffline])

  const refetch = useCallback(async () => {
    const next = await fetchSession()
    setSession(next)
    return next
  }, [])

  // A new server render may bring a new session (after a server action, `router.refresh()`).
  const serverSession = props.session === undefined ? undefined : JSON.stringify(props.session)
  const lastServerSession = useRef(serverSession)
  useEffect(() => {
    if (serverSession === lastServerSession.current) return
    lastServerSession.current = serverSession
    if (serverSession === undefined) return
    const next = JSON.parse(serverSession) as Session | null
    setSession(next)
    announceSession('getSession', { session: next, source: id })
  }, [serverSession, id])

  // Only the first render decides whether to fetch; later props are handled above.
  const fetchOnMount = useRef(props.session === undefined).current
  useEffect(() => {
    if (fetchOnMount) void refetch()
  }, [fetchOnMount, refetch])

  useEffect(
    () =>
      subscribeSession(id, (change) => {
        if (change.session !== undefined) setSession(change.session)
        else void refetch()
      }),
    [id, refetch],
  )

  useEffect(() => {
    if (!refetchOnWindowFocus) return
    const onVisible = () => {
      if (document.visibilityState === 'visible' && shouldFetch()) void refetch()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [refetchOnWindowFocus, refetch, shouldFetch])

  useEffect(() => {
    if (!refetchInterval) return
    const timer = setInterval(() => {
      if (shouldFetch()) void refetch()
    }, refetchInterval * 1000)
    return () => clearInterval(timer)
  }, [refetchInterval, refetch, shouldFetch])

  const update = useCallback<UpdateSession>(
    async (data) => {
      const next =
        data === undefined
          ? await fetchSession()
          : await fetchSession({
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ csrfToken: await getCsrfToken(), data }),
            })
      setSession(next)
      announceSession('update', { session: next, source: id })
      return next
    },
    [id],
  )

  const value = useMemo(() => ({ session, update }), [session, update])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

/**
 * Reads the session in a client component: `{ data, status, update }`. With
 * `required: true`, a signed-out visitor is sent to sign-in (or `onUnauthenticated` runs) and
 * `status` stays `loading` until then.
 *
 * @example
 * ```tsx
 * const { data: session, status } = useSession({ required: true })
 * if (status === 'loading') return <p>Loading…</p>
 * return <p>{session.user?.name}</p>
 * ```
 */
export function useSession<Required extends boolean = false>(
  options?: UseSessionOptions<Required>,
): SessionContextValue<Required> {
  const state = useContext(SessionContext)
  if (!state) throw new Error('useSession() must be used inside a <SessionProvider>.')

  const { session, update } = state
  const required = options?.required ?? false
  const onUnauthenticated = options?.onUnauthenticated
  const mustLeave = required && session === null

  useEffect(() => {
    if (!mustLeave) return
    if (onUnauthenticated) {
      onUnauthenticated()
      return
    }
    const query = new URLSearchParams({
      error: 'SessionRequired',
      callbackUrl: window.location.href,
    })
    window.location.href = `${authUrl('signin')}?${query}`
  }, [mustLeave, onUnauthenticated])

  if (session) return { data: session, status: 'authenticated', update }
  if (session === null && !required) {
    return { data: null, status: 'unauthenticated', update } as SessionContextValue<Required>
  }
  return { data: null, status: 'loading', update }
}
