/**
 * Faults: a PostgreSQL server of the test's own (initdb on a spare port, run as the `postgres`
 * user) is stopped in the middle of a stream of requests and started again. While it is down,
 * requests fail with a clean JSON answer or page and a logged code, the process stays up, and
 * service resumes by itself once the server is back.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import { Auth } from '../../src/core/index.js'
import type { AuthOptions } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'
import { CookieClient, serve } from '../helpers/http.js'

function postgresBin(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const version = readdirSync(root).sort().at(-1)
  return version ? join(root, version, 'bin') : null
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const bin = postgresBin()
const canRun = bin !== null && process.getuid?.() === 0

describe.skipIf(!canRun && !process.env.CI)('a PostgreSQL outage mid-load', () => {
  const directory = mkdtempSync(join(tmpdir(), 'gatehouse-pg-'))
  const data = join(directory, 'data')
  let port = 0
  let pool: pg.Pool
  let server: Awaited<ReturnType<typeof serve>>
  const loggedCodes: string[] = []

  const asPostgres = (command: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', join(bin!, command), ...args], {
      stdio: 'pipe',
      timeout: 60_000,
    })
  const start = () =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(directory, 'log'),
      '-o',
      `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1`,
      'start',
    ])
  const stop = () => asPostgres('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop'])

  beforeAll(async () => {
    chmodSync(directory, 0o777)
    port = await freePort()
    asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'])
    start()

    pool = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
      max: 5,
      connectionTimeoutMillis: 2000,
    })
    // node-postgres emits errors of idle clients on the pool; an app must listen, or the
    // process ends. The docs of the adapters say so.
    pool.on('error', () => {})
    const db = drizzle(pool)
    await migrate(db, { migrationsFolder: 'drizzle/pg' })
    await pool.query(
      "INSERT INTO users (id, name, email) VALUES ('fault-user', 'Fault', 'fault@example.test')",
    )

    const options: AuthOptions = {
      secret: 'postgres-fault-secret',
      adapter: DrizzleAdapter(db),
      session: { strategy: 'database', updateAge: 0 },
      logger: { error: (code) => void loggedCodes.push(code), warn: () => {}, debug: () => {} },
      providers: [
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
    server = await serve((request) => Auth(request, options))
  }, 120_000)

  afterAll(async () => {
    await server?.close()
    await pool?.end().catch(() => {})
    try {
      stop()
    } catch {
      // already stopped
    }
    rmSync(directory, { recursive: true, force: true })
  })

  it('answers cleanly while the server is down and recovers by itself', async () => {
    const client = new CookieClient(server.url)
    const csrfToken = await client.csrfToken()
    const signedIn = await client.post('/api/auth/callback/credentials', {
      csrfToken,
      email: 'fault@example.test',
    })
    expect(new URL(signedIn.headers.get('location')!).searchParams.get('error')).toBeNull()
    expect((await client.session()).user).toMatchObject({ email: 'fault@example.test' })

    // A stream of session reads runs through the outage: each answers 200 or a clean 503.
    const statuses: number[] = []
    let streaming = true
    const stream = (async () => {
      while (streaming) {
        const response = await fetch(`${server.url}/api/auth/session`, {
          headers: { cookie: client.cookieHeader() },
        })
        statuses.push(response.status)
        await response.arrayBuffer()
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 300))

    stop()
    loggedCodes.length = 0
    const down = await client.fetch('/api/auth/session')
    expect(down.status).toBe(503)
    expect(await down.json()).toEqual({
      error: 'AdapterError',
      message: 'The request could not be completed.',
    })
    const form = await client.post('/api/auth/callback/credentials', {
      csrfToken,
      email: 'fault@example.test',
    })
    expect(form.status).toBe(302)
    expect(new URL(form.headers.get('location')!).searchParams.get('error')).toBeTruthy()
    const page = await client.fetch(
      new URL(form.headers.get('location')!).pathname +
        new URL(form.headers.get('location')!).search,
    )
    expect(page.status).toBeLessThan(500)
    expect(await page.text()).not.toMatch(/\n\s+at /)
    expect(loggedCodes.length).toBeGreaterThan(0)
    expect(loggedCodes.every((code) => typeof code === 'string' && code.length > 0)).toBe(true)

    start()
    const deadline = Date.now() + 20_000
    let recovered = false
    while (Date.now() < deadline && !recovered) {
      const response = await client.fetch('/api/auth/session')
      if (response.status === 200) {
        const body = (await response.json()) as { user?: { email?: string } }
        recovered = body.user?.email === 'fault@example.test'
      }
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(recovered).toBe(true)
    streaming = false
    await stream
    expect(statuses.length).toBeGreaterThan(3)
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([])
    expect(statuses).toContain(503)
    expect(statuses.at(-1)).toBe(200)
  }, 120_000)
})
