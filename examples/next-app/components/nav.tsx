'use client'

import Link from 'next/link'
import { signOut, useSession } from 'gatehouse/react'

import { navLinks } from '@/lib/nav-links'

/** The top bar: links, and who is signed in according to useSession(). */
export function Nav() {
  const { data: session, status } = useSession()

  return (
    <header className="nav">
      <Link href="/" className="brand">
        Gatehouse demo
      </Link>
      {navLinks.map((link) => (
        <Link key={link.href} href={link.href}>
          {link.label}
        </Link>
      ))}
      <span className="who" data-testid="session-status" data-status={status}>
        {session ? (
          <>
            <span data-testid="session-user">
              {session.user.name ?? session.user.email} ({session.user.role})
            </span>
            <button className="secondary" onClick={() => signOut({ callbackUrl: '/' })}>
              Sign out
            </button>
          </>
        ) : status === 'loading' ? (
          <span>…</span>
        ) : (
          <Link href="/login">Sign in</Link>
        )}
      </span>
    </header>
  )
}
