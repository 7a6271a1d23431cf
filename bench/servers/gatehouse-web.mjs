/**
 * Gatehouse as a fetch handler: `Auth(request, options)` from the build of src/
 * (bench/.work/build) through the same Web Request/Response glue as @auth/core, which is what a
 * Next.js route handler pays. Credentials sign-in; JWT sessions, or database sessions through its
 * Drizzle adapter on SQLite or PostgreSQL. servers/gatehouse.mjs mounts the same app with
 * `gatehouse/node`. With `uncached`, the app's `jwt.decode` is its own function (the built-in
 * decoder, wrapped), which turns off the decrypted-token cache.
 */
import { Auth, getSession } from '../.work/build/core.js'
import { decode } from '../.work/build/jwt.js'
import CredentialsProvider from '../.work/build/providers/credentials.js'
import { BASE_PATH, PASSWORD, SECRET, USER } from '../lib/fixtures.mjs'
import { nodeHandler } from '../lib/web-node.mjs'

export const label = 'Gatehouse Auth() through the Web glue'

async function databaseAdapter(db, { sqliteFile, reset = true }) {
  const { DrizzleAdapter } = await import('../.work/build/adapters/drizzle.js')
  const { openPostgres, openSqlite, runScript } = await import('../lib/db.mjs')
  const { insertUserSql, resetScript } = await import('../lib/schema.mjs')
  if (db === 'sqlite') {
    const { drizzle } = await import('drizzle-orm/better-sqlite3')
    const sqlite = openSqlite(sqliteFile)
    if (reset) {
      await runScript(sqlite, resetScript('gatehouse', 'sqlite'))
      sqlite.prepare(insertUserSql('gatehouse', 'sqlite')).run(USER.id, USER.name, USER.email)
    }
    return { adapter: DrizzleAdapter(drizzle(sqlite)), close: () => sqlite.close() }
  }
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const pool = openPostgres()
  if (reset) {
    await runScript(pool, resetScript('gatehouse', 'postgres'))
    await pool.query(insertUserSql('gatehouse', 'postgres'), [USER.id, USER.name, USER.email])
  }
  return { adapter: DrizzleAdapter(drizzle(pool)), close: () => pool.end() }
}

export async function createApp({ origin, db = 'memory', sqliteFile, reset, uncached = false }) {
  const store = db === 'memory' ? null : await databaseAdapter(db, { sqliteFile, reset })
  const options = {
    secret: SECRET,
    providers: [
      CredentialsProvider({
        credentials: {
          email: { label: 'Email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials) {
          return credentials?.email === USER.email && credentials?.password === PASSWORD
            ? USER
            : null
        },
      }),
    ],
    session: { strategy: store ? 'database' : 'jwt' },
    ...(uncached && { jwt: { decode: (params) => decode(params) } }),
    ...(store && { adapter: store.adapter }),
  }
  return {
    options,
    sessionPath: `${BASE_PATH}/session`,
    handler: nodeHandler((request) => Auth(request, options), origin),
    prepareRead(cookieHeader) {
      const request = new Request(`${origin}${BASE_PATH}/session`, {
        headers: { cookie: cookieHeader },
      })
      return async () => (await getSession(request, options))?.user?.email
    },
    close: () => store?.close(),
  }
}
