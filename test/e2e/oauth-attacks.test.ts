/**
 * The attack matrix of the OAuth engine, end to end: every forged, replayed, swapped or
 * missing value is rejected with its NextAuth.js error code, and the database is left exactly
 * as it was. Honest flows run against `oidc-provider`; ID token forgeries come from a rogue
 * provider that signs what it is told to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryAdapter, createMemoryStore, type MemoryStore } from '../../src/adapters/memory.js'
import { encode } from '../../src/core/session/jwt.js'
import { OAuthProvider } from '../../src/providers/oauth.js'
import { startApp, type TestApp } from '../fixtures/oidc/app.js'
import { TestBrowser } from '../fixtures/oidc/browser.js'
import { startIdp, type TestIdp } from '../fixtures/oidc/idp.js'
import { startRogueIdp, type IdTokenFault, type RogueIdp } from '../fixtures/oidc/rogue-idp.js'
import {
  authorizeAtProvider,
  completeCallback,
  signIn,
  startSignIn,
} from '../fixtures/oidc/sign-in.js'

const secret = 'e2e-secret-for-the-oauth-attack-matrix-0123456789'
const cookieNames = {
  pkce: 'next-auth.pkce.code_verifier',
  state: 'next-auth.state',
  nonce: 'next-auth.nonce',
}
let app: TestApp
let idp: TestIdp
let rogue: RogueIdp
const store = createMemoryStore()
/** Messages the engine logged, to prove each rejection happened for the reason tested. */
const logged: string[] = []

function expectReason(pattern: RegExp): void {
  expect(logged.at(-1)).toMatch(pattern)
}

function snapshot(rows: MemoryStore): string {
  return JSON.stringify({
    users: [...rows.users.entries()],
    accounts: [...rows.accounts.entries()],
    sessions: [...rows.sessions.entries()],
  })
}

/** Asserts that the app sent the browser to an error or sign-in page with `?error=code`. */
function expectRejected(location: URL, code: string): void {
  expect(location.origin).toBe(app.origin)
  expect(location.pathname).toMatch(/^\/api\/auth\/(error|signin)$/)
  expect(location.searchParams.get('error')).toBe(code)
}

/** Runs the sign-in up to the callback, lets `tamper` act, then completes it. */
async function attack(
  providerId: string,
  tamper: (browser: TestBrowser, callback: URL) => unknown,
): Promise<{ location: URL; browser: TestBrowser }> {
  const browser = new TestBrowser()
  const callback = await authorizeAtProvider(
    browser,
    app,
    await startSignIn(browser, app, providerId),
  )
  const replaced = await tamper(browser, callback)
  const target = replaced instanceof URL ? replaced : callback
  const location = await completeCallback(browser, target)
  return { location, browser }
}

beforeAll(async () => {
  app = await startApp({ providers: [], secret })
  rogue = await startRogueIdp()
  idp = await startIdp({
    clients: [
      {
        client_id: 'app',
        client_secret: 'app-secret',
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [`${app.origin}/api/auth/callback/idp`],
      },
    ],
  })
  app.options = {
    secret,
    logger: {
      error: (code, metadata) => {
        const error = metadata as Error & { cause?: Error }
        logged.push(`${code}: ${error.message}${error.cause ? ` / ${error.cause.message}` : ''}`)
      },
    },
    adapter: MemoryAdapter(store),
    session: { strategy: 'database' },
    providers: [
      OAuthProvider({
        id: 'idp',
        name: 'IdP',
        type: 'oidc',
        issuer: idp.issuer,
        clientId: 'app',
        clientSecret: 'app-secret',
        allowInsecureRequests: true,
      }),
      OAuthProvider({
        id: 'rogue',
        name: 'Rogue',
        type: 'oidc',
        issuer: rogue.issuer,
        clientId: rogue.clientId,
        clientSecret: rogue.clientSecret,
        allowInsecureRequests: true,
      }),
    ],
  }
})

afterAll(async () => {
  await app?.close()
  await idp?.close()
  await rogue?.close()
})

