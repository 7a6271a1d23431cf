import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore, MemoryAdapter } from '../adapters/memory.js'
import {
  BASE,
  Client,
  engine,
  login,
  ORIGIN,
  passwordProvider,
  recordingLogger,
  SECRET,
  setCookie,
  USERS,
} from '../../test/helpers/engine.js'
import { CredentialsSignin } from '../core/errors.js'
import type { AuthOptions } from '../core/types.js'
import CredentialsProvider from './credentials.js'

const SESSION = 'next-auth.session-token'

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

async function seededAdapter() {
  const store = createMemoryStore()
  const adapter = MemoryAdapter(store)
  for (const user of Object.values(USERS))
    await adapter.createUser({ ...user, email: user.email!, emailVerified: null })
  return { store, adapter }
}

function errorOf(response: Response): string | null {
  return new URL(response.headers.get('location')!).searchParams.get('error')
}

describe('CredentialsProvider()', () => {
  it('has the NextAuth.js defaults and keeps what the app sets', () => {
    const authorize = () => null
    expect(CredentialsProvider({ authorize })).toMatchObject({
      id: 'credentials',
      name: 'Credentials',
      type: 'credentials',
      credentials: {},
      authorize,
    })
    const custom = CredentialsProvider({
      id: 'ldap',
      name: 'LDAP',
      credentials: { uid: { label: 'UID' } },
      authorize,
    })
    expect(custom).toMatchObject({
      id: 'ldap',
      name: 'LDAP',
      credentials: { uid: { label: 'UID' } },
    })
  })
})

