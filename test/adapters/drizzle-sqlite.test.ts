import { join } from 'node:path'
import { DrizzleAdapter as AuthJsDrizzleAdapter } from '@auth/drizzle-adapter'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import * as tables from '../../src/adapters/drizzle/sqlite-schema.js'
import type { Adapter } from '../../src/core/adapter.js'
import { AUTHJS_DRIZZLE_DIFFERENCES, AUTHJS_UNIMPLEMENTED } from './authjs-differences.js'
import { runAdapterConformance } from './conformance.js'
import { drizzleTablesDb } from './drizzle-db.js'
import { addExtendedColumns, sqliteUsers } from './drizzle-extended.js'

const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'sqlite')

const runs = [
  {
    name: 'gatehouse DrizzleAdapter (sqlite)',
    make: (db: BetterSQLite3Database) => DrizzleAdapter(db),
  },
  {
    name: 'gatehouse DrizzleAdapter (sqlite, custom users table)',
    make: (db: BetterSQLite3Database) => DrizzleAdapter(db, { usersTable: sqliteUsers }),
    extended: true,
  },
  {
    name: '@auth/drizzle-adapter (sqlite, default tables)',
    make: (db: BetterSQLite3Database): Adapter =>
      AuthJsDrizzleAdapter(db, {
        usersTable: sqliteUsers,
        accountsTable: tables.accounts,
        sessionsTable: tables.sessions,
        verificationTokensTable: tables.verificationTokens,
      }),
    extended: true,
    authjs: AUTHJS_DRIZZLE_DIFFERENCES.sqlite,
  },
]

for (const run of runs) {
  const client = new Database(':memory:')
  const db = drizzle(client)

  runAdapterConformance(run.name, {
    adapter: () => run.make(db),
    customUserFields: run.extended,
    unimplemented: run.authjs ? AUTHJS_UNIMPLEMENTED : [],
    expectedFailures: run.authjs,
    async setup() {
      migrate(db, { migrationsFolder })
      if (run.extended) for (const statement of addExtendedColumns.sqlite) client.exec(statement)
    },
    async teardown() {
      client.close()
    },
    db: drizzleTablesDb(
      async (sql, params) => client.prepare(sql).all(...params) as Array<Record<string, unknown>>,
    ),
  })
}
