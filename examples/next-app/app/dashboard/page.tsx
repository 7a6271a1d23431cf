import { redirect } from 'next/navigation'
import { getServerSession } from 'gatehouse'

import { authOptions } from '@/lib/auth'

export default async function DashboardPage() {
  const session = await getServerSession(authOptions)

  if (!session) {
    redirect('/login')
  }

  return (
    <div>
      <h1>Welcome, {session.user.name}</h1>
      <div className="card">
        <p>Email: {session.user.email}</p>
        <p>
          Role: <strong data-testid="dashboard-role">{session.user.role}</strong>
        </p>
        <p>Bio: {session.user.bio ?? <span className="muted">none yet</span>}</p>
        <p className="muted">Session until {new Date(session.expires).toUTCString()}</p>
      </div>
    </div>
  )
}