describe('the honest flows work (so the rejections below mean something)', () => {
  it('signs in with the real provider', async () => {
    idp.signInAs('alice')
    expect((await signIn(new TestBrowser(), app, 'idp')).pathname).toBe('/dashboard')
  })

  it('signs in with the rogue provider while it issues correct ID tokens', async () => {
    rogue.fault = null
    expect((await signIn(new TestBrowser(), app, 'rogue')).pathname).toBe('/dashboard')
  })
})

describe('callback checks', () => {
  it('rejects a tampered state parameter', async () => {
    const before = snapshot(store)
    const { location } = await attack('idp', (_browser, callback) => {
      const forged = new URL(callback)
      forged.searchParams.set('state', `${callback.searchParams.get('state')}x`)
      return forged
    })
    expectRejected(location, 'OAuthCallback')
    expectReason(/OAuthCallback: .*unexpected \"state\"/)
    expect(snapshot(store)).toBe(before)
  })

  it.each(Object.entries(cookieNames))(
    'rejects a callback without the %s cookie',
    async (_check, name) => {
      const before = snapshot(store)
      const { location } = await attack('idp', (browser) => browser.deleteCookie(app.origin, name))
      expectRejected(location, 'OAuthCallback')
      expectReason(/OAuthCallback: The (pkce|state|nonce) cookie is missing/)
      expect(snapshot(store)).toBe(before)
    },
  )

  it.each(Object.entries(cookieNames))('rejects an altered %s cookie', async (_check, name) => {
    const before = snapshot(store)
    const { location } = await attack('idp', (browser) => {
      const value = browser.cookie(app.origin, name)!
      const flipped = value.slice(0, -3) + (value.at(-3) === 'A' ? 'B' : 'A') + value.slice(-2)
      browser.setCookie(app.origin, name, flipped)
    })
    expectRejected(location, 'OAuthCallback')
    expectReason(/OAuthCallback: The (pkce|state|nonce) cookie is expired or was altered/)
    expect(snapshot(store)).toBe(before)
  })

  it('rejects an expired state cookie', async () => {
    const before = snapshot(store)
    const { location } = await attack('idp', (browser, callback) => {
      const expired = encode({
        token: { value: callback.searchParams.get('state')!, provider: 'idp' },
        secret,
        maxAge: -60,
        salt: cookieNames.state,
      })
      browser.setCookie(app.origin, cookieNames.state, expired)
    })
    expectRejected(location, 'OAuthCallback')
    expectReason(/OAuthCallback: The state cookie is expired/)
    expect(snapshot(store)).toBe(before)
  })

  it('rejects a state cookie issued for another provider', async () => {
    const before = snapshot(store)
    const { location } = await attack('idp', (browser, callback) => {
      const foreign = encode({
        token: { value: callback.searchParams.get('state')!, provider: 'rogue' },
        secret,
        maxAge: 600,
        salt: cookieNames.state,
      })
      browser.setCookie(app.origin, cookieNames.state, foreign)
    })
    expectRejected(location, 'OAuthCallback')
    expectReason(/OAuthCallback: The state cookie belongs to another provider/)
    expect(snapshot(store)).toBe(before)
  })

  it('rejects a replayed authorization code, even with the original cookies', async () => {
    idp.signInAs('bob')
    const browser = new TestBrowser()
    const callback = await authorizeAtProvider(browser, app, await startSignIn(browser, app, 'idp'))
    const saved = Object.values(cookieNames).map((name) => [
      name,
      browser.cookie(app.origin, name)!,
    ])
    expect((await completeCallback(browser, callback)).pathname).toBe('/dashboard')

    const before = snapshot(store)
    const replay = new TestBrowser()
    for (const [name, value] of saved) replay.setCookie(app.origin, name!, value!)
    expectRejected(await completeCallback(replay, callback), 'OAuthCallback')
    expectReason(/OAuthCallback: .*invalid_grant/)
    expect(snapshot(store)).toBe(before)
  })

  it.each([
    ['PKCE verifier', cookieNames.pkce, /OAuthCallback: .*invalid_grant/],
    ['nonce', cookieNames.nonce, /OAuthCallback: .*unexpected ID Token "nonce"/],
  ])('rejects a %s from another sign-in', async (_what, name, reason) => {
    // The attacker's own, valid, cookie for the same provider, swapped into the victim's flow.
    const other = new TestBrowser()
    await startSignIn(other, app, 'idp')
    const before = snapshot(store)
    const { location } = await attack('idp', (browser) => {
      browser.setCookie(app.origin, name, other.cookie(app.origin, name)!)
    })
    expectRejected(location, 'OAuthCallback')
    expectReason(reason)
    expect(snapshot(store)).toBe(before)
  })

  it('maps error=access_denied from the provider to AccessDenied', async () => {
    const before = snapshot(store)
    idp.denyNextLogin()
    const browser = new TestBrowser()
    const callback = await authorizeAtProvider(browser, app, await startSignIn(browser, app, 'idp'))
    expect(callback.searchParams.get('error')).toBe('access_denied')
    expectRejected(await completeCallback(browser, callback), 'AccessDenied')
    expectReason(/AccessDenied: .*access_denied/)
    expect(snapshot(store)).toBe(before)
    // The check cookies are gone with the failed attempt.
    for (const name of Object.values(cookieNames))
      expect(browser.cookie(app.origin, name)).toBeUndefined()
  })

  it('maps another provider error to OAuthCallback', async () => {
    const before = snapshot(store)
    const { location } = await attack('idp', (_browser, callback) => {
      const errored = new URL(callback.origin + callback.pathname)
      errored.searchParams.set('error', 'server_error')
      errored.searchParams.set('state', callback.searchParams.get('state')!)
      return errored
    })
    expectRejected(location, 'OAuthCallback')
    expectReason(/OAuthCallback: .*server_error/)
    expect(snapshot(store)).toBe(before)
  })

  it('rejects a callback for an unknown provider id', async () => {
    const before = snapshot(store)
    const browser = new TestBrowser()
    const response = await browser.request(
      `${app.origin}/api/auth/callback/nope?code=abc&state=def`,
    )
    expect(response.status).toBe(302)
    expectRejected(new URL(response.headers.get('location')!, app.origin), 'UnknownProvider')
    expect(snapshot(store)).toBe(before)
  })

  it('rejects a sign-in request for an unknown provider id', async () => {
    const browser = new TestBrowser()
    const { csrfToken } = (await (await browser.request(`${app.origin}/api/auth/csrf`)).json()) as {
      csrfToken: string
    }
    const response = await browser.request(`${app.origin}/api/auth/signin/nope`, {
      form: { csrfToken },
    })
    expect(response.status).toBe(302)
    expectRejected(new URL(response.headers.get('location')!, app.origin), 'UnknownProvider')
  })
})

describe('ID token validation', () => {
  it.each<[string, IdTokenFault, RegExp]>([
    ['a wrong issuer', 'wrong-iss', /"iss" \(issuer\) claim/],
    ['a wrong audience', 'wrong-aud', /"aud" \(audience\) claim/],
    ['an expired token', 'expired', /"exp" \(expiration time\) claim/],
    ['a nonce of another flow', 'wrong-nonce', /ID Token "nonce" claim/],
    ['alg: none', 'alg-none', /signed with "none", which is not accepted/],
    [
      'HS256 keyed with the public key',
      'hmac-public-key',
      /signed with "HS256", which is not accepted/,
    ],
    ['a signature by a key not in the JWKS', 'foreign-key', /signature verification failed/],
  ])('rejects an ID token with %s', async (_what, fault, reason) => {
    const before = snapshot(store)
    rogue.fault = fault
    try {
      const location = await signIn(new TestBrowser(), app, 'rogue')
      expectRejected(location, 'OAuthCallback')
      expectReason(reason)
    } finally {
      rogue.fault = null
    }
    expect(snapshot(store)).toBe(before)
  })
})
