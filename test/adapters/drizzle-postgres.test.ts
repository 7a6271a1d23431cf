import { join } from 'node:path'
import { DrizzleAdapter as AuthJsDrizzleAdapter } from '@auth/drizzle-adapter'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { describe } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import * as tables from '../../src/adapters/drizzle/pg-schema.js'
import type { Adapter } from '../../src/core/adapter.js'
import { AUTHJS_DRIZZLE_DIFFERENCES, AUTHJS_UNIMPLEMENTED } from './authjs-differences.js'
import { runAdapterConformance } from './conformance.js'
import { createPgDatabase, shouldSkip } from './databases.js'
import { drizzleTablesDb, numbered } from './drizzle-db.js'
import { addExtendedColumns, pgUsers } from './drizzle-extended.js'

const skip = await shouldSkip(5432)
const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'pg')

/** The adapter under test, the custom users table it gets, and what it is known to differ in. */
const runs = [
  {
    name: 'gatehouse DrizzleAdapter (postgresql)',
    make: (db: NodePgDatabase) => DrizzleAdapter(db),
  },
  {
    name: 'gatehouse DrizzleAdapter (postgresql, custom users table)',
    make: (db: NodePgDatabase) => DrizzleAdapter(db, { usersTable: pgUsers }),
    extended: true,
  },
  {
    name: '@auth/drizzle-adapter (postgresql, default tables)',
    make: (db: NodePgDatabase): Adapter =>
      AuthJsDrizzleAdapter(db, {
        usersTable: pgUsers,
        accountsTable: tables.accounts,
        sessionsTable: tables.sessions,
        verificationTokensTable: tables.verificationTokens,
      }),
    extended: true,
    authjs: AUTHJS_DRIZZLE_DIFFERENCES.pg,
  },
]

describe.skipIf(skip)('Drizzle on PostgreSQL (node-postgres)', () => {
  for (const run of runs) {
    let database: Awaited<ReturnType<typeof createPgDatabase>>
    let pool: pg.Pool
    let db: NodePgDatabase

    runAdapterConformance(run.name, {
      adapter: () => run.make(db),
      customUserFields: run.extended,
      unimplemented: run.authjs ? AUTHJS_UNIMPLEMENTED : [],
      expectedFailures: run.authjs,
      async setup() {
        database = await createPgDatabase('drizzle')
        pool = new pg.Pool({ connectionString: database.url })
        db = drizzle(pool)
        await migrate(db, { migrationsFolder })
        if (run.extended) for (const statement of addExtendedColumns.pg) await pool.query(statement)
      },
      async teardown() {
        await pool?.end()
        await database?.drop()
      },
      db: drizzleTablesDb(async (sql, params) => (await pool.query(numbered(sql), params)).rows),
    })
  }
})
