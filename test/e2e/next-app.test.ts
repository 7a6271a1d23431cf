/**
 * The demo app in real Chromium against `next build && next start`: every page signed out and
 * signed in, each kind of provider (credentials, email magic link through real SMTP, OpenID
 * Connect against a real `oidc-provider`), the proxy-guarded route, a server action that
 * changes the session, and sign-out followed by a second tab.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// @ts-expect-error -- plain ESM scripts of the demo, without type declarations
import { appDir, ensureBuild, nextBin } from '../../examples/next-app/scripts/build.mjs'
// @ts-expect-error -- plain ESM scripts of the demo, without type declarations
import { startDevServices } from '../../examples/next-app/scripts/dev-services.mjs'

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
]
const artifactsDir = path.resolve('test-results', 'next-app')

let workDir: string
let appUrl: string
let server: ChildProcess
let services: { env: Record<string, string>; close: () => Promise<void> }
let browser: Browser

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Waits until the app answers its providers route. */
async function waitForApp(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`)
    const ok = await fetch(`${url}/api/auth/providers`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Starts `next start` for the built demo on a free port, with extra environment. */
async function startApp(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  const url = `http://localhost:${port}`
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: appDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET: 'gatehouse-e2e-secret-0123456789abcdef0123456789',
        NEXT_TELEMETRY_DISABLED: '1',
        ...env,
      },
    },
  )
  await waitForApp(`http://127.0.0.1:${port}`, child)
  return { url, child }
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'gh-next-e2e-'))
  mkdirSync(artifactsDir, { recursive: true })
  await ensureBuild({ log: () => {} })

  // The OAuth client registration needs the app's URL, so the port is chosen first.
  const port = await freePort()
  appUrl = `http://localhost:${port}`
  const dataDir = path.join(workDir, 'data')
  services = await startDevServices({ appUrl, dataDir })
  server = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: appDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        ...services.env,
        NEXTAUTH_URL: appUrl,
        NEXTAUTH_SECRET: 'gatehouse-e2e-secret-0123456789abcdef0123456789',
        DEMO_DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  )
  await waitForApp(`http://127.0.0.1:${port}`, server)

  const browserHome = path.join(workDir, 'browser')
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: chromiumFlags,
    env: {
      ...process.env,
      TMPDIR: browserHome,
      HOME: browserHome,
      XDG_CONFIG_HOME: path.join(browserHome, 'config'),
      XDG_CACHE_HOME: path.join(browserHome, 'cache'),
      XDG_DATA_HOME: path.join(browserHome, 'data'),
      XDG_RUNTIME_DIR: path.join(browserHome, 'runtime'),
    },
  })
}, 600_000)

afterAll(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
  await services?.close()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

/** A fresh browser profile: no cookies. */
async function newVisitor(baseURL = appUrl): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL })
  return { context, page: await context.newPage() }
}

