// @vitest-environment happy-dom
/**
 * `gatehouse/react-query` rendered with React 19 in happy-dom against a real Express server in
 * a child process (test/e2e/express-app-server.ts): real sign-in, real cookies, real fetches.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { SessionProvider, signIn, signOut, useSession } from '../react/index.js'
import {
  authQueryKey,
  SessionQuerySync,
  sessionQueryKey,
  useAuthQuery,
  useOptimisticMutation,
  useSessionQuery,
} from './index.js'

interface Profile {
  id: string
  name: string
  bio: string
}

let server: ChildProcess
let origin: string

// React's act() warnings are on only when the environment says it is a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let root: Root | undefined

function render(element: ReactNode): void {
  const container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  act(() => root!.render(element))
}

function cleanup(): void {
  if (root) act(() => root!.unmount())
  root = undefined
  document.body.innerHTML = ''
}

/** Retries `assertion` until it passes, the way a user waits for the screen to settle. */
function waitFor(assertion: () => unknown): Promise<unknown> {
  return vi.waitFor(assertion, { timeout: 10_000, interval: 20 })
}

const screen = {
  getByTestId(id: string): HTMLElement {
    const element = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
    if (!element) throw new Error(`No element with data-testid="${id}".`)
    return element
  },
  getByText(text: string): HTMLElement {
    const element = [...document.querySelectorAll<HTMLElement>('button, p')].find(
      (candidate) => candidate.textContent === text,
    )
    if (!element) throw new Error(`No element with the text "${text}".`)
    return element
  },
}

beforeAll(async () => {
  server = spawn('node_modules/.bin/tsx', ['test/e2e/express-app-server.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: server.stdout! })
  const [line] = (await once(lines, 'line')) as [string]
  origin = line.trim()
  const happyDOM = (window as unknown as { happyDOM?: { setURL(url: string): void } }).happyDOM
  happyDOM?.setURL(`${origin}/`)
})

afterAll(async () => {
  server.kill()
  await once(server, 'exit')
})

afterEach(async () => {
  cleanup()
  await signOut({ redirect: false })
})

/** How often the server saw `route` (e.g. `GET /api/user`). */
async function hits(route: string): Promise<number> {
  const counts = (await (await fetch(`${origin}/test/counts`)).json()) as Record<string, number>
  return counts[route] ?? 0
}

async function signInAs(username: string, password: string): Promise<void> {
  await act(async () => {
    const result = await signIn('credentials', { redirect: false, username, password })
    expect(result?.ok).toBe(true)
  })
}

async function signOutNow(): Promise<void> {
  await act(async () => {
    await signOut({ redirect: false })
  })
}

function renderWith(queryClient: QueryClient, children: ReactNode): void {
  render(
    <SessionProvider>
      <QueryClientProvider client={queryClient}>
        <SessionQuerySync />
        {children}
      </QueryClientProvider>
    </SessionProvider>,
  )
}

const fetchProfile = async (): Promise<Profile> => {
  const response = await fetch('/api/user')
  if (!response.ok) throw new Error(`GET /api/user answered ${response.status}`)
  return (await response.json()) as Profile
}

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

describe('the React Query section of the NextAuth.js guide, with gatehouse specifiers', () => {
  // hooks/useUser.ts and hooks/useUpdateUser.ts, as written in the guide.
  type User = Profile

  function useUser() {
    const { data: session, status } = useSession()

    return useQuery({
      // The guide's app declares `user.id` on its Session; this suite's Session does not.
      queryKey: ['user', (session?.user as { id?: string } | undefined)?.id],
      queryFn: async () => {
        const res = await fetch('/api/user')
        if (!res.ok) throw new Error('Failed to fetch user')
        return res.json()
      },
      enabled: status === 'authenticated',
    })
  }

  function useUpdateUser() {
    const queryClient = useQueryClient()
    const { data: session } = useSession()
    // The guide's app declares `user.id` on its Session; this suite's Session does not.
    const sessionUser = session?.user as { id?: string } | undefined

    return useMutation({
      mutationFn: async (data: Partial<User>) => {
        const res = await fetch('/api/user', {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(data),
        })

        if (!res.ok) throw new Error('Failed to update user')
        return res.json()
      },
      onMutate: async (newData) => {
        // Cancel outgoing refetches
        await queryClient.cancelQueries({ queryKey: ['user', sessionUser?.id] })

        // Snapshot previous value
        const previous = queryClient.getQueryData(['user', sessionUser?.id])

        // Optimistically update
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        queryClient.setQueryData(['user', sessionUser?.id], (old: any) => ({
          ...old,
          ...newData,
        }))

        return { previous }
      },
      onError: (err, newData, context) => {
        // Rollback on error
        queryClient.setQueryData(['user', sessionUser?.id], context?.previous)
      },
      onSettled: () => {
        // Refetch after mutation
        queryClient.invalidateQueries({ queryKey: ['user', sessionUser?.id] })
      },
    })
  }

  it('runs the guide’s useUpdateUser: optimistic value, rollback on a refused update', async () => {
    const queryClient = new QueryClient()
    const seen: string[] = []
    function GuideEditor() {
      const { data: user } = useUser()
      const update = useUpdateUser()
      const name = (user as User | undefined)?.name ?? '-'
      seen.push(name)
      return (
        <div>
          <p data-testid="guide-name">{name}</p>
          <p data-testid="guide-status">{update.status}</p>
          <button onClick={() => update.mutate({ name: '' })}>refused</button>
        </div>
      )
    }
    await signInAs('ada', 'ada')
    renderWith(queryClient, <GuideEditor />)
    await waitFor(() => expect(screen.getByTestId('guide-name').textContent).toBe('Ada'))
    await act(async () => screen.getByText('refused').click())
    await waitFor(() => expect(screen.getByTestId('guide-status').textContent).toBe('error'))
    expect(seen).toContain('')
    expect(screen.getByTestId('guide-name').textContent).toBe('Ada')
  })

  it('runs the guide’s hooks and provider options unchanged', async () => {
    // The guide's app/providers.tsx options. `cacheTime` is the v4 name of v5's `gcTime`:
    // TanStack Query 5 ignores it (the default gcTime of 5 minutes applies), and its types
    // reject it, hence the directive.
    const queryClient = new QueryClient({
      defaultOptions: {
        queries: {
          staleTime: 5 * 60 * 1000, // 5 minutes
          // @ts-expect-error `cacheTime` was renamed `gcTime` in TanStack Query 5.
          cacheTime: 10 * 60 * 1000, // 10 minutes
        },
      },
    })
    expect(queryClient.getDefaultOptions().queries?.gcTime).toBeUndefined()

    function GuideProfile() {
      const { data: user } = useUser()
      return <p data-testid="guide">{(user as User | undefined)?.name ?? '-'}</p>
    }

    renderWith(queryClient, <GuideProfile />)
    await waitFor(() => expect(screen.getByTestId('guide').textContent).toBe('-'))
    await signInAs('grace', 'ecarg')
    await waitFor(() => expect(screen.getByTestId('guide').textContent).toBe('Grace'))
    expect(queryClient.getQueryData(['user', 'user_grace'])).toMatchObject({ name: 'Grace' })

    await signOutNow()
    await waitFor(() => expect(screen.getByTestId('guide').textContent).toBe('-'))
    expect(queryClient.getQueryData(['user', 'user_grace'])).toBeUndefined()
  })
})
