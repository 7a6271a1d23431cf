/**
 * Email sign-in end to end: a real node:http server serving `Auth(request, options)` with the
 * memory adapter, a real SMTP server that captures the mail, and a cookie-keeping client that
 * clicks the link the way a user would.
 */
import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import { createMemoryStore, MemoryAdapter, type MemoryStore } from '../../src/adapters/memory.js'
import { Auth } from '../../src/core/index.js'
import { signInErrorMessage } from '../../src/core/pages/index.js'
import type { Adapter } from '../../src/core/adapter.js'
import type { AuthOptions } from '../../src/core/types.js'
import EmailProvider from '../../src/providers/email.js'
import {
  closedPort,
  signInLink,
  startSmtpServer,
  type TestSmtpServer,
} from '../fixtures/smtp/server.js'
import { CookieClient, serve } from '../helpers/http.js'

const basePath = '/api/auth'
const sessionCookie = 'next-auth.session-token'

interface App {
  url: string
  store: MemoryStore
  loggedCodes: string[]
  client(): CookieClient
  close(): Promise<void>
}

const running: App[] = []
let smtp: TestSmtpServer

beforeAll(async () => {
  delete process.env.NEXTAUTH_URL
  delete process.env.AUTH_URL
  smtp = await startSmtpServer({ refuseRecipient: (address) => address.startsWith('refused@') })
})
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()))
})
afterAll(() => smtp.close())

async function startApp(
  options: {
    strategy?: 'jwt' | 'database'
    server?: string
    secret?: string
    store?: MemoryStore
    adapter?: Adapter
  } = {},
): Promise<App> {
  const store = options.store ?? createMemoryStore()
  const loggedCodes: string[] = []
  const authOptions: AuthOptions = {
    secret: options.secret ?? 'email end-to-end secret, long enough to derive keys from',
    adapter: options.adapter ?? MemoryAdapter(store),
    session: { strategy: options.strategy ?? 'database' },
    providers: [
      EmailProvider({
        server: options.server ?? smtp.url,
        from: 'Gatehouse <no-reply@app.example>',
      }),
    ],
    logger: {
      error: (code) => loggedCodes.push(code),
      warn: () => undefined,
      debug: () => undefined,
    },
  }
  const server = await serve((request) => Auth(request, authOptions))
  const app: App = {
    url: server.url,
    store,
    loggedCodes,
    client: () => new CookieClient(server.url),
    close: server.close,
  }
  running.push(app)
  return app
}

/** Posts the email form as the sign-in page does and returns the response. */
async function postEmail(
  app: App,
  client: CookieClient,
  email: string,
  callbackUrl = '/dashboard',
) {
  const csrfToken = await client.csrfToken(basePath)
  return client.post(
    `${basePath}/signin/email`,
    { csrfToken, callbackUrl, email },
    { origin: app.url },
  )
}

/** Asks for a link, checks the verify-request page, and returns the link from the email. */
async function requestLink(app: App, client: CookieClient, email: string, callbackUrl?: string) {
  const response = await postEmail(app, client, email, callbackUrl)
  expect(response.status).toBe(302)
  const location = new URL(response.headers.get('location')!)
  expect(location.origin).toBe(app.url)
  expect(location.pathname).toBe(`${basePath}/verify-request`)
  const page = await client.fetch(location.pathname + location.search)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
  expect(await page.text()).toContain('<h1>Check your email</h1>')
  return signInLink(await smtp.nextMessage())
}

/** Opens a link in the client; returns the redirect target. */
async function open(client: CookieClient, link: URL): Promise<URL> {
  const response = await client.fetch(link.pathname + link.search)
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location')!)
}

async function sessionEmail(client: CookieClient): Promise<unknown> {
  const session = (await client.session(basePath)) as { user?: { email?: string } }
  return session.user?.email
}

describe.each(['database', 'jwt'] as const)('email sign-in with %s sessions', (strategy) => {
  it('creates the user on the first sign-in with emailVerified, then signs the same user in', async () => {
    const app = await startApp({ strategy })
    const first = app.client()
    const before = Date.now()
    const link = await requestLink(app, first, ' Ada@Example.COM ')
    expect(link.origin).toBe(app.url)
    expect(link.pathname).toBe(`${basePath}/callback/email`)
    expect(link.searchParams.get('email')).toBe('ada@example.com')
    expect(app.store.users.size).toBe(0)

    const landed = await open(first, link)
    expect(landed.href).toBe(`${app.url}/dashboard`)
    expect(first.cookies.has(sessionCookie)).toBe(true)
    expect(await sessionEmail(first)).toBe('ada@example.com')

    const users = [...app.store.users.values()]
    expect(users).toHaveLength(1)
    expect(users[0]!.email).toBe('ada@example.com')
    expect(users[0]!.emailVerified).toBeInstanceOf(Date)
    expect(users[0]!.emailVerified!.getTime()).toBeGreaterThanOrEqual(before)
    if (strategy === 'database') {
      expect([...app.store.sessions.values()].map((s) => s.userId)).toEqual([users[0]!.id])
    } else {
      expect(app.store.sessions.size).toBe(0)
      expect(first.cookies.get(sessionCookie)!.split('.')).toHaveLength(5)
    }

    const second = app.client()
    const again = await requestLink(app, second, 'ada@example.com', '/inbox')
    expect((await open(second, again)).href).toBe(`${app.url}/inbox`)
    expect(await sessionEmail(second)).toBe('ada@example.com')
    expect(app.store.users.size).toBe(1)
    expect(app.store.verificationTokens.size).toBe(0)
  })

  it('sets emailVerified on an existing user who had none', async () => {
    const app = await startApp({ strategy })
    await MemoryAdapter(app.store).createUser({
      id: 'user_grace',
      email: 'grace@example.com',
      emailVerified: null,
      name: 'Grace',
    })
    const client = app.client()
    await open(client, await requestLink(app, client, 'grace@example.com'))
    expect(await sessionEmail(client)).toBe('grace@example.com')
    const grace = app.store.users.get('user_grace')!
    expect(grace.emailVerified).toBeInstanceOf(Date)
    expect(grace.name).toBe('Grace')
    expect(app.store.users.size).toBe(1)
  })
})

