import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { getServerSession } from 'gatehouse'

import { Nav } from '@/components/nav'
import { authOptions } from '@/lib/auth'

import './globals.css'
import { Providers } from './providers'

export const metadata: Metadata = {
  title: 'Gatehouse demo',
  description: 'Every part of a NextAuth.js integration, running on Gatehouse.',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Passing the session spares the client its first fetch, and after a server action
  // revalidates the layout it carries the changed session to every useSession().
  const session = await getServerSession(authOptions)

  return (
    <html lang="en">
      <body>
        <Providers session={session}>
          <Nav />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  )
}
