'use client'
/**
 * The tRPC page: the `user` router called from the browser. Looking a user up is public,
 * "me" needs a session, deleting a user needs the admin role; each error shows its tRPC code.
 */
import { TRPCClientError } from '@trpc/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useSession } from 'gatehouse/react'

import { useAuthQuery } from 'gatehouse/react-query'
import { trpc } from '@/lib/trpc/client'

/** The tRPC error code of a failed call (`UNAUTHORIZED`, `FORBIDDEN`, ...), or its message. */
function errorCode(error: unknown): string {
  if (error instanceof TRPCClientError) {
    return (error.data as { code?: string } | undefined)?.code ?? error.message
  }
  return error instanceof Error ? error.message : String(error)
}

export default function TRPCPage() {
  const { data: session, status } = useSession()
  const me = useAuthQuery({
    queryKey: ['trpc', 'user.getCurrent'],
    queryFn: () => trpc.user.getCurrent.query(),
  })

  const [lookupId, setLookupId] = useState('')
  const lookup = useQuery({
    queryKey: ['trpc', 'user.getById', lookupId],
    queryFn: () => trpc.user.getById.query({ id: lookupId }),
    enabled: lookupId !== '',
  })

  const remove = useMutation({
    mutationFn: (id: string) => trpc.user.delete.mutate({ id }),
  })

  const onLookup = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setLookupId(String(new FormData(event.currentTarget).get('id') ?? '').trim())
  }
  const onDelete = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    remove.mutate(String(new FormData(event.currentTarget).get('id') ?? '').trim())
  }

  return (
    <div className="card">
      <h1>tRPC</h1>
      <p>
        The <code>user</code> router, with <code>createContext</code>,{' '}
        <code>protectedProcedure</code> and an admin-only procedure from <code>gatehouse/trpc</code>
        .
      </p>

      <h2>user.getCurrent (protected)</h2>
      {status === 'unauthenticated' && (
        <p data-testid="trpc-me">Signed out: the query does not run.</p>
      )}
      {me.data && (
        <p data-testid="trpc-me">
          {me.data.name} ({me.data.email}), role {me.data.role}, id <code>{me.data.id}</code>
        </p>
      )}
      {me.error && <p data-testid="trpc-me">Error: {errorCode(me.error)}</p>}

      <h2>user.getById (public)</h2>
      <form onSubmit={onLookup}>
        <input name="id" placeholder="User id" defaultValue={session?.user.id ?? ''} />
        <button type="submit">Look up</button>
      </form>
      {lookup.data !== undefined && (
        <pre data-testid="trpc-lookup">{JSON.stringify(lookup.data, null, 2)}</pre>
      )}
      {lookup.error && <p data-testid="trpc-lookup">Error: {errorCode(lookup.error)}</p>}

      <h2>user.delete (admin only)</h2>
      <form onSubmit={onDelete}>
        <input name="id" placeholder="User id" />
        <button type="submit">Delete</button>
      </form>
      {remove.isSuccess && (
        <p data-testid="trpc-delete">
          {remove.data.deleted ? 'Deleted.' : 'You cannot delete yourself.'}
        </p>
      )}
      {remove.error && <p data-testid="trpc-delete">Error: {errorCode(remove.error)}</p>}
    </div>
  )
}
