import { NextResponse } from 'next/server'
import type { NextRequest } from 'next/server'
import { getServerSession } from 'gatehouse'

import { authOptions } from '@/lib/auth'
import { adapter } from '@/lib/db'

/** The fields of a user that the profile shows. */
function publicProfile(user: {
  id: string
  name?: string | null
  email?: string | null
  role?: string
  bio?: string | null
}) {
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? null,
    role: user.role ?? 'user',
    bio: user.bio ?? null,
  }
}

export async function GET() {
  const session = await getServerSession(authOptions)
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })

  const user = await adapter.getUser(session.user.id)
  if (!user) return NextResponse.json({ error: 'Not found' }, { status: 404 })
  return NextResponse.json({ user: publicProfile(user) })
}

export async function PATCH(req: NextRequest) {
  const session = await getServerSession(authOptions)
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })

  const body = (await req.json().catch(() => null)) as Record<string, unknown> | null
  if (!body || typeof body !== 'object') {
    return NextResponse.json({ error: 'Send a JSON object' }, { status: 400 })
  }
  // Only these fields may change: a client must not be able to make itself an admin.
  const changes: { name?: string; bio?: string } = {}
  if (typeof body.name === 'string') changes.name = body.name.trim().slice(0, 80)
  if (typeof body.bio === 'string') changes.bio = body.bio.trim().slice(0, 500)

  const updated = await adapter.updateUser({ id: session.user.id, ...changes })
  return NextResponse.json({ user: publicProfile(updated) })
}
