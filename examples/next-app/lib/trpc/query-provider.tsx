'use client'
/**
 * A TanStack Query client for the tRPC pages, kept in step with the session: the previous
 * user's queries are cleared on sign-out and when another user signs in.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'

import { SessionQuerySync } from 'gatehouse/react-query'

export function QueryProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 60 * 1000 } } }),
  )
  return (
    <QueryClientProvider client={queryClient}>
      <SessionQuerySync />
      {children}
    </QueryClientProvider>
  )
}
