/**
 * Query keys and cache scoping: which cached queries belong to which signed-in user.
 *
 * @module
 */
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query'
import type { Session } from '../core/types.js'

/**
 * The key of the session query that mirrors `useSession()`.
 *
 * @example
 * ```ts
 * await queryClient.invalidateQueries({ queryKey: sessionQueryKey })
 * ```
 */
export const sessionQueryKey = ['gatehouse', 'session'] as const

/**
 * The marker appended to the keys of user-scoped queries.
 *
 * @example
 * ```ts
 * const scope: UserScope = { userId: 'user_1' }
 * ```
 */
export interface UserScope {
  userId: string
}

/**
 * A user-scoped key: the app's key followed by `{ userId }`.
 *
 * @example
 * ```ts
 * const key: AuthQueryKey<['todos']> = ['todos', { userId: 'user_1' }]
 * ```
 */
export type AuthQueryKey<TKey extends QueryKey> = readonly [...TKey, UserScope]

/**
 * The identity the cache is scoped by: `session.user.id`, or the email when the session carries
 * no id (the `session` callback adds the id; without it NextAuth.js sessions have only name,
 * email and image). `null` when signed out.
 *
 * @example
 * ```ts
 * const id = sessionUserId(session) // 'user_1'
 * ```
 */
export function sessionUserId(session: Session | null | undefined): string | null {
  const user = session?.user as { id?: unknown; email?: unknown } | undefined
  if (typeof user?.id === 'string' && user.id) return user.id
  if (typeof user?.email === 'string' && user.email) return user.email
  return null
}

/**
 * The key a user-scoped query of `userId` has: `[...queryKey, { userId }]`. Filters by the app's
 * key prefix (`invalidateQueries({ queryKey: ['todos'] })`) still match it.
 *
 * @example
 * ```ts
 * queryClient.setQueryData(authQueryKey('user_1', ['profile']), profile)
 * ```
 */
export function authQueryKey<TKey extends QueryKey>(
  userId: string,
  queryKey: TKey,
): AuthQueryKey<TKey> {
  return [...queryKey, { userId }] as const
}

/** Whether `value` is, or contains at any depth, the string `userId`. */
function mentions(value: unknown, userId: string, depth = 0): boolean {
  if (value === userId) return true
  if (depth > 4 || value === null || typeof value !== 'object') return false
  return Object.values(value).some((item) => mentions(item, userId, depth + 1))
}

/**
 * Which queries are dropped when the user changes.
 *
 * @example
 * ```tsx
 * <SessionQuerySync clear="all" />
 * ```
 */
export type ClearScope = 'user' | 'all'

/**
 * Drops cached data that belongs to `userId`: every query whose key mentions the id (the keys of
 * {@link authQueryKey}, and hand-written keys such as `['user', session.user.id]`), or with
 * `scope: 'all'` every query but the session. A query no component shows is removed; one still
 * on screen is reset to no data at once, and refetched under the new session only when its key
 * does not name the previous user.
 *
 * @example
 * ```ts
 * clearUserQueries(queryClient, 'user_1')
 * ```
 */
export function clearUserQueries(
  queryClient: QueryClient,
  userId: string,
  scope: ClearScope = 'user',
): void {
  const cache = queryClient.getQueryCache()
  const isSession = (query: Query): boolean =>
    query.queryKey[0] === sessionQueryKey[0] && query.queryKey[1] === sessionQueryKey[1]

  for (const query of cache.getAll()) {
    if (isSession(query)) continue
    const ofUser = mentions(query.queryKey, userId)
    if (!ofUser && scope !== 'all') continue

    if (!query.isActive()) {
      cache.remove(query)
      continue
    }
    query.reset()
    if (!ofUser) void queryClient.refetchQueries({ queryKey: query.queryKey, exact: true })
  }
}
