/**
 * The Drizzle adapter: `DrizzleAdapter(db, tables?)` for drizzle-orm databases on PostgreSQL
 * (node-postgres, PGlite), MySQL and MariaDB (mysql2) and SQLite (better-sqlite3). The default
 * tables of each dialect are exported from `gatehouse/adapters/drizzle/pg`, `/mysql` and
 * `/sqlite`.
 *
 * @module
 */
import { is } from 'drizzle-orm'
import { MySqlDatabase } from 'drizzle-orm/mysql-core'
import { PgDatabase } from 'drizzle-orm/pg-core'
import { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { Adapter } from '../../core/adapter.js'
import { MySqlDrizzleAdapter, type AnyMySqlDatabase, type MySqlAuthTables } from './mysql.js'
import { PgDrizzleAdapter, type AnyPgDatabase, type PgAuthTables } from './pg.js'
import { SQLiteDrizzleAdapter, type AnySQLiteDatabase, type SQLiteAuthTables } from './sqlite.js'

export { MySqlDrizzleAdapter, PgDrizzleAdapter, SQLiteDrizzleAdapter }
export type * from './mysql.js'
export type * from './pg.js'
export type * from './sqlite.js'
/** The default tables of each dialect, also importable from `gatehouse/adapters/drizzle/<dialect>`. */
export * as mysqlSchema from './mysql-schema.js'
export * as pgSchema from './pg-schema.js'
export * as sqliteSchema from './sqlite-schema.js'

/** A Drizzle database of any supported dialect. */
export type AnyDrizzleDatabase = AnyPgDatabase | AnyMySqlDatabase | AnySQLiteDatabase

/** The custom tables that fit a database: the table types of its dialect. */
export type AuthTablesFor<D> = D extends AnyPgDatabase
  ? PgAuthTables
  : D extends AnyMySqlDatabase
    ? MySqlAuthTables
    : SQLiteAuthTables

/**
 * Creates an adapter that stores users, accounts, sessions and verification tokens through a
 * Drizzle database. The dialect is read from `db`. Without `tables` it uses the default
 * tables (`users`, `accounts`, `sessions`, `verification_tokens`); pass your own table
 * definitions to add columns, such as `role` or `bio` on users, or to rename tables.
 *
 * @example
 * ```ts
 * import { drizzle } from 'drizzle-orm/node-postgres'
 * import { DrizzleAdapter } from 'gatehouse/adapters/drizzle'
 * import { users, accounts, sessions, verificationTokens } from './db/schema'
 *
 * const db = drizzle(process.env.DATABASE_URL!)
 *
 * export const authOptions = {
 *   adapter: DrizzleAdapter(db, {
 *     usersTable: users,
 *     accountsTable: accounts,
 *     sessionsTable: sessions,
 *     verificationTokensTable: verificationTokens,
 *   }),
 *   session: { strategy: 'database' },
 *   providers: [],
 * }
 * ```
 */
export function DrizzleAdapter<D extends AnyDrizzleDatabase>(
  db: D,
  tables?: AuthTablesFor<D>,
): Required<Adapter> {
  if (is(db, PgDatabase)) return PgDrizzleAdapter(db, tables as PgAuthTables)
  if (is(db, MySqlDatabase)) return MySqlDrizzleAdapter(db, tables as MySqlAuthTables)
  if (is(db, BaseSQLiteDatabase)) return SQLiteDrizzleAdapter(db, tables as SQLiteAuthTables)
  throw new Error(
    'DrizzleAdapter supports PostgreSQL, MySQL and SQLite databases created with drizzle-orm; ' +
      'pass the value returned by drizzle().',
  )
}
