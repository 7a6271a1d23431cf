/**
 * examples/express-app as a user runs it (`npm start` there, here with PORT=0 and a temporary
 * data directory): sign-in through its dev OpenID provider's own login and consent pages,
 * database sessions in SQLite, the protected API, the admin page, and sign-out.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestBrowser } from '../fixtures/oidc/browser.js'

const exampleDir = path.resolve(import.meta.dirname, '../../examples/express-app')
const postgresAdmin = 'postgresql://postgres@127.0.0.1:5432/postgres'

/** Runs the example like `npm start` does, with PORT=0; resolves to its URL and a stop. */
async function startExample(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gh-express-example-'))
  const child: ChildProcess = spawn(
    path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.json', 'src/server.ts'],
    {
      cwd: exampleDir,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        PORT: '0',
        EXAMPLE_DATA_DIR: dataDir,
        NEXTAUTH_SECRET: 'the express example test secret, long enough',
        DATABASE_URL: '',
        GOOGLE_CLIENT_ID: '',
        GITHUB_CLIENT_ID: '',
        ...env,
      },
    },
  )
  let url = ''
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /Gatehouse Express example: (\S+)/.exec(line)
    if (match?.[1]) {
      url = match[1]
      break
    }
  }
  if (!url) throw new Error('the example exited before printing its URL')
  return {
    url,
    async stop() {
      child.kill('SIGTERM')
      await once(child, 'exit')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The fields of the first POST form of a page, and where it posts. */
function formOf(html: string, pageUrl: URL): { action: URL; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html)
  if (!form?.[1]) throw new Error(`no form on ${pageUrl.href}`)
  const fields: Record<string, string> = {}
  for (const input of (form[2] ?? '').matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1]
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? ''
    if (name) fields[name] = value
  }
  return { action: new URL(form[1], pageUrl), fields }
}

/** Signs in at the dev provider as `login`, answering its login and consent pages. */
async function signInWithDevOidc(
  browser: TestBrowser,
  appUrl: string,
  login: string,
): Promise<URL> {
  const { csrfToken } = (await (await browser.request(`${appUrl}/api/auth/csrf`)).json()) as {
    csrfToken: string
  }
  const start = await browser.request(`${appUrl}/api/auth/signin/dev-oidc`, {
    form: { csrfToken, callbackUrl: `${appUrl}/dashboard` },
    headers: { origin: appUrl },
  })
  expect(start.status).toBe(302)
  let url = new URL(start.headers.get('location') ?? '')

  for (let step = 0; step < 12; step++) {
    const { url: reached, response } = await browser.follow(url, (location) =>
      location.href.startsWith(`${appUrl}/api/auth/callback/`),
    )
    if (!response) {
      const done = await browser.request(reached)
      return new URL(done.headers.get('location') ?? '', appUrl)
    }
    const { action, fields } = formOf(await response.text(), reached)
    if (fields.prompt === 'login') Object.assign(fields, { login, password: 'any' })
    const posted = await browser.request(action, { form: fields })
    url = new URL(posted.headers.get('location') ?? '', action)
  }
  throw new Error('the dev provider did not send the browser back')
}

describe.each([
  { database: 'SQLite (embedded default)', postgres: false },
  { database: 'PostgreSQL (DATABASE_URL)', postgres: true },
])('examples/express-app on $database', ({ postgres }) => {
  let appUrl: string
  let stop: () => Promise<void>
  const databaseName = `gh_express_${randomBytes(6).toString('hex')}`

  beforeAll(async () => {
    const env: Record<string, string> = {}
    if (postgres) {
      const admin = new pg.Client({ connectionString: postgresAdmin })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${databaseName}`)
      await admin.end()
      env.DATABASE_URL = `postgresql://postgres@127.0.0.1:5432/${databaseName}`
    }
    ;({ url: appUrl, stop } = await startExample(env))
  }, 120_000)

  afterAll(async () => {
    await stop()
    if (postgres) {
      const admin = new pg.Client({ connectionString: postgresAdmin })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
      await admin.end()
    }
  })

  it('guards its API and pages while signed out', async () => {
    const browser = new TestBrowser()
    const api = await browser.request(`${appUrl}/api/profile`)
    expect(api.status).toBe(401)
    expect(await api.json()).toEqual({ error: 'Unauthorized' })

    const page = await browser.request(`${appUrl}/dashboard`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/api/auth/signin?callbackUrl=%2Fdashboard')

    const providers = (await (
      await browser.request(`${appUrl}/api/auth/providers`)
    ).json()) as Record<string, unknown>
    expect(Object.keys(providers)).toEqual(['dev-oidc'])
  })

  it('signs a user in through the dev OpenID provider; the admin page stays closed', async () => {
    const browser = new TestBrowser()
    const landing = await signInWithDevOidc(browser, appUrl, 'ada')
    expect(landing.href).toBe(`${appUrl}/dashboard`)

    const profile = await browser.request(`${appUrl}/api/profile`)
    expect(await profile.json()).toMatchObject({
      user: { email: 'ada@oidc.localhost', name: 'Ada', role: 'user' },
    })
    const dashboard = await browser.request(`${appUrl}/dashboard`, {
      headers: { accept: 'text/html' },
    })
    expect(await dashboard.text()).toContain('Welcome, Ada.')
    expect((await browser.request(`${appUrl}/admin`)).status).toBe(403)

    if (postgres) {
      // The user and the database session are rows in the PostgreSQL database.
      const db = new pg.Client({
        connectionString: `postgresql://postgres@127.0.0.1:5432/${databaseName}`,
      })
      await db.connect()
      const users = await db.query<{ email: string }>('SELECT email FROM users')
      const sessions = await db.query('SELECT 1 FROM sessions')
      await db.end()
      expect(users.rows.map((row) => row.email)).toContain('ada@oidc.localhost')
      expect(sessions.rowCount).toBeGreaterThan(0)
    }
  })

  it('opens the admin page to an admin, and signs out', async () => {
    const browser = new TestBrowser()
    await signInWithDevOidc(browser, appUrl, 'admin')
    const admin = await browser.request(`${appUrl}/admin`, { headers: { accept: 'text/html' } })
    expect(admin.status).toBe(200)
    expect(await admin.text()).toContain('Only admins see this')

    const { csrfToken } = (await (await browser.request(`${appUrl}/api/auth/csrf`)).json()) as {
      csrfToken: string
    }
    const signOut = await browser.request(`${appUrl}/api/auth/signout`, {
      form: { csrfToken },
      headers: { origin: appUrl },
    })
    expect(signOut.status).toBe(302)
    expect((await browser.request(`${appUrl}/api/profile`)).status).toBe(401)
  })
})
