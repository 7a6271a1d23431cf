'use server'

import { revalidatePath } from 'next/cache'
import { getServerSession } from 'gatehouse'

import { authOptions } from '@/lib/auth'
import { adapter } from '@/lib/db'

export async function updateProfile(formData: FormData) {
  const session = await getServerSession(authOptions)

  if (!session) {
    throw new Error('Unauthorized')
  }

  const name = String(formData.get('name') ?? '')
    .trim()
    .slice(0, 80)
  const bio = String(formData.get('bio') ?? '')
    .trim()
    .slice(0, 500)

  await adapter.updateUser({ id: session.user.id, name, bio })

  revalidatePath('/profile')
  // The root layout passes the session to SessionProvider; re-rendering it brings the new
  // name and bio to every useSession() on the page, without a reload.
  revalidatePath('/', 'layout')

  return { success: true }
}
