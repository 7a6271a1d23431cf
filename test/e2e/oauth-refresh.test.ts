/**
 * Automatic access token refresh end to end, against `oidc-provider` issuing short-lived
 * access tokens and rotating refresh tokens: the refresh happens on a session read, the
 * rotated refresh token is what the next refresh uses (JWT cookie or account row), 20
 * concurrent session reads cause exactly one call to the token endpoint, and a failed refresh
 * shows as `session.error` without signing the user out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryAdapter, createMemoryStore } from '../../src/adapters/memory.js'
import { decode, encode } from '../../src/core/session/jwt.js'
import type { JWT } from '../../src/core/types.js'
import { OAuthProvider } from '../../src/providers/oauth.js'
import { startApp, type TestApp } from '../fixtures/oidc/app.js'
import { TestBrowser } from '../fixtures/oidc/browser.js'
import { startIdp, type TestIdp } from '../fixtures/oidc/idp.js'
import { signIn } from '../fixtures/oidc/sign-in.js'

const secret = 'e2e-secret-for-the-oauth-refresh-tests-0123456789'
const sessionCookie = 'next-auth.session-token'
let jwtApp: TestApp
let dbApp: TestApp
let idp: TestIdp
const store = createMemoryStore()

function provider() {
  return OAuthProvider({
    id: 'idp',
    name: 'IdP',
    type: 'oidc',
    issuer: idp.issuer,
    clientId: 'app',
    clientSecret: 'app-secret',
    authorization: { params: { scope: 'openid email profile offline_access', prompt: 'consent' } },
    refresh: true,
    allowInsecureRequests: true,
  })
}

beforeAll(async () => {
  jwtApp = await startApp({ providers: [], secret })
  dbApp = await startApp({ providers: [], secret })
  idp = await startIdp({
    // Short-lived, but longer than the 60 s refresh margin: a fresh token is not due, and the
    // tests make one due by moving its stored expiry into the past instead of waiting.
    accessTokenTtl: 120,
    clients: [
      {
        client_id: 'app',
        client_secret: 'app-secret',
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [jwtApp.origin, dbApp.origin].map(
          (origin) => `${origin}/api/auth/callback/idp`,
        ),
      },
    ],
  })
  jwtApp.options = { secret, providers: [provider()], session: { strategy: 'jwt' } }
  dbApp.options = {
    secret,
    providers: [provider()],
    adapter: MemoryAdapter(store),
    session: { strategy: 'database' },
  }
})

afterAll(async () => {
  await jwtApp?.close()
  await dbApp?.close()
  await idp?.close()
})

function oauthClaim(browser: TestBrowser, app: TestApp) {
  const token = decode({ token: browser.cookie(app.origin, sessionCookie), secret })
  return token?.oauth as
    { access_token: string; refresh_token: string; expires_at: number } | undefined
}

const past = () => Math.floor(Date.now() / 1000) - 1

/** The session cookie of `browser` with its access token expired. */
function expireJwt(browser: TestBrowser, app: TestApp): string {
  const token = decode({ token: browser.cookie(app.origin, sessionCookie), secret }) as JWT
  const expired = encode({
    token: { ...token, oauth: { ...(token.oauth as object), expires_at: past() } },
    secret,
  })
  browser.setCookie(app.origin, sessionCookie, expired)
  return expired
}

