// @vitest-environment happy-dom
/**
 * `gatehouse/react-query` rendered with React 19 in happy-dom against a real Express server in
 * a child process (test/e2e/express-app-server.ts): real sign-in, real cookies, real fetches.
 */
import { QueryClient } from '@tanstack/react-query'
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { useSession } from '../react/index.js'
import {
  fetchProfile,
  hits,
  renderWith,
  screen,
  signInAs,
  signOutNow,
  useTestAppServer,
  waitFor,
  type Profile,
} from '../../test/e2e/express-dom-harness.js'
import {
  authQueryKey,
  sessionQueryKey,
  useAuthQuery,
  useAuthQueryKey,
  useOptimisticMutation,
  useSessionQuery,
} from './index.js'

useTestAppServer()

/** Every name the profile component ever rendered, to catch a flash of another user's data. */
const shownNames: string[] = []

function ProfileName() {
  const { data: session, status } = useSession()
  const profile = useAuthQuery({ queryKey: ['profile'], queryFn: fetchProfile })
  if (profile.data) shownNames.push(`${session?.user?.email ?? 'nobody'}:${profile.data.name}`)
  return (
    <p data-testid="profile">
      {status}|{profile.status}|{profile.fetchStatus}|{profile.data?.name ?? '-'}
    </p>
  )
}

describe('useAuthQuery', () => {
  it('stays idle signed out and runs once authenticated, with the user id in the key', async () => {
    const queryClient = new QueryClient()
    const before = await hits('GET /api/user')
    renderWith(queryClient, <ProfileName />)

    await waitFor(() =>
      expect(screen.getByTestId('profile').textContent).toBe('unauthenticated|pending|idle|-'),
    )
    expect(await hits('GET /api/user')).toBe(before)

    await signInAs('ada', 'ada')
    await waitFor(() =>
      expect(screen.getByTestId('profile').textContent).toBe('authenticated|success|idle|Ada'),
    )
    expect(await hits('GET /api/user')).toBe(before + 1)
    expect(queryClient.getQueryData(authQueryKey('user_ada', ['profile']))).toMatchObject({
      name: 'Ada',
    })
  })

  it('clears the user’s cache on sign-out and never shows one user’s data to the next', async () => {
    const queryClient = new QueryClient()
    shownNames.length = 0
    await signInAs('ada', 'ada')
    renderWith(queryClient, <ProfileName />)
    await waitFor(() => expect(screen.getByTestId('profile').textContent).toContain('|Ada'))

    await signOutNow()
    await waitFor(() =>
      expect(screen.getByTestId('profile').textContent).toBe('unauthenticated|pending|idle|-'),
    )
    expect(queryClient.getQueryData(authQueryKey('user_ada', ['profile']))).toBeUndefined()

    await signInAs('grace', 'ecarg')
    await waitFor(() => expect(screen.getByTestId('profile').textContent).toContain('|Grace'))
    expect(shownNames.every((entry) => entry.startsWith('ada@') === entry.endsWith(':Ada'))).toBe(
      true,
    )
    expect(shownNames.some((entry) => entry === 'grace@example.test:Ada')).toBe(false)
  })

  it('clears the previous user’s entries when another user signs in without a sign-out', async () => {
    const queryClient = new QueryClient()
    await signInAs('ada', 'ada')
    renderWith(queryClient, <ProfileName />)
    await waitFor(() => expect(screen.getByTestId('profile').textContent).toContain('|Ada'))
    // Seed-style key written by hand, and a user-agnostic key that must survive.
    queryClient.setQueryData(['user', 'user_ada'], { secret: 'ada' })
    queryClient.setQueryData(['public', 'news'], ['headline'])

    // Grace signs in over Ada's session (a second credentials sign-in replaces the cookie).
    await signInAs('grace', 'ecarg')
    await waitFor(() => expect(screen.getByTestId('profile').textContent).toContain('|Grace'))
    expect(queryClient.getQueryData(authQueryKey('user_ada', ['profile']))).toBeUndefined()
    expect(queryClient.getQueryData(['user', 'user_ada'])).toBeUndefined()
    expect(queryClient.getQueryData(['public', 'news'])).toEqual(['headline'])
  })
})

