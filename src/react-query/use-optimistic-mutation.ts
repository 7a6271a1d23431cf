'use client'
/**
 * `useOptimisticMutation`: a mutation that shows its result in the signed-in user's cache
 * before the server answers, and takes it back if the server refuses.
 *
 * @module
 */
import {
  useMutation,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query'
import { useLayoutEffect, useRef } from 'react'
import { AccessDenied } from '../core/errors.js'
import { useSession } from '../react/index.js'
import { authQueryKey, sessionUserId, type AuthQueryKey } from './keys.js'

/**
 * What `onMutate` remembered: whose entry was changed and what it held before.
 *
 * @example
 * ```ts
 * onError: (error, name, snapshot) => console.warn('rolled back', snapshot?.previous)
 * ```
 */
export interface OptimisticSnapshot<TQueryData> {
  userId: string
  queryKey: AuthQueryKey<QueryKey>
  previous: TQueryData | undefined
}

/**
 * Options of {@link useOptimisticMutation}.
 *
 * @example
 * ```ts
 * const options: UseOptimisticMutationOptions<Profile, Error, string, Profile> = {
 *   queryKey: ['profile'],
 *   mutationFn: rename,
 *   optimisticUpdate: (profile, name) => ({ ...profile!, name }),
 * }
 * ```
 */
export interface UseOptimisticMutationOptions<TData, TError, TVariables, TQueryData> extends Omit<
  UseMutationOptions<TData, TError, TVariables, OptimisticSnapshot<TQueryData>>,
  'onMutate'
> {
  /** The app's key of the query to update, as given to `useAuthQuery`. */
  queryKey: QueryKey
  /** The entry as it should look once the mutation succeeds, computed from the current one. */
  optimisticUpdate: (previous: TQueryData | undefined, variables: TVariables) => TQueryData
}

/**
 * A mutation with an optimistic update of one of the user's queries: before `mutationFn` runs,
 * outgoing fetches of the entry are cancelled, the entry is snapshotted and replaced by
 * `optimisticUpdate(previous, variables)`; on error the snapshot is put back; when settled the
 * entry is invalidated so the server's version replaces the guess. Everything happens under
 * the key of the user who started the mutation, and is skipped if another user has signed in
 * meanwhile. Signed out, the mutation fails with `AccessDenied` without calling `mutationFn`.
 * Your own `onError`/`onSettled`/`onSuccess` still run, after these steps.
 *
 * @example
 * ```tsx
 * const rename = useOptimisticMutation({
 *   queryKey: ['profile'],
 *   mutationFn: (name: string) => fetch('/api/profile', { method: 'PATCH', body: name }),
 *   optimisticUpdate: (profile, name) => ({ ...profile!, name }),
 * })
 * rename.mutate('Ada')
 * ```
 */
export function useOptimisticMutation<
  TData = unknown,
  TError = Error,
  TVariables = void,
  TQueryData = unknown,
>(
  options: UseOptimisticMutationOptions<TData, TError, TVariables, TQueryData>,
): UseMutationResult<TData, TError, TVariables, OptimisticSnapshot<TQueryData>> {
  const queryClient = useQueryClient()
  const { data: session, status } = useSession()
  const userId = status === 'authenticated' ? sessionUserId(session) : null
  const { queryKey, optimisticUpdate, onError, onSettled, ...rest } = options

  // The callbacks are those of the render that called `mutate`; the ref tells them who is
  // signed in when they run, which may be someone else by then.
  const signedIn = useRef(userId)
  useLayoutEffect(() => {
    signedIn.current = userId
  }, [userId])
  const currentUser = () => signedIn.current

  return useMutation<TData, TError, TVariables, OptimisticSnapshot<TQueryData>>({
    ...rest,
    onMutate: async (variables) => {
      if (!userId) throw new AccessDenied('This mutation needs a signed-in user.')
      const key = authQueryKey(userId, queryKey)
      await queryClient.cancelQueries({ queryKey: key, exact: true })
      const previous = queryClient.getQueryData<TQueryData>(key)
      queryClient.setQueryData<TQueryData>(key, optimisticUpdate(previous, variables))
      return { userId, queryKey: key, previous }
    },
    onError: async (error, variables, snapshot, context) => {
      if (snapshot && currentUser() === snapshot.userId) {
        queryClient.setQueryData(snapshot.queryKey, snapshot.previous)
      }
      await onError?.(error, variables, snapshot, context)
    },
    onSettled: async (data, error, variables, snapshot, context) => {
      if (snapshot && currentUser() === snapshot.userId) {
        await queryClient.invalidateQueries({ queryKey: snapshot.queryKey, exact: true })
      }
      await onSettled?.(data, error, variables, snapshot, context)
    },
  })
}
