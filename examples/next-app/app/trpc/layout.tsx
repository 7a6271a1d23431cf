import type { ReactNode } from 'react'

import { QueryProvider } from '@/lib/trpc/query-provider'

/** The tRPC pages share one TanStack Query client, cleared when the user changes. */
export default function TRPCLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>
}
