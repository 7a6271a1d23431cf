import { getServerSession } from 'gatehouse'

import { authOptions } from '@/lib/auth'

/** Guarded by proxy.ts: only admins get here. */
export default async function AdminPage() {
  const session = await getServerSession(authOptions)

  return (
    <div className="card">
      <h1>Admin</h1>
      <p data-testid="admin-welcome">
        Only admins see this page: proxy.ts let {session?.user.email} through.
      </p>
    </div>
  )
}
