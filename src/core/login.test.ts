import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore, MemoryAdapter, type MemoryStore } from '../adapters/memory.js'
import { Client, engine, ORIGIN, recordingLogger, SECRET } from '../../test/helpers/engine.js'
import EmailProvider from '../providers/email.js'
import type { Adapter } from './adapter.js'
import { loadConfig } from './config.js'
import { OAuthAccountNotLinked, OAuthCreateAccount, AccessDenied } from './errors.js'
import { createContext } from './handler.js'
import type { RequestContext } from './internal.js'
import { fromWebRequest } from './request.js'
import { completeSignIn, SignInRedirect, type VerifiedSignIn } from './login.js'
import { decode, encode } from './session/jwt.js'
import type { AuthOptions, OAuthConfig } from './types.js'

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

const SESSION = 'next-auth.session-token'

function acme(extra: Partial<OAuthConfig> = {}): OAuthConfig {
  return {
    id: 'acme',
    name: 'Acme',
    type: 'oauth',
    clientId: 'client',
    clientSecret: 'client-secret',
    authorization: 'https://idp.example/authorize',
    token: 'https://idp.example/token',
    userinfo: 'https://idp.example/userinfo',
    ...extra,
  }
}

interface Harness {
  store: MemoryStore
  adapter: Adapter
  options: AuthOptions
  events: Array<[string, unknown]>
  ctx(cookie?: string): RequestContext
  signIn(
    ctx: RequestContext,
    who?: Partial<VerifiedSignIn['user']>,
    accountId?: string,
    provider?: string,
  ): Promise<string>
}

function harness(
  extra: Partial<AuthOptions> = {},
  adapterOverride?: (adapter: Adapter) => Adapter,
): Harness {
  const store = createMemoryStore()
  const base = MemoryAdapter(store)
  const adapter = adapterOverride ? adapterOverride(base) : base
  const events: Array<[string, unknown]> = []
  const record = (name: string) => (message: unknown) => void events.push([name, message])
  const options: AuthOptions = {
    secret: SECRET,
    adapter,
    logger: recordingLogger().logger,
    providers: [
      acme(),
      acme({ id: 'linker', name: 'Linker', allowDangerousEmailAccountLinking: true }),
    ],
    events: {
      signIn: record('signIn'),
      createUser: record('createUser'),
      updateUser: record('updateUser'),
      linkAccount: record('linkAccount'),
    },
    ...extra,
  }
  const config = loadConfig(options)
  return {
    store,
    adapter,
    options,
    events,
    ctx: (cookie) =>
      createContext(
        fromWebRequest(
          new Request(`${ORIGIN}/api/auth/callback/acme`, { headers: cookie ? { cookie } : {} }),
        ),
        config,
      ),
    signIn: (ctx, who = {}, accountId = 'acme-1', provider = 'acme') =>
      completeSignIn(ctx, {
        provider: config.providersById.get(provider)!,
        user: {
          id: accountId,
          name: 'Grace Hopper',
          email: 'grace@example.com',
          image: null,
          ...who,
        },
        account: {
          provider,
          type: 'oauth',
          providerAccountId: accountId,
          access_token: 'at-1',
          token_type: 'bearer',
        },
        profile: { sub: accountId, email: 'grace@example.com' },
        callbackUrl: `${ORIGIN}/after`,
      }),
  }
}

function sessionCookie(ctx: RequestContext): string | undefined {
  return ctx.setCookies.find((cookie) => cookie.name === SESSION && cookie.value)?.value
}

