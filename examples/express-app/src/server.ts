/**
 * `npm start` in examples/express-app: the Express example on http://localhost:4000 (or $PORT).
 * It starts a dev OpenID provider on loopback (unless DEV_OIDC=off), opens the database, and
 * serves the auth routes at /api/auth with a protected API and an admin page.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import express from 'express'
import { ExpressAuth, getSession, requireAuth, requireRole } from 'gatehouse/express'
import { basePath, createAuthOptions } from './auth.js'
import { dataDir, openDatabase } from './database.js'
import { startDevOidc } from './dev-oidc.js'
import { adminPage, dashboardPage, homePage } from './pages.js'

/** NEXTAUTH_SECRET, or a secret generated on first start and kept in .data/secret. */
function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET
  const file = path.join(dataDir, 'secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

const server = createServer()
await new Promise<void>((resolve) =>
  server.listen(Number(process.env.PORT ?? 4000), process.env.HOST ?? '127.0.0.1', resolve),
)
const { port } = server.address() as AddressInfo
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`

const devOidc =
  process.env.DEV_OIDC === 'off'
    ? undefined
    : await startDevOidc({ redirectUris: callbackUrls(port, 'dev-oidc') })
const database = await openDatabase()
const authOptions = createAuthOptions({
  adapter: database.adapter,
  secret: sessionSecret(),
  devIssuer: devOidc?.issuer,
})

/** The callback URLs of a provider for the ways this machine reaches the app. */
function callbackUrls(appPort: number, providerId: string): string[] {
  const origins = new Set([appUrl, `http://localhost:${appPort}`, `http://127.0.0.1:${appPort}`])
  return [...origins].map((origin) => `${origin}${basePath}/callback/${providerId}`)
}

const app = express()
// Behind a reverse proxy, say which one to trust, e.g. TRUST_PROXY=1 (one hop) or loopback.
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)

app.use(basePath, ExpressAuth(authOptions))

app.get('/', async (req, res) => {
  res.type('html').send(homePage(await getSession(req, authOptions), basePath))
})

// A page: signed-out visitors are sent to the sign-in page and brought back.
app.get('/dashboard', requireAuth(authOptions), (req, res) => {
  res.type('html').send(dashboardPage(res.locals.session!))
})

// An API: signed out, 401 {"error":"Unauthorized"}.
app.get('/api/profile', requireAuth(authOptions), (req, res) => {
  res.json({ user: req.auth?.user })
})

// Admins only: 403 {"error":"Forbidden"} for everyone else who is signed in.
app.get('/admin', requireRole(authOptions, 'admin'), (req, res) => {
  res.type('html').send(adminPage(res.locals.session!))
})

server.on('request', app)

const shutdown = async () => {
  server.close()
  await devOidc?.close()
  await database.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown())
process.once('SIGTERM', () => void shutdown())

console.log(`Gatehouse Express example: ${appUrl}`)
console.log(
  `  database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${dataDir}`}`,
)
console.log(
  `  providers: ${authOptions.providers.map((provider) => provider.id).join(', ') || 'none'}`,
)
if (devOidc)
  console.log(`  dev OpenID provider: ${devOidc.issuer} (any login name; "admin" is an admin)`)