/** Reads the session with a bare cookie header, outside any jar. */
async function readSession(app: TestApp, cookie: string) {
  const response = await fetch(`${app.origin}/api/auth/session`, {
    headers: { cookie: `${sessionCookie}=${cookie}` },
  })
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookie}=`))
  return {
    session: (await response.json()) as { user?: { email?: string }; error?: string } | null,
    cookie: setCookie?.slice(sessionCookie.length + 1).split(';')[0],
  }
}

describe('JWT sessions', () => {
  it('refreshes on a session read and keeps the rotated refresh token in the session cookie', async () => {
    const browser = new TestBrowser()
    idp.signInAs('erin')
    expect((await signIn(browser, jwtApp, 'idp')).pathname).toBe('/dashboard')
    const first = oauthClaim(browser, jwtApp)!
    expect(first.refresh_token).toEqual(expect.any(String))

    // A fresh access token is left alone.
    idp.resetCounts()
    await browser.request(`${jwtApp.origin}/api/auth/session`)
    expect(idp.tokenRequests.total).toBe(0)

    expireJwt(browser, jwtApp)
    const session = await (await browser.request(`${jwtApp.origin}/api/auth/session`)).json()
    expect(session.user.email).toBe('erin@example.com')
    expect(session.error).toBeUndefined()
    expect(idp.tokenRequests.refresh_token).toBe(1)
    const second = oauthClaim(browser, jwtApp)!
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.expires_at).toBeGreaterThan(Date.now() / 1000 + 60)

    // The next refresh sends the rotated token and succeeds; the provider would have refused
    // the consumed one.
    expireJwt(browser, jwtApp)
    await browser.request(`${jwtApp.origin}/api/auth/session`)
    expect(idp.tokenRequests.refresh_token).toBe(2)
    const third = oauthClaim(browser, jwtApp)!
    expect(third.refresh_token).not.toBe(second.refresh_token)
    expect(
      decode({ token: browser.cookie(jwtApp.origin, sessionCookie), secret })?.error,
    ).toBeUndefined()
  })

  it('makes exactly one refresh call for 20 concurrent session reads', async () => {
    const browser = new TestBrowser()
    idp.signInAs('frank')
    await signIn(browser, jwtApp, 'idp')
    const cookie = expireJwt(browser, jwtApp)

    idp.resetCounts()
    const reads = await Promise.all(Array.from({ length: 20 }, () => readSession(jwtApp, cookie)))
    expect(idp.tokenRequests.refresh_token).toBe(1)
    expect(idp.tokenRequests.total).toBe(1)
    for (const { session } of reads) {
      expect(session?.user?.email).toBe('frank@example.com')
      expect(session?.error).toBeUndefined()
    }
    const rotated = new Set(
      reads.map(
        ({ cookie: next }) =>
          (decode({ token: next, secret })?.oauth as { refresh_token: string }).refresh_token,
      ),
    )
    expect(rotated.size).toBe(1)
  })

  it('serves a reader that cannot store the rotation (getSession) without reusing a refresh token', async () => {
    const browser = new TestBrowser()
    idp.signInAs('dave')
    await signIn(browser, jwtApp, 'idp')
    const cookie = expireJwt(browser, jwtApp)

    idp.resetCounts()
    const readProtected = async () => {
      const response = await fetch(`${jwtApp.origin}/protected`, {
        headers: { cookie: `${sessionCookie}=${cookie}` },
      })
      expect(response.headers.getSetCookie()).toEqual([])
      return ((await response.json()) as { session: { user: { email: string }; error?: string } })
        .session
    }
    const first = await readProtected()
    const second = await readProtected()
    expect(first.user.email).toBe('dave@example.com')
    expect(first.error).toBeUndefined()
    expect(second.error).toBeUndefined()
    expect(idp.tokenRequests.refresh_token).toBe(1)
  })

  it('reports a failed refresh as session.error and keeps the user signed in', async () => {
    const browser = new TestBrowser()
    idp.signInAs('grace')
    await signIn(browser, jwtApp, 'idp')
    const token = decode({ token: browser.cookie(jwtApp.origin, sessionCookie), secret }) as JWT
    const revoked = encode({
      token: {
        ...token,
        oauth: {
          ...(token.oauth as object),
          refresh_token: 'revoked-refresh-token',
          expires_at: past(),
        },
      },
      secret,
    })

    const { session, cookie } = await readSession(jwtApp, revoked)
    expect(session?.user?.email).toBe('grace@example.com')
    expect(session?.error).toBe('RefreshAccessTokenError')
    expect(decode({ token: cookie, secret })?.error).toBe('RefreshAccessTokenError')
  })
})

describe('database sessions', () => {
  function accountOf(sub: string) {
    return [...store.accounts.values()].find((account) => account.providerAccountId === sub)!
  }

  /** Changes the stored account row of `sub`, e.g. to expire its access token. */
  function changeAccount(sub: string, changes: Record<string, unknown>): void {
    for (const [key, row] of store.accounts) {
      if (row.providerAccountId === sub) store.accounts.set(key, { ...row, ...changes })
    }
  }

  it('refreshes on a session read and saves the rotated refresh token on the account row', async () => {
    const browser = new TestBrowser()
    idp.signInAs('heidi')
    await signIn(browser, dbApp, 'idp')
    const first = { ...accountOf('heidi') }
    expect(first.refresh_token).toEqual(expect.any(String))

    idp.resetCounts()
    await browser.request(`${dbApp.origin}/api/auth/session`)
    expect(idp.tokenRequests.total).toBe(0)

    changeAccount('heidi', { expires_at: past() })
    const session = await (await browser.request(`${dbApp.origin}/api/auth/session`)).json()
    expect(session.user.email).toBe('heidi@example.com')
    expect(session.error).toBeUndefined()
    expect(idp.tokenRequests.refresh_token).toBe(1)
    const second = { ...accountOf('heidi') }
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.expires_at).toBeGreaterThan(Date.now() / 1000 + 60)

    // Fresh again: no call. Expired again: the stored, rotated token is the one that works.
    await browser.request(`${dbApp.origin}/api/auth/session`)
    expect(idp.tokenRequests.refresh_token).toBe(1)
    changeAccount('heidi', { expires_at: past() })
    await browser.request(`${dbApp.origin}/api/auth/session`)
    expect(idp.tokenRequests.refresh_token).toBe(2)
    expect(accountOf('heidi').refresh_token).not.toBe(second.refresh_token)
  })

  it('makes exactly one refresh call for 20 concurrent session reads', async () => {
    const browser = new TestBrowser()
    idp.signInAs('ivan')
    await signIn(browser, dbApp, 'idp')
    const cookie = browser.cookie(dbApp.origin, sessionCookie)!
    const before = accountOf('ivan').refresh_token
    changeAccount('ivan', { expires_at: past() })

    idp.resetCounts()
    const reads = await Promise.all(Array.from({ length: 20 }, () => readSession(dbApp, cookie)))
    expect(idp.tokenRequests.refresh_token).toBe(1)
    expect(idp.tokenRequests.total).toBe(1)
    for (const { session } of reads) {
      expect(session?.user?.email).toBe('ivan@example.com')
      expect(session?.error).toBeUndefined()
    }
    expect(accountOf('ivan').refresh_token).not.toBe(before)
  })

  it('reports a failed refresh as session.error and keeps the session row', async () => {
    const browser = new TestBrowser()
    idp.signInAs('judy')
    await signIn(browser, dbApp, 'idp')
    changeAccount('judy', { refresh_token: 'revoked-refresh-token', expires_at: past() })
    const sessions = store.sessions.size

    const session = await (await browser.request(`${dbApp.origin}/api/auth/session`)).json()
    expect(session.user.email).toBe('judy@example.com')
    expect(session.error).toBe('RefreshAccessTokenError')
    expect(store.sessions.size).toBe(sessions)
  })
})
