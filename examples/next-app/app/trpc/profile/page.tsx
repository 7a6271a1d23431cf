'use client'
/**
 * The optimistic profile: renaming shows the new name at once, through
 * `useOptimisticMutation`; if the server refuses (an empty name fails the router's validation),
 * the previous name comes back. The cache belongs to the signed-in user and is cleared when the
 * user changes.
 */
import { TRPCClientError } from '@trpc/client'
import { useState, type FormEvent } from 'react'
import { useSession } from 'gatehouse/react'

import { useAuthQuery, useOptimisticMutation } from 'gatehouse/react-query'
import { trpc } from '@/lib/trpc/client'

type Profile = NonNullable<Awaited<ReturnType<typeof trpc.user.getCurrent.query>>>

/** Why the server refused: the first validation message, or the tRPC error code. */
function refusal(error: unknown): string {
  if (!(error instanceof TRPCClientError)) return 'The server refused the change.'
  try {
    const issues = JSON.parse(error.message) as Array<{ message?: string }>
    if (issues[0]?.message) return issues[0].message
  } catch {
    // Not a validation error: the message is plain text.
  }
  return (error.data as { code?: string } | undefined)?.code ?? error.message
}

export default function OptimisticProfilePage() {
  const { status } = useSession()
  const [failure, setFailure] = useState<string | null>(null)

  const profile = useAuthQuery({
    queryKey: ['trpc', 'user.getCurrent'],
    queryFn: () => trpc.user.getCurrent.query(),
  })
  const rename = useOptimisticMutation<unknown, Error, string, Profile | null>({
    queryKey: ['trpc', 'user.getCurrent'],
    mutationFn: (name) => trpc.user.update.mutate({ name }),
    optimisticUpdate: (current, name) => (current ? { ...current, name } : null),
    onError: (error) => setFailure(refusal(error)),
    onSuccess: () => setFailure(null),
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setFailure(null)
    rename.mutate(String(new FormData(event.currentTarget).get('name') ?? ''))
  }

  if (status === 'unauthenticated') {
    return (
      <div className="card">
        <h1>Optimistic profile</h1>
        <p>Sign in to rename yourself.</p>
      </div>
    )
  }

  return (
    <div className="card">
      <h1>Optimistic profile</h1>
      <p data-testid="optimistic-name">{profile.data?.name ?? '…'}</p>
      <p data-testid="optimistic-status">{rename.isPending ? 'Saving…' : rename.status}</p>
      {failure && <p data-testid="optimistic-error">Rolled back: {failure}</p>}
      <form onSubmit={onSubmit}>
        <input name="name" placeholder="New name (empty is refused)" />
        <button type="submit">Rename</button>
      </form>
    </div>
  )
}
