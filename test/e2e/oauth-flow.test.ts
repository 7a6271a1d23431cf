/**
 * The OAuth engine end to end: a real OpenID provider (`oidc-provider`), the Gatehouse engine
 * on node:http, and a cookie-keeping client following every redirect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryAdapter, createMemoryStore } from '../../src/adapters/memory.js'
import { OAuthProvider } from '../../src/providers/oauth.js'
import { startApp, type TestApp } from '../fixtures/oidc/app.js'
import { TestBrowser } from '../fixtures/oidc/browser.js'
import { startIdp, type TestIdp } from '../fixtures/oidc/idp.js'
import { signIn } from '../fixtures/oidc/sign-in.js'

const secret = 'e2e-secret-for-the-oauth-flow-tests-0123456789'
let app: TestApp
let idp: TestIdp
const store = createMemoryStore()

beforeAll(async () => {
  app = await startApp({ providers: [], secret })
  const callback = (id: string) => `${app.origin}/api/auth/callback/${id}`
  idp = await startIdp({
    clients: [
      {
        client_id: 'basic',
        client_secret: 'basic-secret',
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [callback('idp-basic'), callback('idp-oauth')],
      },
      {
        client_id: 'post',
        client_secret: 'post-secret',
        token_endpoint_auth_method: 'client_secret_post',
        redirect_uris: [callback('idp-post')],
      },
      {
        client_id: 'public',
        token_endpoint_auth_method: 'none',
        redirect_uris: [callback('idp-public')],
      },
    ],
  })
  app.options = {
    secret,
    adapter: MemoryAdapter(store),
    session: { strategy: 'database' },
    providers: [
      OAuthProvider({
        id: 'idp-basic',
        name: 'IdP basic',
        type: 'oidc',
        issuer: idp.issuer,
        clientId: 'basic',
        clientSecret: 'basic-secret',
        allowInsecureRequests: true,
      }),
      OAuthProvider({
        id: 'idp-post',
        name: 'IdP post',
        type: 'oidc',
        issuer: idp.issuer,
        clientId: 'post',
        clientSecret: 'post-secret',
        client: { token_endpoint_auth_method: 'client_secret_post' },
        allowInsecureRequests: true,
      }),
      OAuthProvider({
        id: 'idp-public',
        name: 'IdP public',
        type: 'oidc',
        issuer: idp.issuer,
        clientId: 'public',
        client: { token_endpoint_auth_method: 'none' },
        allowInsecureRequests: true,
      }),
      OAuthProvider({
        id: 'idp-oauth',
        name: 'IdP as plain OAuth 2.0',
        type: 'oauth',
        clientId: 'basic',
        clientSecret: 'basic-secret',
        authorization: { url: `${idp.issuer}/auth`, params: { scope: 'openid email profile' } },
        token: `${idp.issuer}/token`,
        userinfo: `${idp.issuer}/me`,
        allowInsecureRequests: true,
      }),
    ],
  }
})

afterAll(async () => {
  await app?.close()
  await idp?.close()
})

describe('OIDC authorization code flow against oidc-provider', () => {
  it('signs a new user in: user and account created, tokens stored, session readable', async () => {
    const browser = new TestBrowser()
    idp.signInAs('alice')
    const landed = await signIn(browser, app, 'idp-basic')
    expect(landed.href).toBe(`${app.origin}/dashboard`)

    const session = await (await browser.request(`${app.origin}/api/auth/session`)).json()
    expect(session.user).toMatchObject({
      name: 'Alice Liddell',
      email: 'alice@example.com',
      image: 'https://images.example/alice.png',
    })

    const accounts = [...store.accounts.values()].filter((a) => a.provider === 'idp-basic')
    expect(accounts).toHaveLength(1)
    const account = accounts[0]!
    expect(account).toMatchObject({
      type: 'oidc',
      providerAccountId: 'alice',
      token_type: 'bearer',
    })
    expect(account.access_token).toEqual(expect.any(String))
    expect(account.refresh_token).toEqual(expect.any(String))
    expect(account.id_token!.split('.')).toHaveLength(3)
    expect(account.expires_at).toBeGreaterThan(Date.now() / 1000)
    expect(account.scope).toContain('openid')
    const user = store.users.get(account.userId)!
    expect(user.email).toBe('alice@example.com')
  })

  it('finds the known account on a second sign-in instead of creating a user', async () => {
    const usersBefore = store.users.size
    idp.signInAs('alice')
    await signIn(new TestBrowser(), app, 'idp-basic')
    expect(store.users.size).toBe(usersBefore)
  })

  it.each([
    ['client_secret_post', 'idp-post', 'bob'],
    ['none (public client with PKCE)', 'idp-public', 'carol'],
  ])('authenticates at the token endpoint with %s', async (_method, id, sub) => {
    const browser = new TestBrowser()
    idp.signInAs(sub)
    expect((await signIn(browser, app, id)).pathname).toBe('/dashboard')
    const session = await (await browser.request(`${app.origin}/api/auth/session`)).json()
    expect(session.user.email).toBe(`${sub}@example.com`)
  })

  it('refuses a second provider whose account has the email of an existing user', async () => {
    const before = { users: store.users.size, accounts: store.accounts.size }
    idp.signInAs('bob')
    const landed = await signIn(new TestBrowser(), app, 'idp-public')
    expect(landed.searchParams.get('error')).toBe('OAuthAccountNotLinked')
    expect({ users: store.users.size, accounts: store.accounts.size }).toEqual(before)
  })

  it('runs plain OAuth 2.0 with explicit endpoints and the profile from userinfo', async () => {
    const browser = new TestBrowser()
    idp.signInAs('dave')
    const landed = await signIn(browser, app, 'idp-oauth')
    expect(landed.pathname).toBe('/dashboard')
    const account = [...store.accounts.values()].find((a) => a.provider === 'idp-oauth')!
    expect(account).toMatchObject({ type: 'oauth', providerAccountId: 'dave' })
    // Nothing could validate an ID token without a known issuer, so none is kept.
    expect(account.id_token).toBeUndefined()
  })
})
