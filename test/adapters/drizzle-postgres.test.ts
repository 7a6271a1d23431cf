import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { describe } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import { runAdapterConformance } from './conformance.js'
import { createPgDatabase, shouldSkip } from './databases.js'
import { drizzleTablesDb, numbered } from './drizzle-db.js'
import { addExtendedColumns, pgUsers } from './drizzle-extended.js'

const skip = await shouldSkip(5432)
const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'pg')

describe.skipIf(skip)('Drizzle on PostgreSQL (node-postgres)', () => {
  for (const extended of [false, true]) {
    let database: Awaited<ReturnType<typeof createPgDatabase>>
    let pool: pg.Pool
    let db: ReturnType<typeof drizzle>

    runAdapterConformance(`drizzle (postgresql${extended ? ', custom users table' : ''})`, {
      adapter: () => (extended ? DrizzleAdapter(db, { usersTable: pgUsers }) : DrizzleAdapter(db)),
      customUserFields: extended,
      async setup() {
        database = await createPgDatabase('drizzle')
        pool = new pg.Pool({ connectionString: database.url })
        db = drizzle(pool)
        await migrate(db, { migrationsFolder })
        if (extended) for (const statement of addExtendedColumns.pg) await pool.query(statement)
      },
      async teardown() {
        await pool?.end()
        await database?.drop()
      },
      db: drizzleTablesDb(async (sql, params) => (await pool.query(numbered(sql), params)).rows),
    })
  }
})
