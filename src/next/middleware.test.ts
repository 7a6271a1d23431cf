/**
 * `withAuth` on real `NextRequest`s: the three call forms, redirects with `callbackUrl`, the
 * `authorized` callback, forged and foreign tokens, and database sessions through an adapter.
 */
import { NextRequest, NextResponse } from 'next/server'
import type { NextFetchEvent } from 'next/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { MemoryAdapter } from '../adapters/memory.js'
import type { AdapterUser } from '../core/adapter.js'
import { encode } from '../core/session/jwt.js'
import type { AuthOptions } from '../core/types.js'
import withAuthDefault, { withAuth } from './middleware.js'

const secret = 'middleware-test-secret-0123456789abcdef'
const event = {} as NextFetchEvent

function request(path: string, cookie?: string): NextRequest {
  return new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} })
}

async function sessionCookie(
  claims: Record<string, unknown>,
  withSecret = secret,
): Promise<string> {
  const token = await encode({
    token: { sub: 'user-1', name: 'Ada', ...claims },
    secret: withSecret,
  })
  return `next-auth.session-token=${token}`
}

function locationOf(response: unknown): string | null {
  return response instanceof Response ? response.headers.get('location') : null
}

beforeEach(() => {
  process.env.NEXTAUTH_SECRET = secret
})
afterEach(() => {
  delete process.env.NEXTAUTH_SECRET
})

describe('withAuth with JWT sessions', () => {
  it('as the default export, sends visitors without a session to sign-in with their URL', async () => {
    const response = await withAuthDefault(request('/dashboard?tab=2'), event)
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).status).toBe(307)
    expect(locationOf(response)).toBe(
      'http://localhost:3000/api/auth/signin?callbackUrl=%2Fdashboard%3Ftab%3D2',
    )
  })

  it('lets a valid session through untouched', async () => {
    expect(await withAuth(request('/dashboard', await sessionCookie({})), event)).toBeUndefined()
  })

  it('refuses a token that is forged, tampered with or made with another secret', async () => {
    const valid = await sessionCookie({})
    const tampered = `${valid.slice(0, -4)}AAAA`
    const foreign = await sessionCookie({}, 'another-secret-entirely-0123456789abcdef')
    for (const cookie of ['next-auth.session-token=not-a-jwt', tampered, foreign]) {
      const response = await withAuth(request('/dashboard', cookie), event)
      expect(locationOf(response)).toMatch(/\/api\/auth\/signin\?callbackUrl=/)
    }
  })

  it('withAuth(options) applies authorized() and pages.signIn', async () => {
    const proxy = withAuth({
      callbacks: { authorized: ({ token }) => token?.role === 'admin' },
      pages: { signIn: '/login' },
    })
    const user = await proxy(request('/admin', await sessionCookie({ role: 'user' })), event)
    expect(locationOf(user)).toBe('http://localhost:3000/login?callbackUrl=%2Fadmin')
    expect(
      await proxy(request('/admin', await sessionCookie({ role: 'admin' })), event),
    ).toBeUndefined()
  })

  it('withAuth(middleware, options) runs the middleware with req.nextauth.token when authorized', async () => {
    const proxy = withAuth(
      (req) => NextResponse.json({ sub: req.nextauth.token?.sub, role: req.nextauth.token?.role }),
      { secret, callbacks: { authorized: ({ token }) => !!token } },
    )
    const response = (await proxy(
      request('/api/me', await sessionCookie({ role: 'admin' })),
      event,
    )) as Response
    expect(await response.json()).toEqual({ sub: 'user-1', role: 'admin' })

    const refused = await proxy(request('/api/me'), event)
    expect(locationOf(refused)).toContain('/api/auth/signin')
  })

  it('never guards the auth routes, the sign-in and error pages, or Next internals', async () => {
    const proxy = withAuth({ pages: { signIn: '/login', error: '/oops' } })
    for (const path of [
      '/api/auth/session',
      '/login',
      '/oops',
      '/_next/static/chunk.js',
      '/favicon.ico',
    ]) {
      expect(await proxy(request(path), event)).toBeUndefined()
    }
  })

  it('without a secret, sends to the error page with Configuration', async () => {
    delete process.env.NEXTAUTH_SECRET
    const logged: string[] = []
    const proxy = withAuth({
      authOptions: { providers: [], logger: { error: (code) => logged.push(code) } },
    })
    const response = await proxy(request('/dashboard'), event)
    expect(locationOf(response)).toBe('http://localhost:3000/api/auth/error?error=Configuration')
    expect(logged).toEqual(['Configuration'])
  })
})

describe('withAuth with database sessions', () => {
  async function databaseOptions() {
    const adapter = MemoryAdapter()
    await adapter.createUser({
      id: 'user-7',
      email: 'grace@example.com',
      emailVerified: null,
      name: 'Grace',
      role: 'admin',
    } as AdapterUser)
    await adapter.createSession({
      sessionToken: 'session-token-7',
      userId: 'user-7',
      expires: new Date(Date.now() + 60_000),
    })
    await adapter.createSession({
      sessionToken: 'expired-token',
      userId: 'user-7',
      expires: new Date(Date.now() - 1000),
    })
    const authOptions: AuthOptions = {
      adapter,
      secret,
      providers: [],
      session: { strategy: 'database' },
      callbacks: {
        session({ session, user }) {
          return {
            ...session,
            user: { ...session.user, id: user.id, role: (user as { role?: string }).role },
          }
        },
      },
    }
    return authOptions
  }

  it('reads the session through the adapter and passes its user to authorized()', async () => {
    const seen: unknown[] = []
    const proxy = withAuth({
      authOptions: await databaseOptions(),
      callbacks: {
        authorized: ({ token }) => {
          seen.push(token)
          return token?.role === 'admin'
        },
      },
    })
    expect(
      await proxy(request('/admin', 'next-auth.session-token=session-token-7'), event),
    ).toBeUndefined()
    expect(seen[0]).toMatchObject({
      sub: 'user-7',
      email: 'grace@example.com',
      name: 'Grace',
      role: 'admin',
    })
  })

  it('refuses unknown and expired session tokens', async () => {
    const proxy = withAuth({ authOptions: await databaseOptions(), pages: { signIn: '/login' } })
    for (const token of ['no-such-token', 'expired-token']) {
      const response = await proxy(request('/admin', `next-auth.session-token=${token}`), event)
      expect(locationOf(response)).toBe('http://localhost:3000/login?callbackUrl=%2Fadmin')
    }
  })
})