describe('useAuthQueryKey', () => {
  it('names the signed-in user’s entry, and nothing when signed out', async () => {
    const queryClient = new QueryClient()
    function KeyOf() {
      const key = useAuthQueryKey(['profile'])
      return <p data-testid="key">{JSON.stringify(key)}</p>
    }
    renderWith(queryClient, <KeyOf />)
    await waitFor(() => expect(screen.getByTestId('key').textContent).toBe('null'))
    await signInAs('grace', 'ecarg')
    await waitFor(() =>
      expect(screen.getByTestId('key').textContent).toBe(
        JSON.stringify(authQueryKey('user_grace', ['profile'])),
      ),
    )
  })
})

describe('useSessionQuery', () => {
  function SessionConsumers() {
    const { data } = useSession()
    const query = useSessionQuery()
    return (
      <p data-testid="session">
        {data?.user?.email ?? '-'}|{query.data?.user?.email ?? '-'}
      </p>
    )
  }

  it('shares the session with useSession without a fetch of its own', async () => {
    await signInAs('grace', 'ecarg')
    const queryClient = new QueryClient()
    const before = await hits('GET /api/auth/session')
    renderWith(queryClient, <SessionConsumers />)
    await waitFor(() =>
      expect(screen.getByTestId('session').textContent).toBe(
        'grace@example.test|grace@example.test',
      ),
    )
    expect(await hits('GET /api/auth/session')).toBe(before + 1)
    expect(queryClient.getQueryData(sessionQueryKey)).toMatchObject({
      user: { email: 'grace@example.test' },
    })

    // Invalidating the session query refetches through useSession().update(): one fetch.
    await act(() => queryClient.invalidateQueries({ queryKey: sessionQueryKey }))
    expect(await hits('GET /api/auth/session')).toBe(before + 2)
  })
})

describe('useOptimisticMutation', () => {
  function RenameProfile({ onMutated }: { onMutated: (name: string) => void }) {
    const profile = useAuthQuery({ queryKey: ['profile'], queryFn: fetchProfile })
    const rename = useOptimisticMutation<Profile, Error, string, Profile>({
      queryKey: ['profile'],
      mutationFn: async (name) => {
        const response = await fetch('/api/user', {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name }),
        })
        if (!response.ok) throw new Error(`PATCH /api/user answered ${response.status}`)
        return (await response.json()) as Profile
      },
      optimisticUpdate: (previous, name) => {
        onMutated(name)
        return { ...previous!, name }
      },
    })
    if (profile.data) shownNames.push(profile.data.name)
    return (
      <div>
        <p data-testid="name">{profile.data?.name ?? '-'}</p>
        <p data-testid="mutation">{rename.status}</p>
        <button onClick={() => rename.mutate('Ada Lovelace')}>good</button>
        <button onClick={() => rename.mutate('')}>bad</button>
      </div>
    )
  }

  it('shows the change at once, rolls back when the server refuses, keeps it on success', async () => {
    await signInAs('ada', 'ada')
    const queryClient = new QueryClient()
    const key = authQueryKey('user_ada', ['profile'])
    renderWith(queryClient, <RenameProfile onMutated={() => undefined} />)
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Ada'))

    shownNames.length = 0
    const before = await hits('GET /api/user')
    await act(async () => screen.getByText('bad').click())
    await waitFor(() => expect(screen.getByTestId('mutation').textContent).toBe('error'))
    // The optimistic value was shown, then the snapshot came back, then the entry refetched.
    expect(shownNames).toContain('')
    expect(screen.getByTestId('name').textContent).toBe('Ada')
    expect(queryClient.getQueryData<Profile>(key)?.name).toBe('Ada')
    await waitFor(async () => expect(await hits('GET /api/user')).toBe(before + 1))

    await act(async () => screen.getByText('good').click())
    await waitFor(() => expect(screen.getByTestId('mutation').textContent).toBe('success'))
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Ada Lovelace'))
    const server = (await (await fetch('/api/user')).json()) as Profile
    expect(server.name).toBe('Ada Lovelace')

    // Put the name back for the other tests.
    await fetch('/api/user', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    })
  })

  it('refuses to run signed out, without calling the server', async () => {
    const queryClient = new QueryClient()
    const before = await hits('PATCH /api/user')
    renderWith(queryClient, <RenameProfile onMutated={() => undefined} />)
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('-'))
    await act(async () => screen.getByText('good').click())
    await waitFor(() => expect(screen.getByTestId('mutation').textContent).toBe('error'))
    expect(await hits('PATCH /api/user')).toBe(before)
  })
})
