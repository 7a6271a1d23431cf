/**
 * `gatehouse/trpc` through a real tRPC fetch-adapter server on 127.0.0.1: the auth routes and
 * the tRPC endpoint on one node:http server, signed in with a real credentials sign-in, called
 * with the real tRPC client. The `expectTypeOf` checks are verified by `tsc --noEmit`.
 */
import { createServer, type Server } from 'node:http'
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client'
import { initTRPC } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { createExpressMiddleware } from '@trpc/server/adapters/express'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import express from 'express'
import { ExpressAuth } from '../../src/express/index.js'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { Auth } from '../../src/core/index.js'
import type { Session } from '../../src/core/types.js'
import {
  authed,
  createAuthProcedures,
  createContext,
  hasRole,
  type AuthenticatedSession,
  type SessionContext,
} from '../../src/trpc/index.js'
import {
  Browser,
  close,
  listen,
  people,
  peopleOptions,
  send,
  webRequest,
} from './express-harness.js'

// `updateAge: 0` re-issues the JWT on every read (as NextAuth.js v4 does), so the tests see the
// cookie a session read writes through each adapter's response.
const authOptions = peopleOptions({ session: { updateAge: 0 } })

const t = initTRPC.context<SessionContext>().create()
const { protectedProcedure, roleProcedure } = createAuthProcedures(t)
const adminProcedure = roleProcedure('ADMIN')

const deleted: string[] = []

const appRouter = t.router({
  hello: t.procedure.query(({ ctx }) => ({ greeting: 'hello', signedIn: ctx.session !== null })),
  me: protectedProcedure.query(({ ctx }) => {
    expectTypeOf(ctx.session).toEqualTypeOf<AuthenticatedSession>()
    expectTypeOf(ctx.session.user).not.toBeNullable()
    expectTypeOf(ctx.session.user).toEqualTypeOf<NonNullable<Session['user']>>()
    return { email: ctx.session.user.email ?? null }
  }),
  // The plain middlewares, used directly with `.use()`.
  whoami: t.procedure.use(authed(t)).query(({ ctx }) => {
    expectTypeOf(ctx.session.user).not.toBeNullable()
    return ctx.session.user.name ?? null
  }),
  deleteUser: adminProcedure.input(z.object({ id: z.string() })).mutation(({ ctx, input }) => {
    expectTypeOf(ctx.session.user).not.toBeNullable()
    deleted.push(input.id)
    return { deleted: input.id, by: ctx.session.user.email ?? null }
  }),
  auditLog: t.procedure.use(hasRole(t, 'ADMIN', 'AUDITOR')).query(() => ['entry']),
})

type AppRouter = typeof appRouter

/** A node:http server with the auth routes and the tRPC fetch adapter, like a Next.js app. */
function fetchAdapterServer(): { server: Server; ready: Promise<string> } {
  let origin = ''
  const server = createServer((req, res) => {
    void (async () => {
      const request = await webRequest(req, origin)
      const { pathname } = new URL(request.url)
      const response = pathname.startsWith('/api/auth/')
        ? await Auth(request, authOptions)
        : await fetchRequestHandler({
            endpoint: '/api/trpc',
            req: request,
            router: appRouter,
            createContext: createContext(authOptions),
          })
      await send(res, response)
    })().catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })
  const ready = listen(server).then((value) => (origin = value))
  return { server, ready }
}

function clientFor(browser: Browser, url: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url, headers: () => ({ cookie: browser.cookieHeader() }) })],
  })
}

async function trpcError(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(TRPCClientError)
  const data = (error as TRPCClientError<AppRouter>).data
  return { code: data?.code, status: data?.httpStatus }
}

