/**
 * better-auth 1.x: `toNodeHandler(auth)` from `better-auth/node`, the mount its documentation
 * gives for node:http servers; email and password sign-in. Its sessions always live in a database: its built-in
 * memory adapter for the JWT-session table, better-sqlite3 or pg for the database table. Rate
 * limiting is off, as it would refuse a load test from one address.
 */
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { SECRET } from '../lib/fixtures.mjs'
import { toNodeHandler } from 'better-auth/node'

export const label = 'better-auth'

// Own table names, so its tables and @auth/core's ("user", "session", ...) can share a database.
const MODELS = {
  user: { modelName: 'ba_user' },
  session: { modelName: 'ba_session' },
  account: { modelName: 'ba_account' },
  verification: { modelName: 'ba_verification' },
}
const TABLES = ['ba_verification', 'ba_account', 'ba_session', 'ba_user']

async function database(db, { sqliteFile, reset = true }) {
  const { openPostgres, openSqlite } = await import('../lib/db.mjs')
  if (db === 'sqlite') {
    const sqlite = openSqlite(sqliteFile)
    if (reset) for (const table of TABLES) sqlite.exec(`drop table if exists ${table}`)
    return { database: sqlite, close: () => sqlite.close() }
  }
  const pool = openPostgres()
  if (reset) for (const table of TABLES) await pool.query(`drop table if exists ${table} cascade`)
  return { database: pool, close: () => pool.end() }
}

export async function createApp({ origin, db = 'memory', sqliteFile, reset = true }) {
  const store =
    db === 'memory'
      ? { database: memoryAdapter({ user: [], session: [], account: [], verification: [] }) }
      : await database(db, { sqliteFile, reset })
  const auth = betterAuth({
    secret: SECRET,
    baseURL: origin,
    trustedOrigins: [origin],
    database: store.database,
    ...(db !== 'memory' && MODELS),
    emailAndPassword: { enabled: true },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
  })
  if (db !== 'memory' && reset) {
    const { getMigrations } = await import('better-auth/db/migration')
    const { runMigrations } = await getMigrations(auth.options)
    await runMigrations()
  }
  return {
    sessionPath: '/api/auth/get-session',
    handler: toNodeHandler(auth),
    prepareRead(cookieHeader) {
      const headers = new Headers({ cookie: cookieHeader })
      return async () => (await auth.api.getSession({ headers }))?.user?.email
    },
    close: () => store.close?.(),
  }
}
