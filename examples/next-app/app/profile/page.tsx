'use client'

import Link from 'next/link'
import { redirect } from 'next/navigation'
import { useSession } from 'gatehouse/react'

export default function ProfilePage() {
  const { data: session, status } = useSession({
    required: true,
    onUnauthenticated() {
      redirect('/login')
    },
  })

  if (status === 'loading') {
    return <div>Loading...</div>
  }

  return (
    <div className="card">
      <h1 data-testid="profile-name">{session.user.name}</h1>
      {session.user.image && <img src={session.user.image} alt="Profile" width={64} height={64} />}
      <p>{session.user.email}</p>
      <p data-testid="profile-bio">{session.user.bio ?? 'No bio yet.'}</p>
      <Link href="/profile/edit">Edit profile</Link>
    </div>
  )
}
