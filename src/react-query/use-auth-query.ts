'use client'
/**
 * `useAuthQuery`: a query that belongs to the signed-in user.
 *
 * @module
 */
import {
  useQuery,
  type QueryFunctionContext,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query'
import { AccessDenied } from '../core/errors.js'
import type { Session } from '../core/types.js'
import { useSession } from '../react/index.js'
import { authQueryKey, sessionUserId, type AuthQueryKey } from './keys.js'
import { useClearOnUserChange } from './session-query.js'

/**
 * What the `queryFn` of {@link useAuthQuery} gets besides TanStack's own context.
 *
 * @example
 * ```ts
 * useAuthQuery({ queryKey: ['me'], queryFn: ({ session }) => session.user })
 * ```
 */
export interface AuthQueryFunctionContext<TKey extends QueryKey> extends QueryFunctionContext<
  AuthQueryKey<TKey>
> {
  /** The signed-in session the query runs for. */
  session: Session
  /** The id the key is scoped by (see `sessionUserId`). */
  userId: string
}

/**
 * Options of {@link useAuthQuery}: those of `useQuery`, with a `queryFn` that gets the session.
 *
 * @example
 * ```ts
 * const options: UseAuthQueryOptions<Todo[], Error, Todo[], ['todos']> = {
 *   queryKey: ['todos'],
 *   queryFn: fetchTodos,
 * }
 * ```
 */
export interface UseAuthQueryOptions<
  TQueryFnData,
  TError,
  TData,
  TKey extends QueryKey,
> extends Omit<
  UseQueryOptions<TQueryFnData, TError, TData, AuthQueryKey<TKey>>,
  'queryKey' | 'queryFn' | 'enabled'
> {
  /** The app's key; the user's id is appended to it. */
  queryKey: TKey
  queryFn: (context: AuthQueryFunctionContext<TKey>) => TQueryFnData | Promise<TQueryFnData>
  /** Further condition; the query never runs signed out whatever this says. */
  enabled?: boolean
}

/**
 * A query for the signed-in user's data. Its key is `[...queryKey, { userId }]`, so two users
 * never share an entry; it runs only while authenticated (pending and idle otherwise); and the
 * previous user's entries are cleared when the session ends or another user signs in.
 *
 * @example
 * ```tsx
 * const profile = useAuthQuery({
 *   queryKey: ['profile'],
 *   queryFn: async () => (await fetch('/api/profile')).json() as Promise<Profile>,
 * })
 * ```
 */
export function useAuthQuery<
  TQueryFnData = unknown,
  TError = Error,
  TData = TQueryFnData,
  TKey extends QueryKey = QueryKey,
>(options: UseAuthQueryOptions<TQueryFnData, TError, TData, TKey>): UseQueryResult<TData, TError> {
  useClearOnUserChange()
  const { data: session, status } = useSession()
  const userId = status === 'authenticated' ? sessionUserId(session) : null
  const { queryKey, queryFn, enabled = true, ...rest } = options

  return useQuery<TQueryFnData, TError, TData, AuthQueryKey<TKey>>({
    ...rest,
    // Signed out the key names no user: nothing of anyone is read or written under it.
    queryKey: authQueryKey(userId ?? '', queryKey),
    queryFn: (context) => {
      if (!session || !userId) throw new AccessDenied('useAuthQuery needs a signed-in user.')
      return queryFn({ ...context, session, userId })
    },
    enabled: enabled && userId !== null,
  })
}

/**
 * The full key {@link useAuthQuery} uses for `queryKey` under the signed-in user, or `null` when
 * nobody is signed in: for `setQueryData`, `getQueryData` and `invalidateQueries` on it.
 *
 * @example
 * ```tsx
 * const key = useAuthQueryKey(['profile'])
 * const cached = key ? queryClient.getQueryData<Profile>(key) : undefined
 * ```
 */
export function useAuthQueryKey<TKey extends QueryKey>(queryKey: TKey): AuthQueryKey<TKey> | null {
  const { data: session, status } = useSession()
  const userId = status === 'authenticated' ? sessionUserId(session) : null
  return userId ? authQueryKey(userId, queryKey) : null
}
