import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore, MemoryAdapter, type MemoryStore } from '../adapters/memory.js'
import {
  Client,
  engine,
  login,
  ORIGIN,
  passwordProvider,
  recordingLogger,
  SECRET,
  setCookies,
  USERS,
} from '../../test/helpers/engine.js'
import EmailProvider from '../providers/email.js'
import type { AuthOptions } from './types.js'

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

const CSRF = 'next-auth.csrf-token'
const SESSION = 'next-auth.session-token'

interface App {
  options: AuthOptions
  store: MemoryStore
  emailsSent: string[]
  updates: number
}

async function app(strategy: 'jwt' | 'database'): Promise<App> {
  const store = createMemoryStore()
  const adapter = MemoryAdapter(store)
  for (const user of Object.values(USERS)) {
    await adapter.createUser({ ...user, email: user.email!, emailVerified: null })
  }
  const result: App = {
    options: undefined as unknown as AuthOptions,
    store,
    emailsSent: [],
    updates: 0,
  }
  result.options = {
    secret: SECRET,
    adapter,
    session: { strategy },
    logger: recordingLogger().logger,
    providers: [
      passwordProvider(),
      EmailProvider({
        sendVerificationRequest: ({ identifier }) => {
          result.emailsSent.push(identifier)
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, trigger }) => {
        if (trigger === 'update') result.updates++
        return trigger === 'update' ? { ...token, name: 'CHANGED' } : token
      },
      session: ({ session }) => {
        if (session.user?.name === 'CHANGED') result.updates++
        return session
      },
    },
  }
  return result
}

/** A snapshot of everything an attack must not change. */
function state(target: App) {
  return JSON.stringify({
    users: [...target.store.users.values()],
    accounts: [...target.store.accounts.values()],
    sessions: [...target.store.sessions.keys()],
    tokens: [...target.store.verificationTokens.keys()],
    emails: target.emailsSent,
    updates: target.updates,
  })
}

type Attack = (
  victim: Client,
  attacker: Client,
) => Promise<{ fields: Record<string, string>; headers: Record<string, string> }>

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

const ATTACKS: Record<string, Attack> = {
  'no token in the body': async (victim) => {
    await victim.csrf()
    return { fields: {}, headers: {} }
  },
  'a wrong token': async (victim) => {
    await victim.csrf()
    return { fields: { csrfToken: randomBytes(32).toString('hex') }, headers: {} }
  },
  'an empty token': async (victim) => {
    await victim.csrf()
    return { fields: { csrfToken: '' }, headers: {} }
  },
  "the attacker's own token against the victim's cookie": async (victim, attacker) => {
    await victim.csrf()
    return { fields: { csrfToken: await attacker.csrf() }, headers: {} }
  },
  'a cookie forged without the secret (hash of the token alone)': async (victim) => {
    const token = randomBytes(32).toString('hex')
    victim.cookies.set(CSRF, `${token}|${sha256(token)}`)
    return { fields: { csrfToken: token }, headers: {} }
  },
  'a cookie forged with another secret': async (victim) => {
    const token = randomBytes(32).toString('hex')
    victim.cookies.set(CSRF, `${token}|${sha256(`${token}another-secret`)}`)
    return { fields: { csrfToken: token }, headers: {} }
  },
  'a cookie holding only the token': async (victim) => {
    const token = randomBytes(32).toString('hex')
    victim.cookies.set(CSRF, token)
    return { fields: { csrfToken: token }, headers: {} }
  },
  'a cookie with an extra | part': async (victim) => {
    const csrfToken = await victim.csrf()
    victim.cookies.set(CSRF, `${victim.cookies.get(CSRF)}|extra`)
    return { fields: { csrfToken }, headers: {} }
  },
  'no CSRF cookie at all': async (victim) => {
    const csrfToken = await victim.csrf()
    victim.cookies.delete(CSRF)
    return { fields: { csrfToken }, headers: {} }
  },
  'a valid token from a cross-origin page (Origin header)': async (victim) => ({
    fields: { csrfToken: await victim.csrf() },
    headers: { origin: 'https://evil.example' },
  }),
  'a valid token from a look-alike origin (other port)': async (victim) => ({
    fields: { csrfToken: await victim.csrf() },
    headers: { origin: 'http://localhost:3001' },
  }),
  'a valid token with Sec-Fetch-Site: cross-site': async (victim) => ({
    fields: { csrfToken: await victim.csrf() },
    headers: { 'sec-fetch-site': 'cross-site' },
  }),
  'a valid token with Origin: null (sandboxed frame, data: URL)': async (victim) => ({
    fields: { csrfToken: await victim.csrf() },
    headers: { origin: 'null' },
  }),
}

function expectRefused(response: Response, body: string): void {
  expect(response.status).not.toBe(200)
  expect(response.status).toBeLessThan(500)
  const where = response.headers.get('location') ?? body
  expect(where).toContain('MissingCSRF')
}

describe.each(Object.entries(ATTACKS))('CSRF: %s', (_name, attack) => {
  it('callback/credentials: no session, no row', async () => {
    const target = await app('database')
    const before = state(target)
    const victim = new Client(engine(target.options))
    const { fields, headers } = await attack(victim, new Client(engine(target.options)))
    const response = await victim.post(
      'callback/credentials',
      { ...fields, ...login('ada') },
      headers,
    )
    expectRefused(response, await response.text())
    expect(
      setCookies(response).filter((cookie) => cookie.name === SESSION && cookie.value),
    ).toEqual([])
    expect(state(target)).toBe(before)
    expect(await victim.session()).toEqual({})
  })

  it('callback/credentials with json=true: JSON refusal, no session', async () => {
    const target = await app('jwt')
    const victim = new Client(engine(target.options))
    const { fields, headers } = await attack(victim, new Client(engine(target.options)))
    const response = await victim.post(
      'callback/credentials',
      { ...fields, ...login('ada'), json: 'true' },
      headers,
    )
    const body = await response.text()
    expect(body).toContain('MissingCSRF')
    expect(
      setCookies(response).filter((cookie) => cookie.name === SESSION && cookie.value),
    ).toEqual([])
    expect(await victim.session()).toEqual({})
  })

  it('signout: the session survives', async () => {
    const target = await app('database')
    const victim = new Client(engine(target.options))
    await victim.signIn(login('ada'))
    const before = state(target)
    const { fields, headers } = await attack(victim, new Client(engine(target.options)))
    const response = await victim.post('signout', fields, headers)
    expectRefused(response, await response.text())
    expect(setCookies(response).some((cookie) => cookie.name === SESSION)).toBe(false)
    expect(state(target)).toBe(before)
    expect(((await victim.session()) as { user?: { email: string } }).user?.email).toBe(
      'ada@example.com',
    )
  })

  it('session update: the callbacks do not run with trigger update, the token is not re-issued', async () => {
    const target = await app('jwt')
    const victim = new Client(engine(target.options))
    await victim.signIn(login('ada'))
    const tokenBefore = victim.cookies.get(SESSION)
    const { fields, headers } = await attack(victim, new Client(engine(target.options)))
    const response = await victim.postJson(
      'session',
      { ...fields, data: { name: 'CHANGED' } },
      headers,
    )
    expect(response.status).toBe(403)
    expect(((await response.json()) as { error: string }).error).toBe('MissingCSRF')
    expect(setCookies(response).some((cookie) => cookie.name === SESSION)).toBe(false)
    expect(victim.cookies.get(SESSION)).toBe(tokenBefore)
    expect(target.updates).toBe(0)
  })

  it('signin/email: no email sent, no verification token stored', async () => {
    const target = await app('database')
    const before = state(target)
    const victim = new Client(engine(target.options))
    const { fields, headers } = await attack(victim, new Client(engine(target.options)))
    const response = await victim.post(
      'signin/email',
      { ...fields, email: 'victim@example.com' },
      headers,
    )
    expectRefused(response, await response.text())
    expect(state(target)).toBe(before)
  })

  it('signin/credentials: refused without remembering a callback URL', async () => {
    const target = await app('jwt')
    const victim = new Client(engine(target.options))
    const { fields, headers } = await attack(victim, new Client(engine(target.options)))
    const response = await victim.post(
      'signin/credentials',
      { ...fields, callbackUrl: '/x' },
      headers,
    )
    expectRefused(response, await response.text())
    expect(setCookies(response).some((cookie) => cookie.name === 'next-auth.callback-url')).toBe(
      false,
    )
  })
})

describe('CSRF: where a refused request lands', () => {
  it('a refused sign-out goes back to the sign-out page (as v4), where a fresh token lets the user retry', async () => {
    const target = await app('database')
    const client = new Client(engine(target.options))
    await client.signIn(login('ada'))
    const refused = await client.post('signout', { csrfToken: 'stale' })
    const location = new URL(refused.headers.get('location')!)
    expect(location.pathname).toBe('/api/auth/signout')
    expect(location.searchParams.get('error')).toBe('MissingCSRF')
  })

  it('a refused credentials sign-in goes back to the sign-in page', async () => {
    const target = await app('database')
    const refused = await new Client(engine(target.options)).post('callback/credentials', {
      csrfToken: 'x',
      ...login('ada'),
    })
    expect(new URL(refused.headers.get('location')!).pathname).toBe('/api/auth/signin')
  })
})

describe('CSRF: the genuine requests pass', () => {
  it('a same-origin Origin and Sec-Fetch-Site: same-origin are accepted', async () => {
    const target = await app('database')
    const client = new Client(engine(target.options))
    const response = await client.signIn(login('ada'), 'credentials', {
      origin: ORIGIN,
      'sec-fetch-site': 'same-origin',
    })
    expect(response.status).toBe(302)
    expect(target.store.sessions.size).toBe(1)
  })

  it('a token issued under a rotated-out secret is still accepted while that secret is listed', async () => {
    const old = 'the-previous-secret-4d6f8a0b2c4e6a8c0e2a'
    const before = { secret: old, providers: [passwordProvider()] }
    const client = new Client(engine(before))
    const csrfToken = await client.csrf()
    const rotated = new Client(engine({ secret: [SECRET, old], providers: [passwordProvider()] }))
    for (const [name, value] of client.cookies) rotated.cookies.set(name, value)
    const response = await rotated.post('callback/credentials', { csrfToken, ...login('ada') })
    expect(response.status).toBe(302)
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBeNull()
  })

  it('a token issued under a removed secret is refused, and a new cookie is issued', async () => {
    const client = new Client(
      engine({ secret: 'removed-secret-9a8b7c6d5e4f3a2b1c0d', providers: [passwordProvider()] }),
    )
    const csrfToken = await client.csrf()
    const now = new Client(engine({ secret: SECRET, providers: [passwordProvider()] }))
    for (const [name, value] of client.cookies) now.cookies.set(name, value)
    const fresh = await now.csrf()
    expect(fresh).not.toBe(csrfToken)
    const response = await now.post('callback/credentials', { csrfToken, ...login('ada') })
    expect(response.headers.get('location')).toContain('MissingCSRF')
  })
})
