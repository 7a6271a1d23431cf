/**
 * The demo's database: SQLite in `.data/gatehouse.db` by default, created on first use, or
 * PostgreSQL when DATABASE_URL is set. Both go through Gatehouse's Drizzle adapter, whose
 * migrations (in the repository's `drizzle/` folder) create the tables; the demo then adds its
 * `role` and `bio` columns and seeds the demo users.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'

import type { Adapter, AdapterUser } from 'gatehouse/core'
import { DrizzleAdapter } from 'gatehouse/adapters/drizzle'

import { dataDir } from './data-dir'
import { demoUsers } from './demo-users'
import { pgTables, sqliteTables } from './schema'

type DemoAdapter = Required<Adapter>

/** The repository's Drizzle migrations; `next start` runs in examples/next-app. */
const migrationsDir =
  process.env.DEMO_MIGRATIONS_DIR ?? path.resolve(process.cwd(), '..', '..', 'drizzle')

/** Opens (and on first start creates) the embedded SQLite database. */
async function openSqlite(): Promise<DemoAdapter> {
  const { default: Database } = await import('better-sqlite3')
  const { drizzle } = await import('drizzle-orm/better-sqlite3')
  const { migrate } = await import('drizzle-orm/better-sqlite3/migrator')

  mkdirSync(dataDir, { recursive: true })
  const sqlite = new Database(path.join(dataDir, 'gatehouse.db'))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  const db = drizzle(sqlite)
  migrate(db, { migrationsFolder: path.join(migrationsDir, 'sqlite') })

  const columns = new Set(
    (sqlite.pragma('table_info(users)') as Array<{ name: string }>).map((column) => column.name),
  )
  if (!columns.has('role'))
    sqlite.exec(`ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'user'`)
  if (!columns.has('bio')) sqlite.exec('ALTER TABLE users ADD COLUMN bio text')
  return DrizzleAdapter(db, sqliteTables)
}

/** Connects to PostgreSQL at DATABASE_URL and brings its tables up to date. */
async function openPostgres(url: string): Promise<DemoAdapter> {
  const { Pool } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const { migrate } = await import('drizzle-orm/node-postgres/migrator')

  const pool = new Pool({ connectionString: url, max: 5 })
  const db = drizzle(pool)
  await migrate(db, { migrationsFolder: path.join(migrationsDir, 'pg') })
  await pool.query(
    `ALTER TABLE users ADD COLUMN IF NOT EXISTS role text NOT NULL DEFAULT 'user', ADD COLUMN IF NOT EXISTS bio text`,
  )
  return DrizzleAdapter(db, pgTables)
}

/** Adds the demo users that are missing. */
async function seed(adapter: DemoAdapter): Promise<void> {
  for (const user of demoUsers) {
    if (await adapter.getUserByEmail(user.email)) continue
    await adapter.createUser({
      id: randomUUID(),
      email: user.email,
      name: user.name,
      emailVerified: new Date(),
      image: null,
      role: user.role,
      bio: user.bio,
    } as AdapterUser)
  }
}

async function openDatabase(): Promise<DemoAdapter> {
  const url = process.env.DATABASE_URL
  const adapter = url ? await openPostgres(url) : await openSqlite()
  await seed(adapter)
  return adapter
}

// One database per process, opened on first use: not at import, which `next build` also does.
const globalForDb = globalThis as typeof globalThis & { gatehouseDemoDb?: Promise<DemoAdapter> }
const database = () => (globalForDb.gatehouseDemoDb ??= openDatabase())

const adapterMethods = [
  'createUser',
  'getUser',
  'getUserByEmail',
  'getUserByAccount',
  'updateUser',
  'deleteUser',
  'linkAccount',
  'unlinkAccount',
  'getAccount',
  'createSession',
  'getSessionAndUser',
  'updateSession',
  'deleteSession',
  'createVerificationToken',
  'useVerificationToken',
  'listAccountsByUserId',
  'updateAccount',
] as const satisfies ReadonlyArray<keyof DemoAdapter>

/** The adapter the auth options use, also the demo's way to read and change users. */
export const adapter = Object.fromEntries(
  adapterMethods.map((method) => [
    method,
    async (...args: unknown[]) => {
      const opened = await database()
      return (opened[method] as (...params: unknown[]) => unknown)(...args)
    },
  ]),
) as unknown as DemoAdapter

/** Resolves when the database is open and seeded. */
export const databaseReady = (): Promise<unknown> => database()
