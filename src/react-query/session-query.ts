'use client'
/**
 * The session as a TanStack query, and the guard that drops one user's cached data when the
 * session ends or another user signs in.
 *
 * @module
 */
import {
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useEffect, useLayoutEffect } from 'react'
import type { Session } from '../core/types.js'
import { useSession } from '../react/index.js'
import { clearUserQueries, sessionQueryKey, sessionUserId, type ClearScope } from './keys.js'

/** The user each query client last saw signed in (`null`: signed out), to notice a change. */
const lastUser = new WeakMap<QueryClient, string | null>()

/**
 * Clears the previous user's queries from `queryClient` when the signed-in user changes. Runs in
 * a layout effect: the cache is cleared before the browser paints the new session.
 *
 * @example
 * ```tsx
 * function CacheGuard() {
 *   useClearOnUserChange('all')
 *   return null
 * }
 * ```
 */
export function useClearOnUserChange(scope: ClearScope = 'user'): void {
  const queryClient = useQueryClient()
  const { data: session, status } = useSession()
  const userId = status === 'loading' ? undefined : sessionUserId(session)

  useLayoutEffect(() => {
    if (userId === undefined) return
    const previous = lastUser.get(queryClient)
    lastUser.set(queryClient, userId)
    if (previous && previous !== userId) clearUserQueries(queryClient, previous, scope)
  }, [queryClient, userId, scope])
}

/**
 * The session from `useSession()` as a query under {@link sessionQueryKey}, without a fetch of
 * its own: the query holds what `SessionProvider` already fetched, and refetching it (or
 * invalidating the key) calls `useSession().update()`, which fetches once for both.
 *
 * @example
 * ```tsx
 * const { data: session } = useSessionQuery()
 * return <p>{session?.user?.name ?? 'Signed out'}</p>
 * ```
 */
export function useSessionQuery(): UseQueryResult<Session | null> {
  const queryClient = useQueryClient()
  const { data: session, status, update } = useSession()
  const known = status !== 'loading'
  const current = known ? (session ?? null) : undefined

  useEffect(() => {
    if (current !== undefined) queryClient.setQueryData(sessionQueryKey, current)
  }, [queryClient, current])

  return useQuery({
    queryKey: sessionQueryKey,
    // The first "fetch" of the entry is what the provider already has; later ones (refetch,
    // invalidation) ask the provider to fetch, so both see the same answer.
    queryFn: async () => {
      if (current !== undefined && queryClient.getQueryData(sessionQueryKey) === undefined) {
        return current
      }
      return (await update()) ?? null
    },
    enabled: known,
    initialData: current,
    staleTime: Infinity,
  })
}

/**
 * Props of {@link SessionQuerySync}.
 *
 * @example
 * ```tsx
 * <SessionQuerySync clear="user" />
 * ```
 */
export interface SessionQuerySyncProps {
  /**
   * What to drop when the user changes: `'user'` (default) the queries whose key names the
   * previous user, `'all'` every query but the session.
   */
  clear?: ClearScope
}

/**
 * Keeps a `QueryClient` in step with the session: mirrors it under {@link sessionQueryKey} and
 * clears the previous user's cached data on sign-out and on a switch of user. Render it once,
 * inside both `SessionProvider` and `QueryClientProvider`.
 *
 * @example
 * ```tsx
 * <SessionProvider>
 *   <QueryClientProvider client={queryClient}>
 *     <SessionQuerySync />
 *     {children}
 *   </QueryClientProvider>
 * </SessionProvider>
 * ```
 */
export function SessionQuerySync({ clear = 'user' }: SessionQuerySyncProps): null {
  useClearOnUserChange(clear)
  useSessionQuery()
  return null
}
