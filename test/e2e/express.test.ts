/**
 * `gatehouse/express` through real Express 4 and 5 servers on 127.0.0.1: credentials sign-in,
 * session, sign-out, guards, body parsing with and without the app's parsers, and proxies.
 */
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import express5 from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExpressAuth, getSession, requireAuth, requireRole } from '../../src/express/index.js'
import { Browser, close, listen, people, peopleOptions } from './express-harness.js'

const express4 = createRequire(import.meta.url)('express4') as typeof express5

const versions = [
  { name: 'Express 5', express: express5 },
  { name: 'Express 4', express: express4 },
]

describe.each(versions)('$name', ({ express }) => {
  /** Builds the app; `parsers` installs express.json()/urlencoded() before the auth router. */
  function buildApp(options: { parsers: boolean; trustProxy?: boolean }) {
    // `updateAge: 0` re-issues the JWT on every read (as NextAuth.js v4 does), so the guards'
    // tests see the cookie a session read writes.
    const authOptions = peopleOptions({ basePath: '/auth', session: { updateAge: 0 } })
    const app = express()
    if (options.trustProxy) app.set('trust proxy', true)
    if (options.parsers) {
      app.use(express.json())
      app.use(express.urlencoded({ extended: true }))
    }
    app.use('/auth', ExpressAuth(authOptions))
    app.get('/api/profile', requireAuth(authOptions), (req, res) => {
      res.json({ user: req.auth?.user, fromLocals: res.locals.session?.user?.email })
    })
    app.get('/dashboard', requireAuth(authOptions), (_req, res) => {
      res.type('html').send('<h1>Dashboard</h1>')
    })
    app.get('/api/admin', requireRole(authOptions, 'ADMIN'), (_req, res) => {
      res.json({ admin: true })
    })
    app.get('/api/whoami', async (req, res) => {
      const session = await getSession(req, authOptions)
      res.json({ email: session?.user?.email ?? null })
    })
    return app
  }

  describe.each([
    { parsers: false, label: 'without body parsers' },
    { parsers: true, label: 'after express.json() and express.urlencoded()' },
  ])('auth router $label', ({ parsers }) => {
    let server: Server
    let origin: string

    beforeAll(async () => {
      server = createServer(buildApp({ parsers }))
      origin = await listen(server)
    })
    afterAll(() => close(server))

    it('signs in with credentials, serves the session, and signs out', async () => {
      const browser = new Browser(origin)
      expect(await browser.session('/auth')).toEqual({})

      const signIn = await browser.signIn('/auth', 'ada', 'ada', `${origin}/dashboard`)
      expect(signIn.status).toBe(302)
      expect(signIn.headers.get('location')).toBe(`${origin}/dashboard`)
      expect(browser.cookies.has('next-auth.session-token')).toBe(true)

      const session = await browser.session('/auth')
      expect(session.user).toMatchObject({
        email: people.ada.email,
        id: people.ada.id,
        role: 'USER',
      })

      const whoami = await browser.get('/api/whoami')
      expect(await whoami.json()).toEqual({ email: people.ada.email })

      const signOut = await browser.signOut('/auth')
      expect(signOut.status).toBe(302)
      expect(browser.cookies.has('next-auth.session-token')).toBe(false)
      expect(await browser.session('/auth')).toEqual({})
    })

    it('refuses wrong credentials and a sign-in without the CSRF token', async () => {
      const browser = new Browser(origin)
      const wrong = await browser.signIn('/auth', 'ada', 'not-her-password')
      expect(wrong.status).toBe(302)
      expect(wrong.headers.get('location')).toContain('error=CredentialsSignin')
      expect(browser.cookies.has('next-auth.session-token')).toBe(false)

      const forged = await browser.postForm('/auth/callback/credentials', {
        csrfToken: 'forged',
        username: 'ada',
        password: 'ada',
      })
      expect(browser.cookies.has('next-auth.session-token')).toBe(false)
      expect(forged.headers.get('location') ?? '').toContain('MissingCSRF')
    })

    it('lists the providers at the mount path', async () => {
      const response = await new Browser(origin).get('/auth/providers')
      const providers = (await response.json()) as Record<string, { signinUrl: string }>
      expect(providers.credentials?.signinUrl).toBe(`${origin}/auth/signin/credentials`)
    })

    it('sends every Set-Cookie of a response as its own header', async () => {
      const browser = new Browser(origin)
      const signIn = await browser.signIn('/auth', 'grace', 'ecarg')
      const names = signIn.headers.getSetCookie().map((line) => line.split('=')[0])
      expect(names).toContain('next-auth.session-token')
      expect(names).toContain('next-auth.callback-url')
      expect(names.length).toBeGreaterThanOrEqual(2)
    })

    it('updates the session with a JSON POST', async () => {
      const browser = new Browser(origin)
      await browser.signIn('/auth', 'ada', 'ada')
      const csrfToken = await browser.csrfToken('/auth')
      const response = await browser.request('/auth/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ csrfToken, data: { theme: 'dark' } }),
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { user?: { email?: string } }).user?.email).toBe(
        people.ada.email,
      )
    })

    it('refuses a body over the limit with 413', async () => {
      const browser = new Browser(origin)
      const response = await browser.postForm('/auth/callback/credentials', {
        csrfToken: 'x',
        username: 'a'.repeat(200 * 1024),
      })
      // Express's own urlencoded parser (100 KiB) answers first when it is installed.
      expect(response.status).toBe(413)
    })
  })

  describe('guards', () => {
    let server: Server
    let origin: string

    beforeAll(async () => {
      server = createServer(buildApp({ parsers: false }))
      origin = await listen(server)
    })
    afterAll(() => close(server))

    it('requireAuth answers 401 JSON to API requests and redirects pages to sign-in', async () => {
      const browser = new Browser(origin)
      const api = await browser.get('/api/profile')
      expect(api.status).toBe(401)
      expect(await api.json()).toEqual({ error: 'Unauthorized' })

      const anyType = await browser.get('/api/profile', '*/*')
      expect(anyType.status).toBe(401)

      const page = await browser.get('/dashboard', 'text/html,application/xhtml+xml,*/*;q=0.8')
      expect(page.status).toBe(302)
      const location = new URL(page.headers.get('location') ?? '', origin)
      expect(location.pathname).toBe('/auth/signin')
      expect(location.searchParams.get('callbackUrl')).toBe('/dashboard')
    })

    it('requireAuth lets a signed-in user through with req.auth and res.locals.session', async () => {
      const browser = new Browser(origin)
      await browser.signIn('/auth', 'ada', 'ada')
      const api = await browser.get('/api/profile')
      expect(api.status).toBe(200)
      expect(await api.json()).toMatchObject({
        user: { email: people.ada.email, role: 'USER' },
        fromLocals: people.ada.email,
      })
      const page = await browser.get('/dashboard', 'text/html')
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Dashboard')
    })

    it('requireAuth passes on the session cookie the read renews, as GET /session does', async () => {
      const browser = new Browser(origin)
      await browser.signIn('/auth', 'ada', 'ada')
      const before = browser.cookies.get('next-auth.session-token')
      const api = await browser.get('/api/profile')
      expect(api.status).toBe(200)
      const renewed = api.headers
        .getSetCookie()
        .find((line) => line.startsWith('next-auth.session-token='))
      expect(renewed).toMatch(/HttpOnly/i)
      expect(renewed).toMatch(/Expires=|Max-Age=/i)
      // The renewed token is a valid session on its own.
      const next = browser.cookies.get('next-auth.session-token')
      expect(next).toBeTruthy()
      expect(next).not.toBe(before)
      expect((await browser.get('/api/profile')).status).toBe(200)
    })

    it('requireRole: 401 signed out, 403 for a user, 200 for an admin', async () => {
      expect((await new Browser(origin).get('/api/admin')).status).toBe(401)

      const ada = new Browser(origin)
      await ada.signIn('/auth', 'ada', 'ada')
      const refused = await ada.get('/api/admin')
      expect(refused.status).toBe(403)
      expect(await refused.json()).toEqual({ error: 'Forbidden' })

      const grace = new Browser(origin)
      await grace.signIn('/auth', 'grace', 'ecarg')
      const allowed = await grace.get('/api/admin')
      expect(allowed.status).toBe(200)
      expect(await allowed.json()).toEqual({ admin: true })
    })

    it('refuses a tampered session cookie', async () => {
      const browser = new Browser(origin)
      await browser.signIn('/auth', 'grace', 'ecarg')
      const token = browser.cookies.get('next-auth.session-token') ?? ''
      browser.cookies.set('next-auth.session-token', `${token.slice(0, -4)}AAAA`)
      expect((await browser.get('/api/admin')).status).toBe(401)
    })
  })

  describe('behind a proxy', () => {
    const proxyHeaders = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'app.example',
    }

    it('with trust proxy, uses the forwarded scheme and host (secure cookies, public URLs)', async () => {
      const server = createServer(buildApp({ parsers: false, trustProxy: true }))
      const origin = await listen(server)
      try {
        const browser = new Browser(origin)
        const csrf = await browser.request('/auth/csrf', { headers: proxyHeaders })
        const { csrfToken } = (await csrf.json()) as { csrfToken: string }
        expect(browser.cookies.has('__Host-next-auth.csrf-token')).toBe(true)

        const providers = await browser.request('/auth/providers', { headers: proxyHeaders })
        const list = (await providers.json()) as Record<string, { signinUrl: string }>
        expect(list.credentials?.signinUrl).toBe('https://app.example/auth/signin/credentials')

        const signIn = await browser.request('/auth/callback/credentials', {
          method: 'POST',
          headers: {
            ...proxyHeaders,
            'content-type': 'application/x-www-form-urlencoded',
            origin: 'https://app.example',
          },
          body: new URLSearchParams({ csrfToken, username: 'ada', password: 'ada' }).toString(),
        })
        expect(signIn.status).toBe(302)
        expect(signIn.headers.get('location')).toMatch(/^https:\/\/app\.example\//)
        expect(browser.cookies.has('__Secure-next-auth.session-token')).toBe(true)
      } finally {
        await close(server)
      }
    })

    it('without trust proxy, ignores forwarded headers a client made up', async () => {
      const server = createServer(buildApp({ parsers: false }))
      const origin = await listen(server)
      try {
        const browser = new Browser(origin)
        const providers = await browser.request('/auth/providers', {
          headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
        })
        const list = (await providers.json()) as Record<string, { signinUrl: string }>
        expect(list.credentials?.signinUrl).toBe(`${origin}/auth/signin/credentials`)
      } finally {
        await close(server)
      }
    })
  })

  it('redirects to pages.signIn when the app has its own sign-in page', async () => {
    const authOptions = peopleOptions({ pages: { signIn: '/login' } })
    const app = express()
    app.use('/api/auth', ExpressAuth(authOptions))
    app.get('/settings', requireAuth(authOptions), (_req, res) => {
      res.send('settings')
    })
    const server = createServer(app)
    const origin = await listen(server)
    try {
      const page = await new Browser(origin).get('/settings?tab=2', 'text/html')
      expect(page.status).toBe(302)
      expect(page.headers.get('location')).toBe('/login?callbackUrl=%2Fsettings%3Ftab%3D2')
    } finally {
      await close(server)
    }
  })

  it('refuses an oversized body sent without a length (chunked) and signs no one in', async () => {
    const server = createServer(buildApp({ parsers: false }))
    const origin = await listen(server)
    try {
      const browser = new Browser(origin)
      const csrfToken = await browser.csrfToken('/auth')
      const form = new URLSearchParams({ csrfToken, username: 'ada', password: 'ada' })
      const padding = '&pad=' + 'x'.repeat(100 * 1024)
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(form.toString()))
          controller.enqueue(new TextEncoder().encode(padding))
          controller.close()
        },
      })
      const response = await browser.request('/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        duplex: 'half',
      } as RequestInit)
      expect(response.status).toBe(413)
      expect(browser.cookies.has('next-auth.session-token')).toBe(false)
    } finally {
      await close(server)
    }
  })

  it('serves at the full mount path of a nested router', async () => {
    const authOptions = peopleOptions({ basePath: '/v1/auth' })
    const api = express.Router()
    api.use('/auth', ExpressAuth(authOptions))
    api.get('/me', requireAuth(authOptions), (req, res) => {
      res.json({ email: req.auth?.user?.email })
    })
    const app = express()
    app.use('/v1', api)
    const server = createServer(app)
    const origin = await listen(server)
    try {
      const browser = new Browser(origin)
      const providers = (await (await browser.get('/v1/auth/providers')).json()) as Record<
        string,
        { callbackUrl: string }
      >
      expect(providers.credentials?.callbackUrl).toBe(`${origin}/v1/auth/callback/credentials`)
      expect((await browser.signIn('/v1/auth', 'ada', 'ada')).status).toBe(302)
      expect(await (await browser.get('/v1/me')).json()).toEqual({ email: people.ada.email })
      const page = await new Browser(origin).get('/v1/me', 'text/html')
      expect(page.headers.get('location')).toBe('/v1/auth/signin?callbackUrl=%2Fv1%2Fme')
    } finally {
      await close(server)
    }
  })

  it('passes requests outside its base path on to the app', async () => {
    const authOptions = peopleOptions()
    const app = express()
    app.use(ExpressAuth(authOptions))
    app.get('/hello', (_req, res) => {
      res.send('hello')
    })
    const server = createServer(app)
    const origin = await listen(server)
    try {
      const browser = new Browser(origin)
      expect(await (await browser.get('/hello')).text()).toBe('hello')
      expect((await browser.get('/api/auth/csrf')).status).toBe(200)
    } finally {
      await close(server)
    }
  })
})
