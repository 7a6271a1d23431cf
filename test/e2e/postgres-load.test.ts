/**
 * Load and races on a real PostgreSQL through the Drizzle adapter, bounded in count and time,
 * on 127.0.0.1 only: 500 concurrent first sign-ins of one new identity (email links and OAuth)
 * give exactly one user and at most one account with no orphan rows; 1,000 concurrent session
 * reads and updates lose nothing.
 */
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import type { AuthOptions } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'
import { createPgDatabase, shouldSkip } from '../adapters/databases.js'
import { startApp, type TestApp } from '../fixtures/oidc/app.js'
import { TestBrowser } from '../fixtures/oidc/browser.js'
import { startIdp, type TestIdp } from '../fixtures/oidc/idp.js'
import { authorizeAtProvider, completeCallback, startSignIn } from '../fixtures/oidc/sign-in.js'
import { CookieClient } from '../helpers/http.js'

const skip = await shouldSkip(5432)
const seenErrors = new Map<string, number>()
const silent = {
  error: (code: string, error: unknown) => {
    const inner = (
      error as { cause?: { message?: string; error?: string; error_description?: string } }
    )?.cause
    const cause = `${inner?.message} ${inner?.error ?? ''} ${inner?.error_description ?? ''}`
    const key = `${code}: ${cause}`
    seenErrors.set(key, (seenErrors.get(key) ?? 0) + 1)
  },
  warn: () => {},
  debug: () => {},
}

/** Runs `tasks` with at most `limit` in flight. */
async function pooled<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const index = next++
        results[index] = await task(index)
      }
    }),
  )
  return results
}

describe.skipIf(skip)('PostgreSQL under load', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>
  let pool: pg.Pool
  let idp: TestIdp
  let app: TestApp
  const links: string[] = []

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await pool.query(sql, params)).rows[0].n)

  beforeAll(async () => {
    database = await createPgDatabase('load')
    pool = new pg.Pool({ connectionString: database.url, max: 10 })
    const db = drizzle(pool)
    await migrate(db, { migrationsFolder: 'drizzle/pg' })

    app = await startApp({ providers: [], secret: 'unused' })
    idp = await startIdp({
      authorizationCodeTtl: 600,
      unboundedStorage: true,
      clients: [
        {
          client_id: 'load-app',
          client_secret: 'load-secret',
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_uris: [`${app.origin}/api/auth/callback/idp`],
        },
      ],
    })
    const options: AuthOptions = {
      secret: 'postgres-load-secret',
      adapter: DrizzleAdapter(db),
      session: { strategy: 'database' },
      logger: silent,
      providers: [
        {
          id: 'idp',
          name: 'Test IdP',
          type: 'oidc',
          issuer: idp.issuer,
          clientId: 'load-app',
          clientSecret: 'load-secret',
          allowInsecureRequests: true,
        } as AuthOptions['providers'][number],
        {
          id: 'email',
          name: 'Email',
          type: 'email',
          sendVerificationRequest: ({ url }) => void links.push(url),
        },
        CredentialsProvider({
          credentials: { email: { label: 'Email' } },
          async authorize(credentials) {
            const { rows } = await pool.query(
              'SELECT id, name, email FROM users WHERE email = $1',
              [credentials?.email],
            )
            return rows[0] ?? null
          },
        }),
      ],
    }
    app.options = options
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await idp?.close()
    await pool?.end()
    await database?.drop()
  })

  it('500 concurrent email sign-ins of one new address give one user, 500 sessions, no orphans', async () => {
    const address = 'race-email@example.test'
    const requester = new CookieClient(app.origin)
    const csrfToken = await requester.csrfToken()
    await pooled(500, 20, async () => {
      const response = await requester.post('/api/auth/signin/email', { csrfToken, email: address })
      expect(response.status).toBe(302)
    })
    expect(links).toHaveLength(500)

    const outcomes = await Promise.all(
      links.map(async (link) => {
        const response = await fetch(link, { redirect: 'manual' })
        return new URL(response.headers.get('location')!).searchParams.get('error') ?? 'ok'
      }),
    )
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(500)
    expect(await count('SELECT count(*) AS n FROM users WHERE email = $1', [address])).toBe(1)
    expect(
      await count('SELECT count(*) AS n FROM verification_tokens WHERE identifier = $1', [address]),
    ).toBe(0)
    expect(
      await count(
        'SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1',
        [address],
      ),
    ).toBe(500)
    expect(
      await count('SELECT count(*) AS n FROM sessions WHERE user_id NOT IN (SELECT id FROM users)'),
    ).toBe(0)
  }, 180_000)

  it('500 concurrent first OAuth sign-ins of one identity give one user and one account', async () => {
    idp.signInAs('grace')
    const browsers = await pooled(500, 10, async () => {
      const browser = new TestBrowser()
      const authorization = await startSignIn(browser, app, 'idp')
      const callback = await authorizeAtProvider(browser, app, authorization)
      return { browser, callback }
    })

    const outcomes = await Promise.all(
      browsers.map(async ({ browser, callback }) => {
        const landed = await completeCallback(browser, callback)
        return landed.searchParams.get('error') ?? 'ok'
      }),
    )
    const failures = outcomes.filter((outcome) => outcome !== 'ok')
    expect(failures, JSON.stringify([...seenErrors])).toEqual([])
    expect(await count("SELECT count(*) AS n FROM users WHERE email = 'grace@example.com'")).toBe(1)
    expect(
      await count(
        "SELECT count(*) AS n FROM accounts WHERE provider = 'idp' AND provider_account_id = 'grace'",
      ),
    ).toBe(1)
    expect(
      await count('SELECT count(*) AS n FROM accounts WHERE user_id NOT IN (SELECT id FROM users)'),
    ).toBe(0)
    expect(
      await count(
        'SELECT count(*) AS n FROM users u WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = u.id) AND u.email_verified IS NULL',
      ),
    ).toBe(0)
  }, 300_000)

  it('1,000 concurrent session reads and updates all see the user and keep one live session', async () => {
    await pool.query(
      "INSERT INTO users (id, name, email) VALUES ('load-user', 'Load', 'load@example.test')",
    )
    const client = new CookieClient(app.origin)
    const csrfToken = await client.csrfToken()
    const signedIn = await client.post('/api/auth/callback/credentials', {
      csrfToken,
      email: 'load@example.test',
    })
    expect(new URL(signedIn.headers.get('location')!).searchParams.get('error')).toBeNull()
    // Make every read due for the sliding update, the write path under contention.
    await pool.query(
      "UPDATE sessions SET expires = now() + interval '1 day' WHERE user_id = 'load-user'",
    )

    const results = await Promise.all(
      Array.from({ length: 1000 }, async (_, index) => {
        const response =
          index % 4 === 0
            ? await client.fetch('/api/auth/session', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ csrfToken, data: { index } }),
              })
            : await client.fetch('/api/auth/session')
        return {
          status: response.status,
          body: (await response.json()) as { user?: { email?: string } },
        }
      }),
    )
    expect(results.filter((result) => result.status !== 200)).toEqual([])
    expect(results.filter((result) => result.body.user?.email !== 'load@example.test')).toEqual([])
    expect(await count("SELECT count(*) AS n FROM sessions WHERE user_id = 'load-user'")).toBe(1)
    expect(
      await count(
        "SELECT count(*) AS n FROM sessions WHERE user_id = 'load-user' AND expires > now() + interval '29 days'",
      ),
    ).toBe(1)
  }, 120_000)
})