describe('first sign-in with an OAuth account', () => {
  it('creates the user (with its own id) and the account, starts a database session, fires createUser, linkAccount, signIn', async () => {
    const h = harness()
    const ctx = h.ctx()
    expect(await h.signIn(ctx)).toBe(`${ORIGIN}/after`)
    expect(h.store.users.size).toBe(1)
    const [user] = [...h.store.users.values()]
    expect(user!.id).not.toBe('acme-1')
    expect(user).toMatchObject({
      email: 'grace@example.com',
      name: 'Grace Hopper',
      emailVerified: null,
    })
    const [account] = [...h.store.accounts.values()]
    expect(account).toMatchObject({
      userId: user!.id,
      provider: 'acme',
      providerAccountId: 'acme-1',
      access_token: 'at-1',
    })
    const [session] = [...h.store.sessions.values()]
    expect(session!.userId).toBe(user!.id)
    expect(sessionCookie(ctx)).toBe(session!.sessionToken)
    expect(h.events.map(([name]) => name)).toEqual(['createUser', 'linkAccount', 'signIn'])
    expect(h.events[2]![1]).toMatchObject({ isNewUser: true, user: { id: user!.id } })
  })

  it('with JWT sessions the jwt callback sees trigger signUp and isNewUser, and sub is the stored id', async () => {
    const calls: Array<Record<string, unknown>> = []
    const h = harness({
      session: { strategy: 'jwt' },
      callbacks: { jwt: (params) => (calls.push({ ...params }), params.token) },
    })
    const ctx = h.ctx()
    await h.signIn(ctx)
    const [user] = [...h.store.users.values()]
    expect(calls[0]).toMatchObject({
      trigger: 'signUp',
      isNewUser: true,
      account: { provider: 'acme' },
      profile: { sub: 'acme-1' },
    })
    expect(decode({ token: sessionCookie(ctx)!, secret: SECRET })?.sub).toBe(user!.id)
    expect(h.store.sessions.size).toBe(0)
  })

  it('the signIn callback sees the stored user; a refusal deletes the new user and account', async () => {
    const seen: unknown[] = []
    const h = harness({ callbacks: { signIn: ({ user }) => (seen.push(user), false) } })
    const ctx = h.ctx()
    await expect(h.signIn(ctx)).rejects.toBeInstanceOf(AccessDenied)
    expect(seen[0]).toMatchObject({ email: 'grace@example.com', emailVerified: null })
    expect(h.store.users.size).toBe(0)
    expect(h.store.accounts.size).toBe(0)
    expect(h.store.sessions.size).toBe(0)
    expect(sessionCookie(ctx)).toBeUndefined()
    expect(h.events).toEqual([])
  })

  it('a URL from the signIn callback becomes a SignInRedirect to it; nothing is left behind', async () => {
    const h = harness({ callbacks: { signIn: () => '/verify-first' } })
    const error = await h.signIn(h.ctx()).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(SignInRedirect)
    expect((error as SignInRedirect).url).toBe(`${ORIGIN}/verify-first`)
    expect(h.store.users.size).toBe(0)
  })

  it('a profile without an email reaches createUser with email null (as v4), not an empty string', async () => {
    const drafts: unknown[] = []
    const h = harness({}, (adapter) => ({
      ...adapter,
      createUser: (user) => (drafts.push(user), adapter.createUser!(user)),
    }))
    await h.signIn(h.ctx(), { email: null }, 'no-mail-1')
    await h.signIn(h.ctx(), { email: undefined }, 'no-mail-2')
    expect(drafts).toHaveLength(2)
    for (const draft of drafts) expect((draft as { email: unknown }).email ?? null).toBeNull()
  })

  it('throwing createUser, linkAccount and signIn events do not stop the sign-in, and are logged', async () => {
    const { logger, errors } = recordingLogger()
    const boom = () => {
      throw new Error('event broke')
    }
    const h = harness({
      logger,
      events: { createUser: boom, linkAccount: async () => boom(), signIn: boom },
    })
    const ctx = h.ctx()
    expect(await h.signIn(ctx)).toBe(`${ORIGIN}/after`)
    expect(h.store.users.size).toBe(1)
    expect(h.store.sessions.size).toBe(1)
    expect(sessionCookie(ctx)).toBeTruthy()
    expect(errors.filter((entry) => entry.code === 'EventError')).toHaveLength(3)
  })

  it('pages.newUser receives a first-time user, with the callbackUrl', async () => {
    const h = harness({ pages: { newUser: '/welcome' } })
    const location = new URL(await h.signIn(h.ctx()))
    expect(location.pathname).toBe('/welcome')
    expect(location.searchParams.get('callbackUrl')).toBe(`${ORIGIN}/after`)
    const again = await h.signIn(h.ctx())
    expect(again).toBe(`${ORIGIN}/after`)
  })

  it('createUser failing is OAuthCreateAccount and leaves nothing', async () => {
    const h = harness({}, (adapter) => ({
      ...adapter,
      createUser: () => {
        throw new Error('insert failed')
      },
    }))
    await expect(h.signIn(h.ctx())).rejects.toBeInstanceOf(OAuthCreateAccount)
    expect(h.store.users.size).toBe(0)
  })

  it('linkAccount failing is OAuthCreateAccount and the new user is deleted again', async () => {
    const h = harness({}, (adapter) => ({
      ...adapter,
      linkAccount: () => {
        throw new Error('insert failed')
      },
    }))
    await expect(h.signIn(h.ctx())).rejects.toBeInstanceOf(OAuthCreateAccount)
    expect(h.store.users.size).toBe(0)
    expect(h.store.accounts.size).toBe(0)
  })

  it('a concurrent first sign-in that won the race is found instead of failing', async () => {
    let raced = false
    const h = harness({}, (adapter) => ({
      ...adapter,
      async createUser(user) {
        if (!raced) {
          raced = true
          const winner = await adapter.createUser!({ ...user, id: 'winner' })
          await adapter.linkAccount!({
            userId: winner.id,
            provider: 'acme',
            providerAccountId: 'acme-1',
            type: 'oauth',
          })
          throw new Error('unique violation on email')
        }
        return adapter.createUser!(user)
      },
    }))
    await h.signIn(h.ctx())
    expect([...h.store.users.keys()]).toEqual(['winner'])
    expect([...h.store.sessions.values()][0]!.userId).toBe('winner')
  })
})

