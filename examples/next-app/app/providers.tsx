'use client'

import type { ReactNode } from 'react'
import type { Session } from 'gatehouse'
import { SessionProvider } from 'gatehouse/react'

/**
 * The client-side providers of the demo. Integrations that need one of their own (a TanStack
 * Query client, tRPC) wrap `children` inside SessionProvider here.
 */
export function Providers({ children, session }: { children: ReactNode; session: Session | null }) {
  return <SessionProvider session={session}>{children}</SessionProvider>
}
