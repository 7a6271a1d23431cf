/**
 * What the happy-dom suites of `gatehouse/react-query` share: the test app server in a child
 * process (so the server keeps Node's fetch classes while the window has happy-dom's), a
 * minimal React 19 renderer, and sign-in through the real `gatehouse/react` client.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest'
import { SessionProvider, signIn, signOut } from '../../src/react/index.js'
import { SessionQuerySync } from '../../src/react-query/index.js'

export interface Profile {
  id: string
  name: string
  bio: string
}

let server: ChildProcess
let origin: string

// React's act() warnings are on only when the environment says it is a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let root: Root | undefined

export function render(element: ReactNode): void {
  const container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  act(() => root!.render(element))
}

export function cleanup(): void {
  if (root) act(() => root!.unmount())
  root = undefined
  document.body.innerHTML = ''
}

/** Retries `assertion` until it passes, the way a user waits for the screen to settle. */
export function waitFor(assertion: () => unknown): Promise<unknown> {
  return vi.waitFor(assertion, { timeout: 10_000, interval: 20 })
}

export const screen = {
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

/**
 * Starts the test app (test/e2e/express-app-server.ts) in a child process for the calling
 * test file, points the happy-dom window at it, and signs out and unmounts after each test.
 */
export function useTestAppServer(): void {
  beforeAll(async () => {
    server = spawn('node_modules/.bin/tsx', ['test/e2e/express-app-server.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const lines = createInterface({ input: server.stdout! })
    const line = await Promise.race([
      once(lines, 'line').then(([first]) => String(first)),
      once(server, 'exit').then(([code]) => {
        throw new Error(`the test app server exited (${String(code)}) before it listened`)
      }),
    ])
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
}

/** How often the server saw `route` (e.g. `GET /api/user`). */
export async function hits(route: string): Promise<number> {
  const counts = (await (await fetch(`${origin}/test/counts`)).json()) as Record<string, number>
  return counts[route] ?? 0
}

export async function signInAs(username: string, password: string): Promise<void> {
  await act(async () => {
    const result = await signIn('credentials', { redirect: false, username, password })
    expect(result?.ok).toBe(true)
  })
}

export async function signOutNow(): Promise<void> {
  await act(async () => {
    await signOut({ redirect: false })
  })
}

export function renderWith(queryClient: QueryClient, children: ReactNode): void {
  render(
    <SessionProvider>
      <QueryClientProvider client={queryClient}>
        <SessionQuerySync />
        {children}
      </QueryClientProvider>
    </SessionProvider>,
  )
}

export const fetchProfile = async (): Promise<Profile> => {
  const response = await fetch('/api/user')
  if (!response.ok) throw new Error(`GET /api/user answered ${response.status}`)
  return (await response.json()) as Profile
}
