import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore, MemoryAdapter, type MemoryStore } from '../../adapters/memory.js'
import {
  BASE,
  Client,
  engine,
  isDeletion,
  login,
  ORIGIN,
  passwordProvider,
  recordingLogger,
  SECRET,
  setCookie,
  setCookies,
  USERS,
} from '../../../test/helpers/engine.js'
import { getSession } from '../index.js'
import type { AuthOptions, JWT } from '../types.js'
import { decode, encode } from './jwt.js'

const SESSION = 'next-auth.session-token'
const DAY = 24 * 60 * 60 * 1000
const T0 = new Date('2026-03-01T12:00:00Z').getTime()

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllEnvs()
})

function useClock(start = T0): (ms: number) => void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(start)
  return (ms) => vi.setSystemTime(Date.now() + ms)
}

async function seeded(): Promise<{
  store: MemoryStore
  adapter: ReturnType<typeof MemoryAdapter>
}> {
  const store = createMemoryStore()
  const adapter = MemoryAdapter(store)
  for (const user of Object.values(USERS))
    await adapter.createUser({ ...user, email: user.email!, emailVerified: null })
  return { store, adapter }
}

function jwtOptions(extra: Partial<AuthOptions> = {}): AuthOptions {
  return { secret: SECRET, providers: [passwordProvider()], ...extra }
}

function claimsOf(client: Client): JWT {
  return decode({ token: client.cookies.get(SESSION)!, secret: SECRET })!
}

describe('JWT sessions: maxAge as NextAuth.js', () => {
  it('re-issues the JWT with a new exp on every GET session', async () => {
    const advance = useClock()
    const client = new Client(engine(jwtOptions()))
    await client.signIn(login('ada'))
    const first = claimsOf(client)
    expect(first.exp).toBe(Math.floor(T0 / 1000) + 30 * 86400)

    advance(10 * DAY)
    const response = await client.fetch('session')
    const body = (await response.json()) as { expires: string }
    const cookie = setCookie(response, SESSION)!
    expect(cookie.value).not.toBe('')
    const second = claimsOf(client)
    expect(second.exp).toBe(Math.floor((T0 + 10 * DAY) / 1000) + 30 * 86400)
    expect(second.sub).toBe('user-ada')
    expect(new Date(body.expires).getTime()).toBe(T0 + 10 * DAY + 30 * DAY)
    expect(new Date(String(cookie.attributes.expires)).getTime()).toBe(
      Math.floor((T0 + 40 * DAY) / 1000) * 1000,
    )
  })

  it('an idle session past maxAge (beyond the 15 s tolerance) is gone and its cookie cleared', async () => {
    const advance = useClock()
    const client = new Client(engine(jwtOptions({ session: { maxAge: 3600 } })))
    await client.signIn(login('ada'))
    advance(3600 * 1000 + 10 * 1000)
    expect(((await client.session()) as { user?: unknown }).user).toBeDefined()
    advance(3600 * 1000 + 16 * 1000)
    const response = await client.fetch('session')
    expect(await response.json()).toEqual({})
    expect(isDeletion(setCookie(response, SESSION)!)).toBe(true)
  })

  it('a tampered, truncated or foreign-secret cookie gives no session and is cleared', async () => {
    const options = jwtOptions({ logger: recordingLogger().logger })
    const good = new Client(engine(options))
    await good.signIn(login('ada'))
    const token = good.cookies.get(SESSION)!
    const forged = [
      `${token.slice(0, -4)}AAAA`,
      token.slice(0, 100),
      encode({ token: { sub: 'user-ada' }, secret: 'a-foreign-secret-0000000000000000' }),
      'garbage',
    ]
    for (const value of forged) {
      const client = new Client(engine(options))
      client.cookies.set(SESSION, value)
      const response = await client.fetch('session')
      expect(await response.json()).toEqual({})
      expect(isDeletion(setCookie(response, SESSION)!)).toBe(true)
    }
  })

  it('uses jwt.maxAge for the token lifetime when it is set', async () => {
    useClock()
    const client = new Client(engine(jwtOptions({ jwt: { maxAge: 3600 } })))
    await client.signIn(login('ada'))
    expect(claimsOf(client).exp).toBe(Math.floor(T0 / 1000) + 3600)
  })
})

