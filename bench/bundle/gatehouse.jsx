import { SessionProvider, signIn, signOut, useSession } from 'gatehouse/react'

function Status() {
  const { data: session, status } = useSession()
  if (status === 'loading') return <p>Loading</p>
  if (!session) return <button onClick={() => signIn('credentials')}>Sign in</button>
  return <button onClick={() => signOut()}>Sign out {session.user?.email}</button>
}

export function App({ session }) {
  return (
    <SessionProvider session={session}>
      <Status />
    </SessionProvider>
  )
}