describe('links that must not sign anyone in', () => {
  async function expectVerificationError(app: App, client: CookieClient, link: URL) {
    const landed = await open(client, link)
    expect(landed.pathname).toBe(`${basePath}/error`)
    expect(landed.searchParams.get('error')).toBe('Verification')
    expect(client.cookies.has(sessionCookie)).toBe(false)
    const page = await client.fetch(landed.pathname + landed.search)
    expect(page.status).toBe(403)
    expect(await page.text()).toContain('used already, or it expired')
  }

  it('refuses a link used before', async () => {
    const app = await startApp()
    const client = app.client()
    const link = await requestLink(app, client, 'ada@example.com')
    await open(client, link)
    expect(app.store.users.size).toBe(1)
    await expectVerificationError(app, app.client(), link)
    expect(app.store.users.size).toBe(1)
  })

  it('refuses an expired link', async () => {
    const app = await startApp()
    const client = app.client()
    const link = await requestLink(app, client, 'ada@example.com')
    for (const row of app.store.verificationTokens.values()) row.expires = new Date(Date.now() - 1)
    await expectVerificationError(app, client, link)
    expect(app.store.users.size).toBe(0)
  })

  it('refuses a foreign token and a token made with another secret', async () => {
    const store = createMemoryStore()
    const app = await startApp({ store })
    const client = app.client()
    const link = await requestLink(app, client, 'ada@example.com')

    const forged = new URL(link)
    forged.searchParams.set('token', '0'.repeat(64))
    await expectVerificationError(app, client, forged)

    // Another app, same adapter, different secret: its links are not this app's.
    const other = await startApp({ store, secret: 'a different secret for another application' })
    const foreign = await requestLink(other, other.client(), 'ada@example.com')
    const replayed = new URL(link)
    replayed.searchParams.set('token', foreign.searchParams.get('token')!)
    await expectVerificationError(app, client, replayed)
    expect(store.users.size).toBe(0)

    // The genuine link still works afterwards.
    expect((await open(client, link)).pathname).toBe('/dashboard')
  })

  it('refuses a link edited to name another address', async () => {
    const app = await startApp()
    const client = app.client()
    const link = await requestLink(app, client, 'ada@example.com')
    const edited = new URL(link)
    edited.searchParams.set('email', 'mallory@example.com')
    await expectVerificationError(app, client, edited)
    expect(app.store.users.size).toBe(0)
  })

  it('keeps the same-origin rule for the callbackUrl of a link', async () => {
    const app = await startApp()
    const client = app.client()
    const offsite = await requestLink(app, client, 'ada@example.com', 'https://evil.example/steal')
    expect((await open(client, offsite)).origin).toBe(app.url)

    const second = app.client()
    const link = await requestLink(app, second, 'ada@example.com')
    link.searchParams.set('callbackUrl', '//evil.example/steal')
    expect((await open(second, link)).origin).toBe(app.url)
  })
})

