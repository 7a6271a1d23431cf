// @vitest-environment happy-dom
/**
 * `gatehouse/react` rendered with React 19 in happy-dom against the real engine on node:http
 * (react-client.fixture.ts, in a child process): real cookies, real CSRF tokens, real fetches.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

import { act } from 'react'
import type { ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import {
  SessionProvider,
  getCsrfToken,
  getProviders,
  getSession,
  signIn,
  signOut,
  useSession,
} from './index.js'
import type { Session } from './index.js'

let server: ChildProcess
let origin: string

// React's act() warnings are on only when the environment says it is a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let root: Root | undefined

/** Renders into a fresh container; `rerender` renders a new tree into the same root. */
function render(element: ReactNode): { rerender: (next: ReactNode) => void } {
  const container = document.createElement('div')
  document.body.append(container)
  const current = createRoot(container)
  root = current
  act(() => current.render(element))
  return { rerender: (next) => act(() => current.render(next)) }
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
  getByText(label: string): HTMLElement {
    const element = [...document.querySelectorAll<HTMLElement>('button, p')].find(
      (candidate) => candidate.textContent === label,
    )
    if (!element) throw new Error(`No element with the text "${label}".`)
    return element
  },
}

beforeAll(async () => {
  server = spawn('node_modules/.bin/tsx', ['src/react/react-client.fixture.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string]
  origin = line.trim()
  ;(window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${origin}/`)
})

afterAll(async () => {
  server.kill()
  await once(server, 'exit')
})

afterEach(async () => {
  cleanup()
  await signOut({ redirect: false })
})

/** Shows what one `useSession()` sees. */
function Status({ label = 'status' }: { label?: string }) {
  const { data, status } = useSession()
  return <p data-testid={label}>{`${status}:${data?.user?.name ?? '-'}`}</p>
}

/** A button that calls `update()` with a new name. */
function Rename({ name }: { name: string }) {
  const { update } = useSession()
  return <button onClick={() => void update({ name })}>rename</button>
}

const text = (id: string) => screen.getByTestId(id).textContent

async function signInAsAda(): Promise<void> {
  const result = await signIn('credentials', {
    redirect: false,
    username: 'ada',
    password: 'ada-password',
  })
  expect(result).toMatchObject({ ok: true, error: null, status: 200 })
}

describe('the auth route calls', () => {
  it('lists the providers and hands out a CSRF token', async () => {
    const providers = await getProviders()
    expect(providers?.credentials).toMatchObject({ id: 'credentials', type: 'credentials' })
    const token = await getCsrfToken()
    expect(token).toMatch(/^[0-9a-f]{32,}$/)
  })

  it('answers a wrong password with CredentialsSignin and no session', async () => {
    const result = await signIn('credentials', {
      redirect: false,
      username: 'ada',
      password: 'wrong',
    })
    expect(result?.ok).toBe(false)
    expect(result?.error).toBe('CredentialsSignin')
    expect(result?.url).toBeNull()
    expect(await getSession()).toBeNull()
  })

  it('signs in and out with redirect: false', async () => {
    await signInAsAda()
    expect((await getSession())?.user?.name).toBe('Ada')
    const out = await signOut({ redirect: false, callbackUrl: '/bye' })
    expect(out.url).toBe(`${origin}/bye`)
    expect(await getSession()).toBeNull()
  })
})

describe('SessionProvider and useSession', () => {
  it('goes from loading to unauthenticated, then follows signIn and signOut without a reload', async () => {
    render(
      <SessionProvider>
        <Status />
        <Status label="second" />
      </SessionProvider>,
    )
    expect(text('status')).toBe('loading:-')
    await waitFor(() => expect(text('status')).toBe('unauthenticated:-'))

    await act(signInAsAda)
    await waitFor(() => expect(text('status')).toBe('authenticated:Ada'))
    expect(text('second')).toBe('authenticated:Ada')

    await act(async () => {
      await signOut({ redirect: false })
    })
    await waitFor(() => expect(text('status')).toBe('unauthenticated:-'))
  })

  it('uses the server session it is given without fetching, and adopts a newer one', async () => {
    const session: Session = {
      user: { name: 'From the server' },
      expires: '2999-01-01T00:00:00.000Z',
    }
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const view = render(
      <SessionProvider session={session} refetchOnWindowFocus={false}>
        <Status />
      </SessionProvider>,
    )
    expect(text('status')).toBe('authenticated:From the server')
    expect(fetchSpy.mock.calls.filter(([url]) => String(url).includes('/session'))).toHaveLength(0)

    // A server action re-rendered the layout with a changed session.
    view.rerender(
      <SessionProvider
        session={{ ...session, user: { name: 'Renamed on the server' } }}
        refetchOnWindowFocus={false}
      >
        <Status />
      </SessionProvider>,
    )
    await waitFor(() => expect(text('status')).toBe('authenticated:Renamed on the server'))
    fetchSpy.mockRestore()
  })

  it('update(data) posts to /session and every useSession shows the result', async () => {
    await signInAsAda()
    render(
      <SessionProvider>
        <Status />
        <Rename name="Ada Lovelace" />
      </SessionProvider>,
    )
    await waitFor(() => expect(text('status')).toBe('authenticated:Ada'))
    await act(async () => {
      screen.getByText('rename').click()
    })
    await waitFor(() => expect(text('status')).toBe('authenticated:Ada Lovelace'))
    expect((await getSession())?.user?.name).toBe('Ada Lovelace')
  })

  it('getSession() after a change made on the server alone updates the page', async () => {
    await signInAsAda()
    render(
      <SessionProvider>
        <Status />
      </SessionProvider>,
    )
    await waitFor(() => expect(text('status')).toMatch(/^authenticated:/))
    const before = text('status')
    await fetch(`${origin}/test/rename?name=Countess`, { method: 'POST' })
    expect(text('status')).toBe(before)

    await act(async () => {
      await getSession()
    })
    await waitFor(() => expect(text('status')).toBe('authenticated:Countess'))
  })

  it('follows a sign-out announced by another tab', async () => {
    await signInAsAda()
    render(
      <SessionProvider>
        <Status />
      </SessionProvider>,
    )
    await waitFor(() => expect(text('status')).toMatch(/^authenticated:/))

    // Another tab signed out: its cookie change is shared, its message comes over the channel.
    await fetch(`${origin}/api/auth/csrf`)
    await signOutQuietly()
    const otherTab = new BroadcastChannel('gatehouse.session')
    otherTab.postMessage({ trigger: 'signOut' })
    otherTab.close()
    await waitFor(() => expect(text('status')).toBe('unauthenticated:-'))
  })

  it('required: true calls onUnauthenticated and reports loading', async () => {
    const onUnauthenticated = vi.fn()
    function Guarded() {
      const { status } = useSession({ required: true, onUnauthenticated })
      return <p data-testid="guarded">{status}</p>
    }
    render(
      <SessionProvider session={null}>
        <Guarded />
      </SessionProvider>,
    )
    await waitFor(() => expect(onUnauthenticated).toHaveBeenCalledTimes(1))
    expect(text('guarded')).toBe('loading')
  })

  it('refuses to run outside a SessionProvider', () => {
    function Probe() {
      let message = ''
      try {
        useSession()
      } catch (error) {
        message = (error as Error).message
      }
      return <p data-testid="outside">{message}</p>
    }
    render(<Probe />)
    expect(text('outside')).toMatch(/inside a <SessionProvider>/)
  })
})

/** Ends the session on the server without announcing it, as another tab's request would. */
async function signOutQuietly(): Promise<void> {
  const csrfToken = (await getCsrfToken()) ?? ''
  await fetch(`${origin}/api/auth/signout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  })
}
