/**
 * `NextAuth(options)` as an App Router handler (params as a promise, as Next 16 passes them)
 * and as a Pages Router API route on a real node:http server, plus the Set-Cookie reader that
 * `getServerSession` writes cookies with.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { AuthOptions } from '../core/types.js'
import CredentialsProvider from '../providers/credentials.js'
import { getServerSession } from './get-server-session.js'
import { NextAuth } from './route-handler.js'
import type { PagesApiRequest } from './route-handler.js'
import { parseSetCookie } from './set-cookie.js'

const authOptions: AuthOptions = {
  secret: 'route-handler-test-secret-0123456789abcdef',
  providers: [
    CredentialsProvider({
      credentials: { username: {}, password: {} },
      authorize: (credentials) =>
        credentials?.password === 'right' ? { id: 'u1', name: credentials.username } : null,
    }),
  ],
}
const handler = NextAuth(authOptions)

describe('NextAuth() in the App Router', () => {
  it('serves the routes and awaits the params promise', async () => {
    const response = await handler(new Request('http://localhost:3000/api/auth/providers'), {
      params: Promise.resolve({ nextauth: ['providers'] }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ credentials: { id: 'credentials' } })
  })

  it('takes the base path from where the catch-all route is mounted', async () => {
    const response = await handler(new Request('http://localhost:3000/auth/providers'), {
      params: Promise.resolve({ nextauth: ['providers'] }),
    })
    expect(response.status).toBe(200)
    const providers = (await response.json()) as { credentials: { signinUrl: string } }
    expect(providers.credentials.signinUrl).toBe('http://localhost:3000/auth/signin/credentials')
  })

  it('keeps a configured base path over the mount point', async () => {
    const custom = NextAuth({ ...authOptions, basePath: '/api/auth' })
    const response = await custom(new Request('http://localhost:3000/auth/providers'), {
      params: Promise.resolve({ nextauth: ['providers'] }),
    })
    expect(response.status).toBe(404)
  })
})

describe('NextAuth() in the Pages Router', () => {
  let server: Server
  let origin: string

  beforeAll(async () => {
    // Next's API routes hand over a parsed body and query; this server does the same.
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const apiRequest = req as PagesApiRequest
        const raw = Buffer.concat(chunks).toString('utf8')
        if (raw) apiRequest.body = Object.fromEntries(new URLSearchParams(raw))
        apiRequest.query = { nextauth: new URL(req.url!, 'http://x').pathname.split('/').slice(3) }
        void handler(apiRequest, res)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('signs in with a pre-parsed form body and sends every Set-Cookie header', async () => {
    const csrf = await fetch(`${origin}/api/auth/csrf`)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ')

    const response = await fetch(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: csrfCookie,
        Origin: origin,
      },
      body: new URLSearchParams({ csrfToken, username: 'Ada', password: 'right', json: 'true' }),
    })
    expect(response.status).toBe(200)
    const names = response.headers.getSetCookie().map((cookie) => parseSetCookie(cookie)?.name)
    expect(names).toContain('next-auth.session-token')

    const session = await fetch(`${origin}/api/auth/session`, {
      headers: {
        Cookie: response.headers
          .getSetCookie()
          .map((cookie) => cookie.split(';')[0])
          .join('; '),
      },
    })
    expect(await session.json()).toMatchObject({ user: { name: 'Ada' } })
  })

  it('getServerSession(req, res, options) reads the session and appends a re-issued cookie', async () => {
    const csrf = await fetch(`${origin}/api/auth/csrf`)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const signedIn = await fetch(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: csrf.headers
          .getSetCookie()
          .map((cookie) => cookie.split(';')[0])
          .join('; '),
        Origin: origin,
      },
      body: new URLSearchParams({ csrfToken, username: 'Grace', password: 'right', json: 'true' }),
    })
    const cookie = signedIn.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ')

    const written: Record<string, string[]> = { 'set-cookie': ['existing=1; Path=/'] }
    const response = {
      getHeader: (name: string) => written[name],
      setHeader: (name: string, value: string[]) => {
        written[name] = value
        return response
      },
    }
    const session = await getServerSession(
      { headers: { host: new URL(origin).host, cookie } },
      response as never,
      authOptions,
    )
    expect(session?.user?.name).toBe('Grace')
    // A fresh JWT is not re-issued before `updateAge`: no cookie is added.
    expect(written['set-cookie']).toEqual(['existing=1; Path=/'])

    // With `updateAge: 0` it is re-issued on every read, as NextAuth.js v4 does; the earlier
    // header stays.
    const everyRead = { ...authOptions, session: { ...authOptions.session, updateAge: 0 } }
    await getServerSession(
      { headers: { host: new URL(origin).host, cookie } },
      response as never,
      everyRead,
    )
    expect(written['set-cookie']![0]).toBe('existing=1; Path=/')
    expect(
      written['set-cookie']!.some((header) => header.startsWith('next-auth.session-token=')),
    ).toBe(true)

    expect(await getServerSession({ headers: { host: 'localhost' } }, {}, authOptions)).toBeNull()
  })

  it('refuses the sign-in without the CSRF token', async () => {
    const response = await fetch(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams({ username: 'Ada', password: 'right', json: 'true' }),
    })
    expect(
      response.headers
        .getSetCookie()
        .some(
          (cookie) =>
            cookie.startsWith('next-auth.session-token=') && !cookie.includes('Max-Age=0'),
        ),
    ).toBe(false)
  })
})

describe('parseSetCookie', () => {
  it('reads the name, the decoded value and every attribute', () => {
    const expires = 'Wed, 01 Jan 2031 00:00:00 GMT'
    expect(
      parseSetCookie(
        `next-auth.session-token=a%20b; Path=/; Expires=${expires}; Max-Age=60; Domain=example.com; HttpOnly; Secure; SameSite=Lax`,
      ),
    ).toEqual({
      name: 'next-auth.session-token',
      value: 'a b',
      options: {
        path: '/',
        expires: new Date(expires),
        maxAge: 60,
        domain: 'example.com',
        httpOnly: true,
        secure: true,
        sameSite: 'lax',
      },
    })
  })

  it('keeps a value that is not percent-encoded, and refuses a header without a name', () => {
    expect(parseSetCookie('x=%E0%A4%A; Path=/')?.value).toBe('%E0%A4%A')
    expect(parseSetCookie('=value')).toBeNull()
    expect(parseSetCookie('no-equals-sign')).toBeNull()
  })
})
