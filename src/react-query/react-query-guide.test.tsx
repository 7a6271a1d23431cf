// @vitest-environment happy-dom
/**
 * The React Query section of the NextAuth.js integration guide (its QueryClient options and its
 * useUser/useUpdateUser hooks) with gatehouse specifiers, rendered in happy-dom against the real
 * test app server.
 */
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { useSession } from '../react/index.js'
import {
  renderWith,
  screen,
  signInAs,
  signOutNow,
  useTestAppServer,
  waitFor,
  type Profile,
} from '../../test/e2e/express-dom-harness.js'

useTestAppServer()

describe('the React Query section of the NextAuth.js guide, with gatehouse specifiers', () => {
  // hooks/useUser.ts and hooks/useUpdateUser.ts, as written in the guide.
  type User = Profile

  function useUser() {
    const { data: session, status } = useSession()

    return useQuery({
      // The guide's app declares `user.id` on its Session; this suite's Session does not.
      queryKey: ['user', (session?.user as { id?: string } | undefined)?.id],
      queryFn: async () => {
        const res = await fetch('/api/user')
        if (!res.ok) throw new Error('Failed to fetch user')
        return res.json()
      },
      enabled: status === 'authenticated',
    })
  }

  function useUpdateUser() {
    const queryClient = useQueryClient()
    const { data: session } = useSession()
    // The guide's app declares `user.id` on its Session; this suite's Session does not.
    const sessionUser = session?.user as { id?: string } | undefined

    return useMutation({
      mutationFn: async (data: Partial<User>) => {
        const res = await fetch('/api/user', {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(data),
        })

        if (!res.ok) throw new Error('Failed to update user')
        return res.json()
      },
      onMutate: async (newData) => {
        // Cancel outgoing refetches
        await queryClient.cancelQueries({ queryKey: ['user', sessionUser?.id] })

        // Snapshot previous value
        const previous = queryClient.getQueryData(['user', sessionUser?.id])

        // Optimistically update
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        queryClient.setQueryData(['user', sessionUser?.id], (old: any) => ({
          ...old,
          ...newData,
        }))

        return { previous }
      },
      onError: (err, newData, context) => {
        // Rollback on error
        queryClient.setQueryData(['user', sessionUser?.id], context?.previous)
      },
      onSettled: () => {
        // Refetch after mutation
        queryClient.invalidateQueries({ queryKey: ['user', sessionUser?.id] })
      },
    })
  }

  it('runs the guide’s useUpdateUser: optimistic value, rollback on a refused update', async () => {
    const queryClient = new QueryClient()
    const seen: string[] = []
    function GuideEditor() {
      const { data: user } = useUser()
      const update = useUpdateUser()
      const name = (user as User | undefined)?.name ?? '-'
      seen.push(name)
      return (
        <div>
          <p data-testid="guide-name">{name}</p>
          <p data-testid="guide-status">{update.status}</p>
          <button onClick={() => update.mutate({ name: '' })}>refused</button>
        </div>
      )
    }
    await signInAs('ada', 'ada')
    renderWith(queryClient, <GuideEditor />)
    await waitFor(() => expect(screen.getByTestId('guide-name').textContent).toBe('Ada'))
    await act(async () => screen.getByText('refused').click())
    await waitFor(() => expect(screen.getByTestId('guide-status').textContent).toBe('error'))
    expect(seen).toContain('')
    expect(screen.getByTestId('guide-name').textContent).toBe('Ada')
  })

  it('runs the guide’s hooks and provider options unchanged', async () => {
    // The guide's app/providers.tsx options. `cacheTime` is the v4 name of v5's `gcTime`:
    // TanStack Query 5 ignores it (the default gcTime of 5 minutes applies), and its types
    // reject it, hence the directive.
    const queryClient = new QueryClient({
      defaultOptions: {
        queries: {
          staleTime: 5 * 60 * 1000, // 5 minutes
          // @ts-expect-error `cacheTime` was renamed `gcTime` in TanStack Query 5.
          cacheTime: 10 * 60 * 1000, // 10 minutes
        },
      },
    })
    expect(queryClient.getDefaultOptions().queries?.gcTime).toBeUndefined()

    function GuideProfile() {
      const { data: user } = useUser()
      return <p data-testid="guide">{(user as User | undefined)?.name ?? '-'}</p>
    }

    renderWith(queryClient, <GuideProfile />)
    await waitFor(() => expect(screen.getByTestId('guide').textContent).toBe('-'))
    await signInAs('grace', 'ecarg')
    await waitFor(() => expect(screen.getByTestId('guide').textContent).toBe('Grace'))
    expect(queryClient.getQueryData(['user', 'user_grace'])).toMatchObject({ name: 'Grace' })

    await signOutNow()
    await waitFor(() => expect(screen.getByTestId('guide').textContent).toBe('-'))
    expect(queryClient.getQueryData(['user', 'user_grace'])).toBeUndefined()
  })
})
