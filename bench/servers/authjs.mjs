/**
 * @auth/core (Auth.js 5): `Auth(request, config)` on node:http through the same Web glue as
 * Gatehouse. JWT sessions with credentials sign-in; database sessions through
 * @auth/drizzle-adapter with its default tables, signed in by email link (Auth.js refuses
 * credentials with database sessions), the link caught by `sendVerificationRequest` and
 * served at `/__bench/last-link`.
 */
import { Auth } from '@auth/core'
import Credentials from '@auth/core/providers/credentials'
import { BASE_PATH, PASSWORD, SECRET, USER } from '../lib/fixtures.mjs'
import { nodeHandler } from '../lib/web-node.mjs'

export const label = '@auth/core'

async function databaseAdapter(db, { sqliteFile, reset = true }) {
  const { DrizzleAdapter } = await import('@auth/drizzle-adapter')
  const { openPostgres, openSqlite, runScript } = await import('../lib/db.mjs')
  const { insertUserSql, resetScript } = await import('../lib/schema.mjs')
  if (db === 'sqlite') {
    const { drizzle } = await import('drizzle-orm/better-sqlite3')
    const sqlite = openSqlite(sqliteFile)
    if (reset) {
      await runScript(sqlite, resetScript('authjs', 'sqlite'))
      sqlite.prepare(insertUserSql('authjs', 'sqlite')).run(USER.id, USER.name, USER.email)
    }
    return { adapter: DrizzleAdapter(drizzle(sqlite)), close: () => sqlite.close() }
  }
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const pool = openPostgres()
  if (reset) {
    await runScript(pool, resetScript('authjs', 'postgres'))
    await pool.query(insertUserSql('authjs', 'postgres'), [USER.id, USER.name, USER.email])
  }
  return { adapter: DrizzleAdapter(drizzle(pool)), close: () => pool.end() }
}

export async function createApp({ origin, db = 'memory', sqliteFile, reset }) {
  const store = db === 'memory' ? null : await databaseAdapter(db, { sqliteFile, reset })
  let lastLink = null
  const emailProvider = {
    id: 'email',
    type: 'email',
    name: 'Email',
    from: 'bench@example.com',
    maxAge: 24 * 60 * 60,
    options: {},
    async sendVerificationRequest({ url }) {
      lastLink = url
    },
  }
  const credentials = Credentials({
    credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
    async authorize(fields) {
      return fields?.email === USER.email && fields?.password === PASSWORD ? USER : null
    },
  })
  const config = {
    secret: SECRET,
    trustHost: true,
    basePath: BASE_PATH,
    providers: store ? [emailProvider] : [credentials],
    session: { strategy: store ? 'database' : 'jwt' },
    ...(store && { adapter: store.adapter }),
    logger: { error() {}, warn() {}, debug() {} },
  }
  const auth = nodeHandler((request) => Auth(request, config), origin)
  return {
    sessionPath: `${BASE_PATH}/session`,
    handler(req, res) {
      if (req.url === '/__bench/last-link') return res.end(JSON.stringify({ url: lastLink }))
      return auth(req, res)
    },
    prepareRead(cookieHeader) {
      const request = new Request(`${origin}${BASE_PATH}/session`, {
        headers: { cookie: cookieHeader },
      })
      return async () => (await (await Auth(request, config)).json())?.user?.email
    },
    close: () => store?.close(),
  }
}