describe('sign-in requests that fail', () => {
  async function expectEmailSigninPage(app: App, client: CookieClient, response: Response) {
    expect(response.status).toBe(302)
    const landed = new URL(response.headers.get('location')!)
    expect(landed.origin).toBe(app.url)
    expect([`${basePath}/signin`, `${basePath}/error`]).toContain(landed.pathname)
    expect(landed.searchParams.get('error')).toBe('EmailSignin')
    const page = await client.fetch(landed.pathname + landed.search)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await page.text()
    expect(html).toContain(signInErrorMessage('EmailSignin'))
    expect(html).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED|Mailbox unavailable/)
    expect(client.cookies.has(sessionCookie)).toBe(false)
  }

  it('refuses a bad address without sending or storing anything', async () => {
    const app = await startApp()
    const sent = smtp.messages.length
    for (const address of [
      'a@b@example.com',
      'a@example.com,b@example.com',
      'not-an-address',
      '',
    ]) {
      const client = app.client()
      await expectEmailSigninPage(app, client, await postEmail(app, client, address))
    }
    expect(smtp.messages.length).toBe(sent)
    expect(app.store.users.size).toBe(0)
    expect(app.store.verificationTokens.size).toBe(0)
    expect(app.loggedCodes).toEqual(['EmailSignin', 'EmailSignin', 'EmailSignin', 'EmailSignin'])
  })

  it('shows a clear error and creates nothing when the SMTP server refuses the recipient', async () => {
    const app = await startApp()
    const client = app.client()
    await expectEmailSigninPage(app, client, await postEmail(app, client, 'refused@example.com'))
    expect(app.store.users.size).toBe(0)
    expect(app.store.verificationTokens.size).toBe(0)
    expect(app.loggedCodes).toEqual(['EmailSignin'])
  })

  it('shows a clear error and creates nothing when the SMTP server is down', async () => {
    const app = await startApp({ server: `smtp://127.0.0.1:${await closedPort()}` })
    const client = app.client()
    await expectEmailSigninPage(app, client, await postEmail(app, client, 'ada@example.com'))
    expect(app.store.users.size).toBe(0)
    expect(app.store.verificationTokens.size).toBe(0)
    expect(app.loggedCodes).toEqual(['EmailSignin'])
  })

  it('sends nothing without a valid CSRF token', async () => {
    const app = await startApp()
    const client = app.client()
    await client.csrfToken(basePath)
    const sent = smtp.messages.length
    for (const csrfToken of ['', 'forged-token']) {
      const response = await client.post(
        `${basePath}/signin/email`,
        { csrfToken, callbackUrl: '/', email: 'ada@example.com' },
        { origin: app.url },
      )
      expect(response.status).toBe(302)
      expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe(
        'MissingCSRF',
      )
    }
    expect(smtp.messages.length).toBe(sent)
    expect(app.store.verificationTokens.size).toBe(0)
  })
})

it('answers the same for registered and unregistered addresses', async () => {
  const app = await startApp()
  await MemoryAdapter(app.store).createUser({
    id: 'user_ada',
    email: 'ada@example.com',
    emailVerified: new Date(),
  })
  const describeResponse = async (email: string) => {
    const client = app.client()
    const response = await postEmail(app, client, email)
    await smtp.nextMessage()
    return {
      status: response.status,
      location: response.headers.get('location'),
      cookies: response.headers
        .getSetCookie()
        .map((line) => line.split('=')[0])
        .sort(),
      body: await response.text(),
    }
  }
  const registered = await describeResponse('ada@example.com')
  const unregistered = await describeResponse('nobody@example.com')
  expect(unregistered).toEqual(registered)
  expect(registered.location).toBe(`${app.url}${basePath}/verify-request?provider=email&type=email`)
})

describe.each(['database', 'jwt'] as const)(
  'email sign-in on SQLite through Drizzle, %s sessions',
  (strategy) => {
    function sqliteAdapter() {
      const sqlite = new Database(':memory:')
      sqlite.pragma('foreign_keys = ON')
      sqlite.exec(
        readFileSync('drizzle/sqlite/0000_init.sql', 'utf8').replaceAll(
          '--> statement-breakpoint',
          '',
        ),
      )
      return { sqlite, adapter: DrizzleAdapter(drizzle(sqlite)) }
    }

    it('creates, signs in again, refuses reuse, and stores only the token hash', async () => {
      const { sqlite, adapter } = sqliteAdapter()
      try {
        const app = await startApp({ strategy, adapter })
        const first = app.client()
        const link = await requestLink(app, first, 'Ada@Example.com')
        const token = link.searchParams.get('token')!
        const rows = sqlite.prepare('select * from verification_tokens').all() as Array<{
          token: string
        }>
        expect(rows).toHaveLength(1)
        expect(rows[0]!.token).not.toBe(token)
        expect(JSON.stringify(rows)).not.toContain(token)

        expect((await open(first, link)).href).toBe(`${app.url}/dashboard`)
        expect(await sessionEmail(first)).toBe('ada@example.com')
        const user = await adapter.getUserByEmail('ada@example.com')
        expect(user?.emailVerified).toBeInstanceOf(Date)
        expect(sqlite.prepare('select count(*) as n from verification_tokens').get()).toEqual({
          n: 0,
        })

        const reused = await open(app.client(), link)
        expect(reused.searchParams.get('error')).toBe('Verification')

        const second = app.client()
        await open(second, await requestLink(app, second, 'ada@example.com'))
        expect(await sessionEmail(second)).toBe('ada@example.com')
        expect(sqlite.prepare('select count(*) as n from users').get()).toEqual({ n: 1 })
      } finally {
        sqlite.close()
      }
    })

    it('creates no user when the SMTP server refuses', async () => {
      const { sqlite, adapter } = sqliteAdapter()
      try {
        const app = await startApp({ strategy, adapter })
        const client = app.client()
        const response = await postEmail(app, client, 'refused@example.com')
        expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe(
          'EmailSignin',
        )
        expect(sqlite.prepare('select count(*) as n from users').get()).toEqual({ n: 0 })
        expect(sqlite.prepare('select count(*) as n from verification_tokens').get()).toEqual({
          n: 0,
        })
      } finally {
        sqlite.close()
      }
    })
  },
)
