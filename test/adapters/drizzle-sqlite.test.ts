import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import { runAdapterConformance } from './conformance.js'
import { drizzleTablesDb } from './drizzle-db.js'
import { addExtendedColumns, sqliteUsers } from './drizzle-extended.js'

const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'sqlite')

for (const extended of [false, true]) {
  const client = new Database(':memory:')
  const db = drizzle(client)

  runAdapterConformance(`drizzle (sqlite${extended ? ', custom users table' : ''})`, {
    adapter: () =>
      extended ? DrizzleAdapter(db, { usersTable: sqliteUsers }) : DrizzleAdapter(db),
    customUserFields: extended,
    async setup() {
      migrate(db, { migrationsFolder })
      if (extended) for (const statement of addExtendedColumns.sqlite) client.exec(statement)
    },
    async teardown() {
      client.close()
    },
    db: drizzleTablesDb(
      async (sql, params) => client.prepare(sql).all(...params) as Array<Record<string, unknown>>,
    ),
  })
}