/** Signs in through the demo's own sign-in page with email and password. */
async function signInWithPassword(
  page: Page,
  email: string,
  password: string,
  callbackUrl = '/dashboard',
) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`)
  await page.fill('#credentials-email', email)
  await page.fill('#credentials-password', password)
  await page.click('form[aria-label="Sign in with a password"] button[type="submit"]')
  await atPath(page, callbackUrl)
}

/** Waits until the page shows `path` (the path alone: a query naming it does not count). */
async function atPath(page: Page, path: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === path)
}

function pathOf(page: Page): string {
  const url = new URL(page.url())
  return url.pathname + url.search
}

describe('the demo app signed out', () => {
  it('shows the public pages and the custom sign-in page', async () => {
    const { context, page } = await newVisitor()
    await page.goto('/')
    expect(await page.textContent('h1')).toBe('Gatehouse demo')

    await page.goto('/login')
    await page.getByText('Continue with Dev OpenID provider').waitFor()
    expect(await page.isVisible('#credentials-email')).toBe(true)
    expect(await page.isVisible('#magic-email')).toBe(true)
    await page.screenshot({ path: path.join(artifactsDir, 'sign-in.png'), fullPage: true })

    await page.goto('/error?error=Verification')
    expect(await page.getByTestId('error-code').textContent()).toBe('Verification')
    await page.goto('/dev/mailbox')
    expect(await page.textContent('h1')).toBe('Dev mailbox')
    expect(await page.getByTestId('session-status').getAttribute('data-status')).toBe(
      'unauthenticated',
    )
    await context.close()
  })

  it('sends every protected page to sign-in', async () => {
    const { context, page } = await newVisitor()
    await page.goto('/dashboard')
    expect(pathOf(page)).toBe('/login')

    await page.goto('/profile')
    await atPath(page, '/login')
    expect(pathOf(page)).toBe('/login')

    await page.goto('/profile/edit')
    expect(pathOf(page)).toBe('/login?callbackUrl=/profile/edit')

    // The proxy guard, with the callback URL as withAuth builds it.
    await page.goto('/admin')
    expect(pathOf(page)).toBe('/login?callbackUrl=%2Fadmin')

    const api = await context.request.get('/api/profile')
    expect(api.status()).toBe(401)
    expect(await api.json()).toEqual({ error: 'Unauthorized' })
    await context.close()
  })

  it('answers a wrong password with an error and no session', async () => {
    const { context, page } = await newVisitor()
    await page.goto('/login')
    await page.fill('#credentials-email', 'alice@example.com')
    await page.fill('#credentials-password', 'not-her-password')
    await page.click('form[aria-label="Sign in with a password"] button[type="submit"]')
    await page.getByTestId('login-error').waitFor()
    expect(await page.getByTestId('login-error').textContent()).toContain('do not match')
    expect(pathOf(page)).toBe('/login')
    const cookies = await context.cookies()
    expect(cookies.some((cookie) => cookie.name === 'next-auth.session-token')).toBe(false)
    await context.close()
  })
})

describe('the demo app signed in', () => {
  it('signs in with a password and shows every page', async () => {
    const { context, page } = await newVisitor()
    await signInWithPassword(page, 'alice@example.com', 'alice-password')
    expect(await page.textContent('h1')).toBe('Welcome, Alice')
    expect(await page.getByTestId('dashboard-role').textContent()).toBe('user')
    await page.screenshot({ path: path.join(artifactsDir, 'dashboard.png'), fullPage: true })

    await page.goto('/profile')
    await page.getByTestId('profile-name').waitFor()
    expect(await page.getByTestId('profile-name').textContent()).toBe('Alice')

    await page.goto('/profile/edit')
    expect(await page.inputValue('#name')).toBe('Alice')

    const profile = await context.request.get('/api/profile')
    expect(profile.status()).toBe(200)
    expect((await profile.json()).user).toMatchObject({ email: 'alice@example.com', role: 'user' })

    // PATCH changes the bio but cannot change the role.
    const patched = await page.evaluate(async () => {
      const response = await fetch('/api/profile', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ bio: 'Patched bio', role: 'admin' }),
      })
      return { status: response.status, body: await response.json() }
    })
    expect(patched.status).toBe(200)
    expect(patched.body.user).toMatchObject({ bio: 'Patched bio', role: 'user' })

    // The public pages stay reachable signed in, with the session shown in the nav.
    for (const publicPath of ['/', '/login', '/error?error=AccessDenied', '/dev/mailbox']) {
      await page.goto(publicPath)
      await page.waitForFunction(
        () => document.querySelector('[data-testid="session-user"]') !== null,
      )
      expect(await page.getByTestId('session-user').textContent()).toBe('Alice (user)')
    }

    // A plain user is not let through the admin guard.
    await page.goto('/admin')
    expect(pathOf(page)).toBe('/login?callbackUrl=%2Fadmin')
    await context.close()
  })

  it('edits the profile through a server action and every useSession follows without a reload', async () => {
    const { context, page } = await newVisitor()
    await signInWithPassword(page, 'alice@example.com', 'alice-password', '/profile/edit')
    await page.getByTestId('session-user').waitFor()
    expect(await page.getByTestId('session-user').textContent()).toBe('Alice (user)')

    await page.evaluate(() => {
      ;(window as unknown as { notReloaded: boolean }).notReloaded = true
    })
    await page.fill('#name', 'Alice Edited')
    await page.fill('#bio', 'Edited through a server action')
    await page.click('form button[type="submit"]')
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="session-user"]')?.textContent ===
        'Alice Edited (user)',
    )
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true)

    await page.click('a[href="/profile"]')
    await page.getByTestId('profile-bio').waitFor()
    expect(await page.getByTestId('profile-name').textContent()).toBe('Alice Edited')
    expect(await page.getByTestId('profile-bio').textContent()).toBe(
      'Edited through a server action',
    )
    await context.close()
  })

  it('signs out, and a second tab follows', async () => {
    const { context, page } = await newVisitor()
    await signInWithPassword(page, 'admin@example.com', 'admin-password')
    const second = await context.newPage()
    await second.goto('/profile')
    await second.getByTestId('profile-name').waitFor()

    await page.click('header.nav button:has-text("Sign out")')
    await page.waitForURL(`${appUrl}/`)
    // The second tab hears of it over BroadcastChannel; its required session sends it away.
    await atPath(second, '/login')
    expect(await second.getByTestId('session-status').getAttribute('data-status')).toBe(
      'unauthenticated',
    )

    const session = await context.request.get('/api/auth/session')
    expect(await session.json()).toEqual({})
    await context.close()
  })

  it('lets an admin through the proxy guard with a database session', async () => {
    const { context, page } = await newVisitor()
    await signInWithPassword(page, 'admin@example.com', 'admin-password', '/admin')
    expect(await page.getByTestId('admin-welcome').textContent()).toContain('admin@example.com')
    await context.close()
  })

  it('signs in with a magic link sent over SMTP', async () => {
    const { context, page } = await newVisitor()
    await page.goto('/login?callbackUrl=/dashboard')
    await page.fill('#magic-email', 'bob@example.com')
    await page.click('form[aria-label="Sign in with a magic link"] button[type="submit"]')
    await page.getByTestId('email-sent').waitFor()

    await page.goto('/dev/mailbox')
    const mail = page.getByTestId('mail').filter({ hasText: 'bob@example.com' }).first()
    await mail.getByTestId('magic-link').click()
    await atPath(page, '/dashboard')
    expect(await page.textContent('main')).toContain('bob@example.com')
    expect(await page.getByTestId('dashboard-role').textContent()).toBe('user')

    // The link is single-use.
    await page.goto('/dev/mailbox')
    const href = await mail.getByTestId('magic-link').getAttribute('href')
    const other = await newVisitor()
    await other.page.goto(href!)
    expect(pathOf(other.page)).toBe('/error?error=Verification')
    await other.context.close()
    await context.close()
  })

  it('signs in with the dev OpenID provider', async () => {
    const { context, page } = await newVisitor()
    await page.goto('/login?callbackUrl=/dashboard')
    await page.click('text=Continue with Dev OpenID provider')
    await page.waitForURL(/localhost:\d+\/interaction\//)
    await page.fill('input[name="login"]', 'carol')
    await page.fill('input[name="password"]', 'anything')
    await page.click('button[type="submit"]')
    // The dev provider asks for consent once.
    await page.waitForURL(
      (url) => url.pathname.startsWith('/interaction/') || url.pathname === '/dashboard',
    )
    if (page.url().includes('/interaction/')) await page.click('button[type="submit"]')
    await atPath(page, '/dashboard')
    expect(await page.textContent('h1')).toBe('Welcome, Carol (OIDC)')
    await context.close()
  })
})

describe('the demo app on PostgreSQL (DATABASE_URL)', () => {
  const database = `gh_next_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  })
  let postgresApp: { url: string; child: ChildProcess } | undefined

  beforeAll(async () => {
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    postgresApp = await startApp({
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
      DEMO_SESSION_UPDATE_AGE: '0',
      GOOGLE_CLIENT_ID: 'google-client-id',
      GOOGLE_CLIENT_SECRET: 'google-client-secret',
      GITHUB_CLIENT_ID: 'github-client-id',
      GITHUB_CLIENT_SECRET: 'github-client-secret',
      DEMO_DATA_DIR: path.join(workDir, 'pg-data'),
    })
  }, 120_000)

  afterAll(async () => {
    postgresApp?.child.kill('SIGTERM')
    await new Promise((resolve) =>
      postgresApp?.child.exitCode !== null
        ? resolve(null)
        : postgresApp.child.once('exit', resolve),
    )
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  })

  it('creates its tables, seeds the users and keeps sessions and profile edits in PostgreSQL', async () => {
    const { context, page } = await newVisitor(postgresApp!.url)
    await page.goto('/login?callbackUrl=/profile/edit')
    await page.fill('#credentials-email', 'admin@example.com')
    await page.fill('#credentials-password', 'admin-password')
    await page.click('form[aria-label="Sign in with a password"] button[type="submit"]')
    await atPath(page, '/profile/edit')
    await page.fill('#bio', 'Stored in PostgreSQL')
    await Promise.all([
      page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' && response.url().endsWith('/profile/edit'),
      ),
      page.click('form button[type="submit"]'),
    ])
    await page.goto('/dashboard')
    expect(await page.textContent('main')).toContain('Stored in PostgreSQL')

    const rows = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database })
    await rows.connect()
    const users = await rows.query(
      `SELECT email, role, bio FROM users WHERE email = 'admin@example.com'`,
    )
    const sessions = await rows.query('SELECT count(*)::int AS count FROM sessions')
    await rows.end()
    expect(users.rows).toEqual([
      { email: 'admin@example.com', role: 'admin', bio: 'Stored in PostgreSQL' },
    ])
    expect(sessions.rows[0].count).toBe(1)
    await context.close()
  })

  it('getServerSession writes the extended session cookie in route handlers, not in server components', async () => {
    const { context, page } = await newVisitor(postgresApp!.url)
    await page.goto('/login?callbackUrl=/dashboard')
    await page.fill('#credentials-email', 'alice@example.com')
    await page.fill('#credentials-password', 'alice-password')
    await page.click('form[aria-label="Sign in with a password"] button[type="submit"]')
    await atPath(page, '/dashboard')

    const sessionCookies = (headers: { name: string; value: string }[]) =>
      headers.filter(
        (header) =>
          header.name === 'set-cookie' && header.value.startsWith('next-auth.session-token='),
      )
    // With updateAge 0 every read extends the session: the route handler passes the cookie on.
    const api = await context.request.get('/api/profile')
    expect(api.status()).toBe(200)
    expect(sessionCookies(api.headersArray())).toHaveLength(1)
    expect(sessionCookies(api.headersArray())[0]!.value).toMatch(/Expires=|Max-Age=/)

    // A server component cannot set cookies: the page renders, without a Set-Cookie.
    const pageResponse = await context.request.get('/dashboard')
    expect(pageResponse.status()).toBe(200)
    expect(await pageResponse.text()).toContain('data-testid="dashboard-role">user<')
    expect(sessionCookies(pageResponse.headersArray())).toHaveLength(0)
    await context.close()
  })

  it('turns Google and GitHub on from their env vars and sends the browser to GitHub', async () => {
    const { context, page } = await newVisitor(postgresApp!.url)
    // There is no network: catch the navigation to the provider and look at it. (Google is
    // found through OIDC discovery, which needs the network, so only its button is checked.)
    await context.route(/github\.com/, (route) => route.abort())
    await page.goto('/login?callbackUrl=/dashboard')
    await page.getByText('Continue with Google').waitFor()
    const [authorization] = await Promise.all([
      page.waitForRequest(/github\.com\/login\/oauth\/authorize/),
      page.click('text=Continue with GitHub'),
    ])
    const url = new URL(authorization.url())
    expect(url.searchParams.get('client_id')).toBe('github-client-id')
    expect(url.searchParams.get('redirect_uri')).toBe(
      `${postgresApp!.url}/api/auth/callback/github`,
    )
    expect(url.searchParams.get('state')).toMatch(/.{16,}/)
    await context.close()
  })
})