describe('JWT sessions: re-issued once per updateAge, or when the token changes', () => {
  async function signedIn(extra: Partial<AuthOptions> = {}): Promise<Client> {
    const client = new Client(engine(jwtOptions(extra)))
    await client.signIn(login('ada'))
    return client
  }

  it("keeps a fresh token: no Set-Cookie, and expires is the token's own exp", async () => {
    const advance = useClock()
    const client = await signedIn()
    const token = client.cookies.get(SESSION)
    advance(23 * 60 * 60 * 1000)
    const response = await client.fetch('session')
    const body = (await response.json()) as { user: { email: string }; expires: string }
    expect(body.user.email).toBe('ada@example.com')
    expect(setCookie(response, SESSION)).toBeUndefined()
    expect(client.cookies.get(SESSION)).toBe(token)
    expect(new Date(body.expires).getTime()).toBe(Math.floor(T0 / 1000) * 1000 + 30 * DAY)
  })

  it('re-issues it once updateAge has passed since it was issued', async () => {
    const advance = useClock()
    const client = await signedIn({ session: { updateAge: 60 * 60 } })
    advance(59 * 60 * 1000)
    expect(setCookie(await client.fetch('session'), SESSION)).toBeUndefined()
    advance(2 * 60 * 1000)
    const response = await client.fetch('session')
    expect(setCookie(response, SESSION)?.value).toBeTruthy()
    expect(claimsOf(client).iat).toBe(Math.floor((T0 + 61 * 60 * 1000) / 1000))
    // The new token starts a new interval.
    expect(setCookie(await client.fetch('session'), SESSION)).toBeUndefined()
  })

  it('updateAge: 0 re-issues on every read, as NextAuth.js v4 does', async () => {
    useClock()
    const client = await signedIn({ session: { updateAge: 0 } })
    const seen = new Set<string>()
    for (let read = 0; read < 3; read += 1) {
      const cookie = setCookie(await client.fetch('session'), SESSION)
      expect(cookie?.value).toBeTruthy()
      seen.add(cookie!.value)
    }
    expect(seen.size).toBe(3)
  })

  it('with a short maxAge, slides after half of it even when updateAge is longer', async () => {
    const advance = useClock()
    const client = await signedIn({ session: { maxAge: 3600 } })
    advance(20 * 60 * 1000)
    expect(setCookie(await client.fetch('session'), SESSION)).toBeUndefined()
    advance(11 * 60 * 1000)
    expect(setCookie(await client.fetch('session'), SESSION)?.value).toBeTruthy()
    expect(claimsOf(client).exp).toBe(Math.floor((T0 + 31 * 60 * 1000) / 1000) + 3600)
  })

  it('re-issues a fresh token whose jwt callback changed it, in place or as a new object', async () => {
    useClock()
    const inPlace = await signedIn({
      callbacks: {
        jwt: ({ token }) => {
          token.reads = ((token.reads as number | undefined) ?? 0) + 1
          return token
        },
      },
    })
    expect(setCookie(await inPlace.fetch('session'), SESSION)?.value).toBeTruthy()
    expect(claimsOf(inPlace).reads).toBe(2)

    const copied = await signedIn({
      callbacks: { jwt: ({ token, user }) => (user ? token : { ...token, role: 'admin' }) },
    })
    expect(setCookie(await copied.fetch('session'), SESSION)?.value).toBeTruthy()
    expect(claimsOf(copied).role).toBe('admin')
    // Now the callback returns what the token already holds: nothing to write.
    expect(setCookie(await copied.fetch('session'), SESSION)).toBeUndefined()
  })

  it('re-issues a fresh token the session callback changed, as v4 encodes after it', async () => {
    useClock()
    const client = await signedIn({
      callbacks: {
        session: ({ session, token }) => {
          token.seen = ((token.seen as number | undefined) ?? 0) + 1
          return session
        },
      },
    })
    const response = await client.fetch('session')
    const body = (await response.json()) as { expires: string }
    expect(setCookie(response, SESSION)?.value).toBeTruthy()
    expect(claimsOf(client).seen).toBe(1)
    // The answer reports the new token's expiry.
    expect(new Date(body.expires).getTime()).toBe(T0 + 30 * DAY)
    expect(claimsOf(client).exp).toBe(Math.floor(T0 / 1000) + 30 * 86400)
  })

  it('keeps the token when custom callbacks return it unchanged', async () => {
    useClock()
    const client = await signedIn({
      callbacks: {
        jwt: ({ token, user }) => (user ? { ...token, role: 'user' } : token),
        session: ({ session, token }) => ({ ...session, role: token.role }),
      },
    })
    const token = client.cookies.get(SESSION)
    const response = await client.fetch('session')
    expect(((await response.json()) as { role: string }).role).toBe('user')
    expect(setCookie(response, SESSION)).toBeUndefined()
    expect(client.cookies.get(SESSION)).toBe(token)
  })

  it('re-issues on POST session (update), fresh or not', async () => {
    useClock()
    const client = await signedIn({
      callbacks: {
        jwt: ({ token, trigger, session }) =>
          trigger === 'update' ? { ...token, name: (session as { name: string }).name } : token,
      },
    })
    const csrfToken = await client.csrf()
    const response = await client.postJson('session', { csrfToken, data: { name: 'Ada L.' } })
    expect(setCookie(response, SESSION)?.value).toBeTruthy()
    expect(claimsOf(client).name).toBe('Ada L.')
  })

  it("getSession never writes, and reports the token's own expiry", async () => {
    const advance = useClock()
    const options = jwtOptions()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    advance(DAY * 2)
    const request = new Request(`${ORIGIN}${BASE}/session`, {
      headers: { cookie: `${SESSION}=${client.cookies.get(SESSION)}` },
    })
    const session = await getSession(request, options)
    expect(session?.user?.email).toBe('ada@example.com')
    expect(new Date(session!.expires).getTime()).toBe(T0 + 30 * DAY)
  })
})

