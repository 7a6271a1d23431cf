/**
 * OpenID Connect sign-in through `ExpressAuth` on Express 4 and 5, against a real OpenID
 * provider (`oidc-provider` on 127.0.0.1), with database sessions in the memory adapter.
 */
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import express5 from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStore, MemoryAdapter } from '../../src/adapters/memory.js'
import type { AuthOptions } from '../../src/core/types.js'
import { ExpressAuth, requireAuth } from '../../src/express/index.js'
import { OAuthProvider } from '../../src/providers/oauth.js'
import { TestBrowser } from '../fixtures/oidc/browser.js'
import { startIdp, type TestIdp } from '../fixtures/oidc/idp.js'
import { close, listen } from './express-harness.js'

const express4 = createRequire(import.meta.url)('express4') as typeof express5

describe.each([
  { name: 'Express 5', express: express5 },
  { name: 'Express 4', express: express4 },
])('$name with a real OpenID provider', ({ express }) => {
  let server: Server
  let origin: string
  let idp: TestIdp
  const store = createMemoryStore()

  beforeAll(async () => {
    server = createServer()
    origin = await listen(server)
    idp = await startIdp({
      clients: [
        {
          client_id: 'express-app',
          client_secret: 'express-secret',
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_uris: [`${origin}/auth/callback/dev-oidc`],
        },
      ],
    })

    const authOptions: AuthOptions = {
      basePath: '/auth',
      secret: 'an express oauth test secret of enough length',
      adapter: MemoryAdapter(store),
      session: { strategy: 'database' },
      providers: [
        OAuthProvider({
          id: 'dev-oidc',
          name: 'Dev OIDC',
          type: 'oidc',
          issuer: idp.issuer,
          clientId: 'express-app',
          clientSecret: 'express-secret',
          allowInsecureRequests: true,
        }),
      ],
    }
    const app = express()
    app.use('/auth', ExpressAuth(authOptions))
    app.get('/api/profile', requireAuth(authOptions), (req, res) => {
      res.json({ user: req.auth?.user })
    })
    server.on('request', app)
  })

  afterAll(async () => {
    await idp.close()
    await close(server)
  })

  it('signs in through the provider, stores the user and account, and guards routes', async () => {
    const browser = new TestBrowser()
    idp.signInAs('alice')
    expect((await browser.request(`${origin}/api/profile`)).status).toBe(401)

    const { csrfToken } = (await (await browser.request(`${origin}/auth/csrf`)).json()) as {
      csrfToken: string
    }
    const start = await browser.request(`${origin}/auth/signin/dev-oidc`, {
      form: { csrfToken, callbackUrl: `${origin}/welcome` },
    })
    expect(start.status).toBe(302)
    const authorization = new URL(start.headers.get('location') ?? '')
    expect(authorization.origin).toBe(idp.issuer)
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${origin}/auth/callback/dev-oidc`)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')

    const { url: callback } = await browser.follow(authorization, (location) =>
      location.href.startsWith(`${origin}/auth/callback/`),
    )
    const done = await browser.request(callback)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`${origin}/welcome`)

    const sessionToken = browser.cookie(origin, 'next-auth.session-token')
    expect(sessionToken).toBeTruthy()
    expect(store.sessions.get(sessionToken ?? '')).toBeTruthy()
    const [account] = [...store.accounts.values()]
    expect(account).toMatchObject({ provider: 'dev-oidc', providerAccountId: 'alice' })

    const profile = await browser.request(`${origin}/api/profile`)
    expect(profile.status).toBe(200)
    expect(await profile.json()).toMatchObject({
      user: { email: 'alice@example.com', name: 'Alice Liddell' },
    })

    const csrf = (await (await browser.request(`${origin}/auth/csrf`)).json()) as {
      csrfToken: string
    }
    const signOut = await browser.request(`${origin}/auth/signout`, {
      form: { csrfToken: csrf.csrfToken },
      headers: { origin },
    })
    expect(signOut.status).toBe(302)
    expect(store.sessions.size).toBe(0)
    expect((await browser.request(`${origin}/api/profile`)).status).toBe(401)
  })

  it('sends a cancelled sign-in back with an error and no session', async () => {
    const browser = new TestBrowser()
    idp.denyNextLogin()
    const { csrfToken } = (await (await browser.request(`${origin}/auth/csrf`)).json()) as {
      csrfToken: string
    }
    const start = await browser.request(`${origin}/auth/signin/dev-oidc`, {
      form: { csrfToken, callbackUrl: `${origin}/welcome` },
    })
    const { url: callback } = await browser.follow(
      new URL(start.headers.get('location') ?? ''),
      (location) => location.href.startsWith(`${origin}/auth/callback/`),
    )
    const done = await browser.request(callback)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toContain('error=')
    expect(browser.cookie(origin, 'next-auth.session-token')).toBeUndefined()
  })
})
