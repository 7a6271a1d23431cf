'use client'
/**
 * Gatehouse for TanStack Query 5: the session as a query shared with `useSession()`, queries
 * scoped to the signed-in user, a cache that forgets a user when they sign out or someone else
 * signs in, and optimistic mutations with rollback. Client code: no server module, no crypto.
 *
 * @example
 * ```tsx
 * import { SessionQuerySync, useAuthQuery } from 'gatehouse/react-query'
 *
 * const todos = useAuthQuery({ queryKey: ['todos'], queryFn: fetchTodos })
 * ```
 *
 * @module
 */
export {
  authQueryKey,
  clearUserQueries,
  sessionQueryKey,
  sessionUserId,
  type AuthQueryKey,
  type ClearScope,
  type UserScope,
} from './keys.js'
export {
  SessionQuerySync,
  useClearOnUserChange,
  useSessionQuery,
  type SessionQuerySyncProps,
} from './session-query.js'
export {
  useAuthQuery,
  useAuthQueryKey,
  type AuthQueryFunctionContext,
  type UseAuthQueryOptions,
} from './use-auth-query.js'
export {
  useOptimisticMutation,
  type OptimisticSnapshot,
  type UseOptimisticMutationOptions,
} from './use-optimistic-mutation.js'