describe('rotated secrets through the engine', () => {
  it('a session made under the old secret stays valid and is re-issued under the new one', async () => {
    const old = 'old-session-secret-1a2b3c4d5e6f7a8b9c0d'
    const before = new Client(engine({ secret: old, providers: [passwordProvider()] }))
    await before.signIn(login('ada'))
    const rotated = new Client(engine({ secret: [SECRET, old], providers: [passwordProvider()] }))
    rotated.cookies.set(SESSION, before.cookies.get(SESSION)!)
    expect(((await rotated.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
    expect(decode({ token: rotated.cookies.get(SESSION)!, secret: SECRET })?.sub).toBe('user-ada')
    expect(decode({ token: rotated.cookies.get(SESSION)!, secret: old })).toBeNull()
  })

  it('once the old secret is removed, its sessions are gone', async () => {
    const old = 'old-session-secret-1a2b3c4d5e6f7a8b9c0d'
    const before = new Client(engine({ secret: old, providers: [passwordProvider()] }))
    await before.signIn(login('ada'))
    const after = new Client(engine({ secret: SECRET, providers: [passwordProvider()] }))
    after.cookies.set(SESSION, before.cookies.get(SESSION)!)
    expect(await after.session()).toEqual({})
  })
})

describe('chunked session cookies', () => {
  const blob = randomBytes(5 * 1024).toString('hex') // 10 KB of claims
  function chunkyOptions(): AuthOptions {
    return jwtOptions({
      callbacks: {
        jwt: ({ token, user, trigger, session }) => {
          if (user) return { ...token, blob }
          if (trigger === 'update' && (session as { shrink?: boolean })?.shrink) {
            const rest = { ...token }
            delete rest.blob
            return rest
          }
          return token
        },
        session: ({ session, token }) => ({
          ...session,
          blobLength: typeof token.blob === 'string' ? token.blob.length : 0,
        }),
      },
    })
  }
  const chunkNames = (client: Client) =>
    [...client.cookies.keys()].filter((name) => name.startsWith(`${SESSION}.`)).sort()

  it('splits a 10 KB session over name.0, name.1, ... and joins it back', async () => {
    const client = new Client(engine(chunkyOptions()))
    const response = await client.signIn(login('ada'))
    const chunks = setCookies(response).filter((cookie) => cookie.name.startsWith(`${SESSION}.`))
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    expect(chunks.map((cookie) => cookie.name)).toEqual(
      chunks.map((_, index) => `${SESSION}.${index}`),
    )
    for (const chunk of chunks)
      expect(new TextEncoder().encode(chunk.line).length).toBeLessThanOrEqual(4096)
    expect(setCookie(response, SESSION)).toBeUndefined()
    const session = (await client.session()) as { blobLength: number; user: { email: string } }
    expect(session.blobLength).toBe(blob.length)
    expect(session.user.email).toBe('ada@example.com')
  })

  it('joins the chunks whatever order the Cookie header lists them in', async () => {
    const options = chunkyOptions()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const header = [...client.cookies]
      .reverse()
      .map(([name, value]) => `${name}=${value}`)
      .join('; ')
    const response = await engine(options)(
      new Request(`${ORIGIN}${BASE}/session`, { headers: { cookie: header } }),
    )
    expect(((await response.json()) as { blobLength: number }).blobLength).toBe(blob.length)
  })

  it('a missing chunk gives no session, and every chunk is cleared', async () => {
    const client = new Client(engine(chunkyOptions()))
    await client.signIn(login('ada'))
    const names = chunkNames(client)
    client.cookies.delete(names[1]!)
    const response = await client.fetch('session')
    expect(await response.json()).toEqual({})
    const deleted = setCookies(response)
      .filter(isDeletion)
      .map((cookie) => cookie.name)
    for (const name of names.filter((name) => name !== names[1])) expect(deleted).toContain(name)
  })

  it('a missing last chunk gives no session', async () => {
    const client = new Client(engine(chunkyOptions()))
    await client.signIn(login('ada'))
    client.cookies.delete(chunkNames(client).at(-1)!)
    expect(await client.session()).toEqual({})
  })

  it('reordered chunk values give no session', async () => {
    const client = new Client(engine(chunkyOptions()))
    await client.signIn(login('ada'))
    const [first, second] = chunkNames(client)
    const a = client.cookies.get(first!)!
    client.cookies.set(first!, client.cookies.get(second!)!)
    client.cookies.set(second!, a)
    expect(await client.session()).toEqual({})
  })

  it('shrinking back into one cookie deletes the stale chunks', async () => {
    const client = new Client(engine(chunkyOptions()))
    await client.signIn(login('ada'))
    const names = chunkNames(client)
    const csrfToken = await client.csrf()
    const response = await client.postJson('session', { csrfToken, data: { shrink: true } })
    expect(setCookie(response, SESSION)?.value).toBeTruthy()
    const deleted = setCookies(response)
      .filter(isDeletion)
      .map((cookie) => cookie.name)
      .sort()
    expect(deleted).toEqual(names)
    expect(chunkNames(client)).toEqual([])
    const session = (await client.session()) as { blobLength: number; user: { email: string } }
    expect(session.blobLength).toBe(0)
    expect(session.user.email).toBe('ada@example.com')
  })
})

describe('database sessions', () => {
  async function dbApp(session: AuthOptions['session'] = {}) {
    const { store, adapter } = await seeded()
    const options: AuthOptions = {
      secret: SECRET,
      adapter,
      session: { strategy: 'database', ...session },
      providers: [passwordProvider()],
    }
    return { store, adapter, options }
  }

  it('signing in creates a session row whose token is the cookie', async () => {
    const { store, options } = await dbApp()
    useClock()
    const client = new Client(engine(options))
    const response = await client.signIn(login('ada'))
    expect(store.sessions.size).toBe(1)
    const [row] = [...store.sessions.values()]
    expect(row!.userId).toBe('user-ada')
    expect(row!.expires.getTime()).toBe(T0 + 30 * DAY)
    expect(setCookie(response, SESSION)!.value).toBe(row!.sessionToken)
    expect(row!.sessionToken).toMatch(/^[0-9a-f]{64}$/)
  })

  it('extends the expiry at most once per updateAge (fake clock)', async () => {
    const { store, options } = await dbApp()
    const advance = useClock()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const token = client.cookies.get(SESSION)!
    const expiry = () => store.sessions.get(token)!.expires.getTime()

    advance(60 * 60 * 1000)
    const early = await client.fetch('session')
    expect(setCookie(early, SESSION)).toBeUndefined()
    expect(expiry()).toBe(T0 + 30 * DAY)
    expect(new Date(((await early.json()) as { expires: string }).expires).getTime()).toBe(
      T0 + 30 * DAY,
    )

    advance(24 * 60 * 60 * 1000)
    const due = await client.fetch('session')
    const extended = T0 + 25 * 60 * 60 * 1000 + 30 * DAY
    expect(expiry()).toBe(extended)
    expect(new Date(String(setCookie(due, SESSION)!.attributes.expires)).getTime()).toBe(
      Math.floor(extended / 1000) * 1000,
    )

    advance(60 * 60 * 1000)
    const again = await client.fetch('session')
    expect(setCookie(again, SESSION)).toBeUndefined()
    expect(expiry()).toBe(extended)
  })

  it('updateAge: 0 extends on every read', async () => {
    const { store, options } = await dbApp({ updateAge: 0 })
    const advance = useClock()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const token = client.cookies.get(SESSION)!
    advance(1000)
    await client.session()
    expect(store.sessions.get(token)!.expires.getTime()).toBe(T0 + 1000 + 30 * DAY)
  })

  it('getSession never extends (it cannot set a cookie)', async () => {
    const { store, options } = await dbApp()
    const advance = useClock()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    advance(2 * DAY)
    const session = await getSession(client.request('session'), options)
    expect(session?.user?.email).toBe('ada@example.com')
    expect(store.sessions.get(client.cookies.get(SESSION)!)!.expires.getTime()).toBe(T0 + 30 * DAY)
  })

  it('session.generateSessionToken makes the token', async () => {
    const { store, options } = await dbApp({
      generateSessionToken: () => `custom-${store.sessions.size}`,
    })
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    expect([...store.sessions.keys()]).toEqual(['custom-0'])
    expect(client.cookies.get(SESSION)).toBe('custom-0')
  })

  it('an expired row is deleted on read and the cookie cleared', async () => {
    const { store, adapter, options } = await dbApp()
    useClock()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const token = client.cookies.get(SESSION)!
    await adapter.updateSession({ sessionToken: token, expires: new Date(Date.now() - 1000) })
    const response = await client.fetch('session')
    expect(await response.json()).toEqual({})
    expect(isDeletion(setCookie(response, SESSION)!)).toBe(true)
    expect(store.sessions.has(token)).toBe(false)
  })

  it('an expired row is gone after maxAge without activity (fake clock)', async () => {
    const { store, options } = await dbApp({ maxAge: 3600 })
    const advance = useClock()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    advance(3601 * 1000)
    expect(await client.session()).toEqual({})
    expect(store.sessions.size).toBe(0)
  })

  it('getSession also deletes an expired row', async () => {
    const { store, adapter, options } = await dbApp()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const token = client.cookies.get(SESSION)!
    await adapter.updateSession({ sessionToken: token, expires: new Date(Date.now() - 1) })
    expect(await getSession(client.request('session'), options)).toBeNull()
    expect(store.sessions.has(token)).toBe(false)
  })

  it('an unknown or oversized token gives no session and clears the cookie', async () => {
    const { options } = await dbApp()
    for (const value of ['unknown-token', 'x'.repeat(600)]) {
      const client = new Client(engine(options))
      client.cookies.set(SESSION, value)
      const response = await client.fetch('session')
      expect(await response.json()).toEqual({})
      expect(isDeletion(setCookie(response, SESSION)!)).toBe(true)
    }
  })

  it('a JWT in the cookie is not a database session', async () => {
    const { options } = await dbApp()
    const client = new Client(engine(options))
    client.cookies.set(SESSION, encode({ token: { sub: 'user-ada' }, secret: SECRET }))
    expect(await client.session()).toEqual({})
  })

  it('sign-out deletes the row and the signOut event gets it', async () => {
    const { store, options } = await dbApp()
    const ended: unknown[] = []
    options.events = { signOut: (message) => void ended.push(message) }
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const token = client.cookies.get(SESSION)!
    const csrfToken = await client.csrf()
    await client.post('signout', { csrfToken })
    expect(store.sessions.size).toBe(0)
    expect(ended).toEqual([
      { session: expect.objectContaining({ sessionToken: token, userId: 'user-ada' }) },
    ])
  })

  it('the session callback gets the adapter user; trigger update with newSession on POST session', async () => {
    const { options } = await dbApp()
    const calls: Array<Record<string, unknown>> = []
    options.callbacks = {
      session: (params) => {
        calls.push(params as unknown as Record<string, unknown>)
        return { ...params.session, userId: params.user.id }
      },
    }
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const read = (await client.session()) as { userId: string }
    expect(read.userId).toBe('user-ada')
    expect(calls[0]).toMatchObject({ user: { id: 'user-ada', email: 'ada@example.com' } })
    expect(calls[0]!.trigger).toBeUndefined()
    const csrfToken = await client.csrf()
    await client.postJson('session', { csrfToken, data: { theme: 'dark' } })
    expect(calls.at(-1)).toMatchObject({ trigger: 'update', newSession: { theme: 'dark' } })
  })
})

describe('JWT callbacks and events with the NextAuth.js v4 arguments', () => {
  it('jwt at sign-in: token, user, account, trigger signIn, isNewUser false', async () => {
    const calls: Array<Record<string, unknown>> = []
    const options = jwtOptions({
      callbacks: { jwt: (params) => (calls.push({ ...params }), params.token) },
    })
    await new Client(engine(options)).signIn(login('ada'))
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({
      token: { name: 'Ada Lovelace', email: 'ada@example.com', picture: null, sub: 'user-ada' },
      user: { id: 'user-ada', email: 'ada@example.com' },
      account: { provider: 'credentials', type: 'credentials', providerAccountId: 'user-ada' },
      trigger: 'signIn',
      isNewUser: false,
    })
  })

  it('jwt and session on GET session: the decoded token; the session from it', async () => {
    const jwtCalls: Array<Record<string, unknown>> = []
    const sessionCalls: Array<Record<string, unknown>> = []
    const options = jwtOptions({
      callbacks: {
        jwt: (params) => (
          jwtCalls.push({ ...params }),
          params.user ? { ...params.token, role: 'admin' } : params.token
        ),
        session: (params) => (
          sessionCalls.push({ ...params }),
          { ...params.session, role: params.token.role }
        ),
      },
    })
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const session = (await client.session()) as Record<string, unknown>
    expect(session.role).toBe('admin')
    expect(jwtCalls[1]!.token).toMatchObject({
      sub: 'user-ada',
      role: 'admin',
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.any(String),
    })
    expect(jwtCalls[1]!.trigger).toBeUndefined()
    expect(sessionCalls[0]).toMatchObject({
      session: {
        user: { name: 'Ada Lovelace', email: 'ada@example.com', image: null },
        expires: expect.any(String),
      },
      token: { sub: 'user-ada', role: 'admin' },
    })
  })

  it("POST session {csrfToken, data}: trigger 'update' with session = data, and the new token persists", async () => {
    const calls: Array<Record<string, unknown>> = []
    const options = jwtOptions({
      callbacks: {
        jwt: (params) => {
          calls.push({ ...params })
          if (params.trigger === 'update')
            return { ...params.token, plan: (params.session as { plan: string }).plan }
          return params.token
        },
        session: ({ session, token }) => ({ ...session, plan: token.plan ?? 'free' }),
      },
    })
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const csrfToken = await client.csrf()
    const response = await client.postJson('session', { csrfToken, data: { plan: 'pro' } })
    expect(((await response.json()) as { plan: string }).plan).toBe('pro')
    expect(calls.at(-1)).toMatchObject({ trigger: 'update', session: { plan: 'pro' } })
    expect(((await client.session()) as { plan: string }).plan).toBe('pro')
    expect(claimsOf(client).plan).toBe('pro')
  })

  it('POST session without a session answers {} and writes nothing', async () => {
    const client = new Client(engine(jwtOptions()))
    const csrfToken = await client.csrf()
    const response = await client.postJson('session', { csrfToken, data: { a: 1 } })
    expect(await response.json()).toEqual({})
    expect(setCookie(response, SESSION)).toBeUndefined()
  })

  it('events signIn, session and signOut are called with their v4 messages', async () => {
    const seen: Array<[string, unknown]> = []
    const options = jwtOptions({
      events: {
        signIn: (message) => void seen.push(['signIn', message]),
        session: (message) => void seen.push(['session', message]),
        signOut: (message) => void seen.push(['signOut', message]),
      },
    })
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    await client.session()
    const csrfToken = await client.csrf()
    await client.post('signout', { csrfToken })
    expect(seen.map(([name]) => name)).toEqual(['signIn', 'session', 'signOut'])
    expect(seen[0]![1]).toMatchObject({
      user: { id: 'user-ada' },
      account: { provider: 'credentials' },
      isNewUser: false,
    })
    expect(seen[1]![1]).toMatchObject({
      session: { user: { email: 'ada@example.com' } },
      token: { sub: 'user-ada' },
    })
    expect(seen[2]![1]).toMatchObject({ token: { sub: 'user-ada' } })
  })

  it('a throwing event does not fail the request, and is logged', async () => {
    const { logger, errors } = recordingLogger()
    const boom = () => {
      throw new Error('event handler broke')
    }
    const options = jwtOptions({
      logger,
      events: { signIn: boom, session: boom, signOut: async () => boom() },
    })
    const client = new Client(engine(options))
    const signIn = await client.signIn(login('ada'))
    expect(signIn.status).toBe(302)
    expect(setCookie(signIn, SESSION)?.value).toBeTruthy()
    const session = await client.fetch('session')
    expect(session.status).toBe(200)
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
    const csrfToken = await client.csrf()
    const signOut = await client.post('signout', { csrfToken })
    expect(signOut.status).toBe(302)
    expect(errors.filter((entry) => entry.code === 'EventError')).toHaveLength(3)
  })

  it('getSession answers null, not a TypeError, for a request whose forwarded host is malformed', async () => {
    const options = jwtOptions({ trustHost: true, logger: recordingLogger().logger })
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const request = client.request('session', {
      headers: { 'x-forwarded-host': 'a b<>', 'x-forwarded-proto': 'https' },
    })
    await expect(getSession(request, options)).resolves.toBeNull()
  })

  it('getSession runs the callbacks and writes no cookie', async () => {
    const options = jwtOptions({
      callbacks: { session: ({ session }) => ({ ...session, extra: 1 }) },
    })
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const session = (await getSession(client.request('session'), options)) as unknown as Record<
      string,
      unknown
    >
    expect(session).toMatchObject({ extra: 1, user: { email: 'ada@example.com' } })
    expect(await getSession(new Request(`${ORIGIN}/`), options)).toBeNull()
  })
})

describe('custom jwt.encode / jwt.decode (as NextAuth.js v4 apps write them)', () => {
  it('are used, and receive the secret as the string the app configured', async () => {
    const seen: unknown[] = []
    const options = jwtOptions({
      jwt: {
        encode: ({ token, secret }) => {
          seen.push(secret)
          return `custom.${Buffer.from(JSON.stringify(token)).toString('base64url')}`
        },
        decode: ({ token, secret }) => {
          seen.push(secret)
          if (!token?.startsWith('custom.')) return null
          return JSON.parse(Buffer.from(token.slice(7), 'base64url').toString()) as JWT
        },
      },
    })
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    expect(client.cookies.get(SESSION)).toMatch(/^custom\./)
    expect(((await client.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
    expect(seen.length).toBeGreaterThan(0)
    for (const secret of seen) expect(secret).toBe(SECRET)
  })
})