describe('credentials with JWT sessions', () => {
  it('signs in, the JWT carries the user', async () => {
    const client = new Client(engine({ secret: SECRET, providers: [passwordProvider()] }))
    const response = await client.signIn(login('alan', { callbackUrl: '/welcome' }))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${ORIGIN}/welcome`)
    const session = (await client.session()) as { user: Record<string, unknown> }
    expect(session.user).toEqual({ name: 'Alan Turing', email: 'alan@example.com', image: null })
  })

  it('authorize() gets the submitted fields (not csrfToken or json) and the Request', async () => {
    const seen: Array<{ credentials: unknown; request: Request }> = []
    const provider = CredentialsProvider({
      credentials: { username: {}, otp: {} },
      authorize(credentials, request) {
        seen.push({ credentials, request })
        return { id: '7', name: 'Seven' }
      },
    })
    const client = new Client(engine({ secret: SECRET, providers: [provider] }))
    await client.signIn({ username: 'u', otp: '123456', json: 'true' }, 'credentials', {
      'x-forwarded-for': '203.0.113.9',
    })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.credentials).toMatchObject({ username: 'u', otp: '123456' })
    expect(seen[0]!.credentials).not.toHaveProperty('csrfToken')
    expect(seen[0]!.credentials).not.toHaveProperty('json')
    expect(seen[0]!.request).toBeInstanceOf(Request)
    expect(seen[0]!.request.headers.get('x-forwarded-for')).toBe('203.0.113.9')
    expect(seen[0]!.request.method).toBe('POST')
  })

  it('a numeric id is stored as a string sub', async () => {
    const provider = CredentialsProvider({
      authorize: () => ({ id: 42 as unknown as string, name: 'Num' }),
    })
    const client = new Client(
      engine({
        secret: SECRET,
        providers: [provider],
        callbacks: { session: ({ session, token }) => ({ ...session, sub: token.sub }) },
      }),
    )
    await client.signIn({})
    expect(((await client.session()) as { sub: string }).sub).toBe('42')
  })

  it('a custom id routes its own callback', async () => {
    const client = new Client(
      engine({ secret: SECRET, providers: [passwordProvider({ id: 'password' })] }),
    )
    const response = await client.signIn(login('ada'), 'password')
    expect(response.status).toBe(302)
    expect(errorOf(response)).toBeNull()
    expect(((await client.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
  })

  it('two credentials providers each use their own authorize()', async () => {
    const client = new Client(
      engine({
        secret: SECRET,
        providers: [
          CredentialsProvider({ id: 'a', authorize: () => ({ id: 'from-a' }) }),
          CredentialsProvider({ id: 'b', authorize: () => null }),
        ],
      }),
    )
    expect(errorOf(await client.signIn({}, 'b'))).toBe('CredentialsSignin')
    expect(errorOf(await client.signIn({}, 'a'))).toBeNull()
  })
})

describe('credentials with database sessions', () => {
  it('creates a session row for the user authorize() returns', async () => {
    const { store, adapter } = await seededAdapter()
    const options: AuthOptions = {
      secret: SECRET,
      adapter,
      session: { strategy: 'database' },
      providers: [passwordProvider()],
    }
    const client = new Client(engine(options))
    const response = await client.signIn(login('ada'))
    expect(response.status).toBe(302)
    expect(store.sessions.size).toBe(1)
    const [row] = [...store.sessions.values()]
    expect(row!.userId).toBe('user-ada')
    expect(client.cookies.get(SESSION)).toBe(row!.sessionToken)
    expect(((await client.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
    expect(store.users.size).toBe(2)
    expect(store.accounts.size).toBe(0)
  })

  it('with an adapter the default strategy is database, and credentials still work', async () => {
    const { store, adapter } = await seededAdapter()
    const client = new Client(engine({ secret: SECRET, adapter, providers: [passwordProvider()] }))
    await client.signIn(login('alan'))
    expect(store.sessions.size).toBe(1)
  })

  it('a user unknown to the adapter: a clean Callback error, no row, no cookie', async () => {
    const { store, adapter } = await seededAdapter()
    const { logger, errors } = recordingLogger()
    const provider = CredentialsProvider({
      authorize: () => ({ id: 'not-in-db', email: 'ghost@example.com' }),
    })
    const client = new Client(
      engine({
        secret: SECRET,
        adapter,
        logger,
        session: { strategy: 'database' },
        providers: [provider],
      }),
    )
    const response = await client.signIn({})
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe(`${BASE}/signin`)
    expect(location.searchParams.get('error')).toBe('Callback')
    expect(setCookie(response, SESSION)).toBeUndefined()
    expect(store.sessions.size).toBe(0)
    expect(store.users.size).toBe(2)
    expect(errors.map((entry) => entry.code)).toContain('Callback')
  })
})

describe('refusals give CredentialsSignin, never a configuration error', () => {
  const cases: Array<[string, () => unknown]> = [
    ['returns null', () => null],
    ['returns undefined', () => undefined],
    ['resolves null', async () => null],
    [
      'throws an Error',
      () => {
        throw new Error('wrong password')
      },
    ],
    [
      'rejects',
      async () => {
        throw new Error('ldap down')
      },
    ],
    [
      'throws CredentialsSignin',
      () => {
        throw new CredentialsSignin('no such user')
      },
    ],
    [
      'throws a string',
      () => {
        throw 'nope'
      },
    ],
  ]

  it.each(cases)(
    'authorize() %s -> 302 to the sign-in page with ?error=CredentialsSignin',
    async (_name, authorize) => {
      const { logger, errors } = recordingLogger()
      const provider = CredentialsProvider({ authorize: authorize as never })
      const client = new Client(engine({ secret: SECRET, logger, providers: [provider] }))
      const response = await client.signIn({
        username: 'ada',
        password: 'x',
        callbackUrl: '/after',
      })
      expect(response.status).toBe(302)
      const location = new URL(response.headers.get('location')!)
      expect(location.origin + location.pathname).toBe(`${ORIGIN}${BASE}/signin`)
      expect(location.searchParams.get('error')).toBe('CredentialsSignin')
      expect(location.href).not.toContain('wrong%20password')
      expect(setCookie(response, SESSION)).toBeUndefined()
      expect(await client.session()).toEqual({})
      expect(errors.map((entry) => entry.code)).toContain('CredentialsSignin')
    },
  )

  it.each(cases)(
    'authorize() %s with json=true -> JSON { url } with the error',
    async (_name, authorize) => {
      const provider = CredentialsProvider({ authorize: authorize as never })
      const client = new Client(
        engine({ secret: SECRET, logger: recordingLogger().logger, providers: [provider] }),
      )
      const response = await client.signIn({ json: 'true' })
      expect(response.headers.get('content-type')).toMatch(/application\/json/)
      const { url } = (await response.json()) as { url: string }
      expect(new URL(url).pathname).toBe(`${BASE}/signin`)
      expect(new URL(url).searchParams.get('error')).toBe('CredentialsSignin')
      expect(setCookie(response, SESSION)).toBeUndefined()
    },
  )

  it('after a wrong password the sign-in page still offers the callbackUrl the user came with', async () => {
    const client = new Client(
      engine({ secret: SECRET, logger: recordingLogger().logger, providers: [passwordProvider()] }),
    )
    const failed = await client.signIn({
      username: 'ada',
      password: 'wrong',
      callbackUrl: '/dashboard',
    })
    const page = await client.fetch(failed.headers.get('location')!)
    const callbackUrl = /name="callbackUrl" value="([^"]*)"/
      .exec(await page.text())?.[1]
      ?.replace(/&amp;/g, '&')
    expect(callbackUrl).toBe(`${ORIGIN}/dashboard`)
    const retry = await client.signIn(login('ada', { callbackUrl: callbackUrl! }))
    expect(retry.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
  })

  it('a user without an id is a Callback error, not a session', async () => {
    const provider = CredentialsProvider({ authorize: () => ({ name: 'No Id' }) as never })
    const client = new Client(
      engine({ secret: SECRET, logger: recordingLogger().logger, providers: [provider] }),
    )
    const response = await client.signIn({})
    expect(errorOf(response)).toBe('Callback')
    expect(setCookie(response, SESSION)).toBeUndefined()
  })

  it('a wrong password with the password provider', async () => {
    const client = new Client(
      engine({ secret: SECRET, logger: recordingLogger().logger, providers: [passwordProvider()] }),
    )
    expect(errorOf(await client.signIn({ username: 'ada', password: 'pw-alan' }))).toBe(
      'CredentialsSignin',
    )
    expect(errorOf(await client.signIn({ username: 'nobody', password: 'pw-nobody' }))).toBe(
      'CredentialsSignin',
    )
  })

  it('GET on the credentials callback never calls authorize()', async () => {
    let calls = 0
    const provider = CredentialsProvider({ authorize: () => (calls++, { id: '1' }) })
    const client = new Client(
      engine({ secret: SECRET, logger: recordingLogger().logger, providers: [provider] }),
    )
    const response = await client.fetch('callback/credentials?username=a&password=b')
    expect(response.status).toBe(405)
    expect(calls).toBe(0)
    expect(setCookie(response, SESSION)).toBeUndefined()
  })
})

describe('the signIn callback with credentials', () => {
  it('receives user, account and credentials', async () => {
    const seen: Array<Record<string, unknown>> = []
    const client = new Client(
      engine({
        secret: SECRET,
        providers: [passwordProvider()],
        callbacks: { signIn: (params) => (seen.push(params), true) },
      }),
    )
    await client.signIn(login('ada'))
    expect(seen[0]).toMatchObject({
      user: { id: 'user-ada' },
      account: { provider: 'credentials', type: 'credentials', providerAccountId: 'user-ada' },
      credentials: { username: 'ada', password: 'pw-ada' },
    })
  })

  it('false -> AccessDenied on the error page, no session (database: no row)', async () => {
    const { store, adapter } = await seededAdapter()
    const client = new Client(
      engine({
        secret: SECRET,
        adapter,
        logger: recordingLogger().logger,
        providers: [passwordProvider()],
        callbacks: { signIn: () => false },
      }),
    )
    const response = await client.signIn(login('ada'))
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe(`${BASE}/error`)
    expect(location.searchParams.get('error')).toBe('AccessDenied')
    expect(setCookie(response, SESSION)).toBeUndefined()
    expect(store.sessions.size).toBe(0)
  })

  it('a URL string -> redirect there, no session', async () => {
    const client = new Client(
      engine({
        secret: SECRET,
        providers: [passwordProvider()],
        callbacks: { signIn: () => '/unverified' },
      }),
    )
    const response = await client.signIn(login('ada'))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${ORIGIN}/unverified`)
    expect(setCookie(response, SESSION)).toBeUndefined()
    const json = await new Client(
      engine({
        secret: SECRET,
        providers: [passwordProvider()],
        callbacks: { signIn: () => '/unverified' },
      }),
    ).signIn(login('ada', { json: 'true' }))
    expect(await json.json()).toEqual({ url: `${ORIGIN}/unverified` })
  })
})