describe('returning and linking', () => {
  it('a returning account signs in the same user, isNewUser false, no createUser event', async () => {
    const h = harness()
    await h.signIn(h.ctx())
    h.events.length = 0
    await h.signIn(h.ctx())
    expect(h.store.users.size).toBe(1)
    expect(h.store.sessions.size).toBe(2)
    expect(h.events.map(([name]) => name)).toEqual(['signIn'])
    expect(h.events[0]![1]).toMatchObject({ isNewUser: false })
  })

  it('an email already used by another provider is OAuthAccountNotLinked, nothing linked', async () => {
    const h = harness()
    await h.adapter.createUser!({ id: 'existing', email: 'grace@example.com', emailVerified: null })
    await expect(h.signIn(h.ctx())).rejects.toBeInstanceOf(OAuthAccountNotLinked)
    expect(h.store.accounts.size).toBe(0)
    expect(h.store.sessions.size).toBe(0)
  })

  it('allowDangerousEmailAccountLinking links to the user with that email', async () => {
    const h = harness()
    await h.adapter.createUser!({ id: 'existing', email: 'grace@example.com', emailVerified: null })
    await h.signIn(h.ctx(), {}, 'linker-1', 'linker')
    expect([...h.store.accounts.values()]).toEqual([
      expect.objectContaining({ userId: 'existing', provider: 'linker' }),
    ])
    expect(h.events.map(([name]) => name)).toEqual(['linkAccount', 'signIn'])
  })

  it('a refused dangerous link links nothing', async () => {
    const h = harness({ callbacks: { signIn: () => false } })
    await h.adapter.createUser!({ id: 'existing', email: 'grace@example.com', emailVerified: null })
    await expect(h.signIn(h.ctx(), {}, 'linker-1', 'linker')).rejects.toBeInstanceOf(AccessDenied)
    expect(h.store.accounts.size).toBe(0)
    expect(h.store.users.has('existing')).toBe(true)
  })

  it('a signed-in user links a new account to themselves', async () => {
    const h = harness()
    await h.adapter.createUser!({ id: 'me', email: 'me@example.com', emailVerified: null })
    await h.adapter.createSession!({
      sessionToken: 'my-session',
      userId: 'me',
      expires: new Date(Date.now() + 86400_000),
    })
    await h.signIn(h.ctx(`${SESSION}=my-session`), { email: 'other-address@example.com' })
    expect([...h.store.accounts.values()]).toEqual([
      expect.objectContaining({ userId: 'me', provider: 'acme' }),
    ])
    expect(h.store.users.size).toBe(1)
  })

  it('an account of another user cannot be taken over by a signed-in user', async () => {
    const h = harness()
    await h.signIn(h.ctx())
    const owner = [...h.store.users.keys()][0]!
    await h.adapter.createUser!({
      id: 'intruder',
      email: 'intruder@example.com',
      emailVerified: null,
    })
    await h.adapter.createSession!({
      sessionToken: 'intruder-session',
      userId: 'intruder',
      expires: new Date(Date.now() + 86400_000),
    })
    await expect(h.signIn(h.ctx(`${SESSION}=intruder-session`))).rejects.toBeInstanceOf(
      OAuthAccountNotLinked,
    )
    expect([...h.store.accounts.values()][0]!.userId).toBe(owner)
  })

  it('with JWT sessions, the user of the session JWT links a new account to themselves', async () => {
    const h = harness({ session: { strategy: 'jwt' } })
    await h.adapter.createUser!({ id: 'me', email: 'me@example.com', emailVerified: null })
    const jwt = encode({ token: { sub: 'me' }, secret: SECRET })
    await h.signIn(h.ctx(`${SESSION}=${jwt}`), { email: 'other-address@example.com' })
    expect([...h.store.accounts.values()]).toEqual([expect.objectContaining({ userId: 'me' })])
    expect(h.store.users.size).toBe(1)
  })

  it('a forged session JWT does not count as signed in for linking', async () => {
    const h = harness({ session: { strategy: 'jwt' } })
    await h.adapter.createUser!({ id: 'me', email: 'me@example.com', emailVerified: null })
    const jwt = encode({ token: { sub: 'me' }, secret: 'not-the-app-secret-000000000000000' })
    await h.signIn(h.ctx(`${SESSION}=${jwt}`), { email: 'other-address@example.com' })
    expect([...h.store.accounts.values()][0]!.userId).not.toBe('me')
  })

  it('an expired session does not count as signed in for linking', async () => {
    const h = harness()
    await h.adapter.createUser!({ id: 'me', email: 'me@example.com', emailVerified: null })
    await h.adapter.createSession!({
      sessionToken: 'old',
      userId: 'me',
      expires: new Date(Date.now() - 1000),
    })
    await h.signIn(h.ctx(`${SESSION}=old`))
    expect([...h.store.accounts.values()][0]!.userId).not.toBe('me')
  })
})

