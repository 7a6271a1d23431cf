import { createAuthClient } from 'better-auth/react'

// better-auth has no SessionProvider: its client holds the session store.
const authClient = createAuthClient()

function Status() {
  const { data: session, isPending } = authClient.useSession()
  if (isPending) return <p>Loading</p>
  if (!session) {
    return (
      <button onClick={() => authClient.signIn.email({ email: 'a@example.com', password: 'p' })}>
        Sign in
      </button>
    )
  }
  return <button onClick={() => authClient.signOut()}>Sign out {session.user.email}</button>
}

export function App() {
  return <Status />
}
