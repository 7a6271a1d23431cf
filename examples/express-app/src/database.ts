/**
 * The example's database: SQLite in `.data/gatehouse.db` (created on first start) or
 * PostgreSQL when DATABASE_URL is set. Both through Gatehouse's Drizzle adapter with its default
 * tables, created by the repository's Drizzle migrations.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Adapter } from 'gatehouse/core'
import { DrizzleAdapter } from 'gatehouse/adapters/drizzle'

const here = path.dirname(fileURLToPath(import.meta.url))

/** The repository's migrations for each dialect. */
const migrations = path.resolve(here, '..', '..', '..', 'drizzle')

/** Where the example keeps its SQLite file and generated secret. */
export const dataDir = process.env.EXAMPLE_DATA_DIR ?? path.resolve(here, '..', '.data')

async function openSqlite(): Promise<{ adapter: Adapter; close: () => Promise<void> }> {
  const { default: Database } = await import('better-sqlite3')
  const { drizzle } = await import('drizzle-orm/better-sqlite3')
  const { migrate } = await import('drizzle-orm/better-sqlite3/migrator')

  mkdirSync(dataDir, { recursive: true })
  const sqlite = new Database(path.join(dataDir, 'gatehouse.db'))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  const db = drizzle(sqlite)
  migrate(db, { migrationsFolder: path.join(migrations, 'sqlite') })
  return { adapter: DrizzleAdapter(db), close: async () => void sqlite.close() }
}

async function openPostgres(
  url: string,
): Promise<{ adapter: Adapter; close: () => Promise<void> }> {
  const { default: pg } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const { migrate } = await import('drizzle-orm/node-postgres/migrator')

  const pool = new pg.Pool({ connectionString: url, max: 5 })
  const db = drizzle(pool)
  await migrate(db, { migrationsFolder: path.join(migrations, 'pg') })
  return { adapter: DrizzleAdapter(db), close: () => pool.end() }
}

/** Opens the database DATABASE_URL names, or the embedded SQLite file. */
export function openDatabase(): Promise<{ adapter: Adapter; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL
  return url ? openPostgres(url) : openSqlite()
}