describe('tRPC fetch adapter with createContext(authOptions)', () => {
  const { server, ready } = fetchAdapterServer()
  let origin: string
  let anonymous: Browser
  let ada: Browser
  let grace: Browser

  beforeAll(async () => {
    origin = await ready
    anonymous = new Browser(origin)
    ada = new Browser(origin)
    grace = new Browser(origin)
    expect((await ada.signIn('/api/auth', 'ada', 'ada')).status).toBe(302)
    expect((await grace.signIn('/api/auth', 'grace', 'ecarg')).status).toBe(302)
  })
  afterAll(() => close(server))

  it('public procedures answer everyone, with the session on ctx when there is one', async () => {
    const url = `${origin}/api/trpc`
    expect(await clientFor(anonymous, url).hello.query()).toEqual({
      greeting: 'hello',
      signedIn: false,
    })
    expect(await clientFor(ada, url).hello.query()).toEqual({ greeting: 'hello', signedIn: true })
  })

  it('protected procedures: UNAUTHORIZED signed out, the user signed in', async () => {
    const url = `${origin}/api/trpc`
    expect(await trpcError(clientFor(anonymous, url).me.query())).toEqual({
      code: 'UNAUTHORIZED',
      status: 401,
    })
    expect(await clientFor(ada, url).me.query()).toEqual({ email: people.ada.email })
    expect(await clientFor(grace, url).whoami.query()).toBe('Grace')
    expect(await trpcError(clientFor(anonymous, url).whoami.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    })
  })

  it('admin procedures: UNAUTHORIZED signed out, FORBIDDEN for a user, success for an admin', async () => {
    const url = `${origin}/api/trpc`
    const input = { id: 'user_x' }
    expect(await trpcError(clientFor(anonymous, url).deleteUser.mutate(input))).toEqual({
      code: 'UNAUTHORIZED',
      status: 401,
    })
    expect(await trpcError(clientFor(ada, url).deleteUser.mutate(input))).toEqual({
      code: 'FORBIDDEN',
      status: 403,
    })
    expect(deleted).toEqual([])
    expect(await clientFor(grace, url).deleteUser.mutate(input)).toEqual({
      deleted: 'user_x',
      by: people.grace.email,
    })
    expect(deleted).toEqual(['user_x'])
  })

  it('accepts any of several roles', async () => {
    const url = `${origin}/api/trpc`
    expect(await clientFor(grace, url).auditLog.query()).toEqual(['entry'])
    expect(await trpcError(clientFor(ada, url).auditLog.query())).toMatchObject({
      code: 'FORBIDDEN',
    })
  })

  it('renews the session cookie on the tRPC response, as GET /session does', async () => {
    const response = await ada.get('/api/trpc/me')
    expect(response.status).toBe(200)
    const renewed = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('next-auth.session-token='))
    expect(renewed).toMatch(/HttpOnly/i)
    expect(await clientFor(ada, `${origin}/api/trpc`).me.query()).toEqual({
      email: people.ada.email,
    })
  })

  it('does not take a forged session cookie', async () => {
    const forger = new Browser(origin)
    await forger.signIn('/api/auth', 'grace', 'ecarg')
    const token = forger.cookies.get('next-auth.session-token') ?? ''
    forger.cookies.set('next-auth.session-token', `${token.slice(0, 20)}x${token.slice(21)}`)
    expect(await trpcError(clientFor(forger, `${origin}/api/trpc`).me.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    })
  })
})

describe('tRPC standalone adapter with createContext(authOptions)', () => {
  let authServer: Server
  let trpcServer: Server
  let authOrigin: string
  let trpcOrigin: string

  beforeAll(async () => {
    const auth = fetchAdapterServer()
    authServer = auth.server
    authOrigin = await auth.ready
    trpcServer = createServer(
      createHTTPHandler({ router: appRouter, createContext: createContext(authOptions) }),
    )
    trpcOrigin = await listen(trpcServer)
  })
  afterAll(async () => {
    await close(trpcServer)
    await close(authServer)
  })

  it('reads the session from a Node request', async () => {
    const grace = new Browser(authOrigin)
    await grace.signIn('/api/auth', 'grace', 'ecarg')
    const anonymous = new Browser(authOrigin)
    expect(await clientFor(grace, trpcOrigin).me.query()).toEqual({ email: people.grace.email })
    const raw = await fetch(`${trpcOrigin}/me`, { headers: { cookie: grace.cookieHeader() } })
    expect(
      raw.headers.getSetCookie().some((line) => line.startsWith('next-auth.session-token=')),
    ).toBe(true)
    expect(await trpcError(clientFor(anonymous, trpcOrigin).me.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    })
  })
})

describe('tRPC Express adapter next to ExpressAuth in one app', () => {
  let server: Server
  let origin: string

  beforeAll(async () => {
    const app = express()
    app.use('/api/auth', ExpressAuth(authOptions))
    app.use(
      '/trpc',
      createExpressMiddleware({ router: appRouter, createContext: createContext(authOptions) }),
    )
    server = createServer(app)
    origin = await listen(server)
  })
  afterAll(() => close(server))

  it('reads the session ExpressAuth set, and applies the role check', async () => {
    const ada = new Browser(origin)
    await ada.signIn('/api/auth', 'ada', 'ada')
    const grace = new Browser(origin)
    await grace.signIn('/api/auth', 'grace', 'ecarg')
    const url = `${origin}/trpc`

    expect(await clientFor(ada, url).me.query()).toEqual({ email: people.ada.email })
    expect(await trpcError(clientFor(ada, url).auditLog.query())).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(await clientFor(grace, url).auditLog.query()).toEqual(['entry'])
    expect(await trpcError(clientFor(new Browser(origin), url).me.query())).toMatchObject({
      code: 'UNAUTHORIZED',
    })
  })
})