describe('email sign-in through the routes (login.ts behaviour only)', () => {
  async function emailApp(extra: Partial<AuthOptions> = {}) {
    const store = createMemoryStore()
    const links: string[] = []
    const events: Array<[string, unknown]> = []
    const record = (name: string) => (message: unknown) => void events.push([name, message])
    const options: AuthOptions = {
      secret: SECRET,
      adapter: MemoryAdapter(store),
      logger: recordingLogger().logger,
      providers: [EmailProvider({ sendVerificationRequest: ({ url }) => void links.push(url) })],
      events: {
        createUser: record('createUser'),
        updateUser: record('updateUser'),
        signIn: record('signIn'),
        linkAccount: record('linkAccount'),
      },
      ...extra,
    }
    const client = new Client(engine(options))
    const request = async (email: string) => {
      const csrfToken = await client.csrf()
      await client.post('signin/email', { csrfToken, email })
      return links.at(-1)!
    }
    return { store, links, events, options, client, request }
  }

  it('a new address creates a verified user, fires createUser (not linkAccount) and signs in', async () => {
    const app = await emailApp()
    const link = await app.request('new@example.com')
    const response = await app.client.fetch(link)
    expect(response.status).toBe(302)
    const [user] = [...app.store.users.values()]
    expect(user).toMatchObject({ email: 'new@example.com' })
    expect(user!.emailVerified).toBeInstanceOf(Date)
    expect(app.events.map(([name]) => name)).toEqual(['createUser', 'signIn'])
    expect(app.store.sessions.size).toBe(1)
  })

  it('an existing unverified user is verified after approval, with updateUser', async () => {
    const app = await emailApp()
    await MemoryAdapter(app.store).createUser({
      id: 'u',
      email: 'known@example.com',
      emailVerified: null,
    })
    await app.client.fetch(await app.request('known@example.com'))
    expect(app.store.users.get('u')!.emailVerified).toBeInstanceOf(Date)
    expect(app.events.map(([name]) => name)).toEqual(['updateUser', 'signIn'])
  })

  it('a refusal at the link leaves the user unverified and creates nobody', async () => {
    const app = await emailApp({
      callbacks: { signIn: ({ email }) => Boolean(email?.verificationRequest) },
    })
    await MemoryAdapter(app.store).createUser({
      id: 'u',
      email: 'known@example.com',
      emailVerified: null,
    })
    const refused = await app.client.fetch(await app.request('known@example.com'))
    expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('AccessDenied')
    expect(app.store.users.get('u')!.emailVerified).toBeNull()
    await app.client.fetch(await app.request('fresh@example.com'))
    expect(app.store.users.size).toBe(1)
    expect(app.store.sessions.size).toBe(0)
    expect(app.events).toEqual([])
  })
})
