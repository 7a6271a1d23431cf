import { redirect } from 'next/navigation'
import { getServerSession } from 'gatehouse'

import { updateProfile } from '@/app/actions/profile'
import { authOptions } from '@/lib/auth'

export default async function EditProfile() {
  const session = await getServerSession(authOptions)
  if (!session) redirect('/login?callbackUrl=/profile/edit')

  async function save(formData: FormData) {
    'use server'
    await updateProfile(formData)
  }

  return (
    <form action={save} className="card">
      <h1>Edit profile</h1>
      <label htmlFor="name">Name</label>
      <input id="name" name="name" placeholder="Name" defaultValue={session.user.name ?? ''} />
      <label htmlFor="bio">Bio</label>
      <textarea
        id="bio"
        name="bio"
        placeholder="Bio"
        rows={4}
        defaultValue={session.user.bio ?? ''}
      />
      <button type="submit">Save</button>
    </form>
  )
}
