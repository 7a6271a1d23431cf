import { join } from 'node:path'
import { DrizzleAdapter as AuthJsDrizzleAdapter } from '@auth/drizzle-adapter'
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2'
import { migrate } from 'drizzle-orm/mysql2/migrator'
import mysql from 'mysql2/promise'
import { describe } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import * as tables from '../../src/adapters/drizzle/mysql-schema.js'
import type { Adapter } from '../../src/core/adapter.js'
import { AUTHJS_DRIZZLE_DIFFERENCES, AUTHJS_UNIMPLEMENTED } from './authjs-differences.js'
import { runAdapterConformance } from './conformance.js'
import { createMariaDatabase, shouldSkip } from './databases.js'
import { drizzleTablesDb } from './drizzle-db.js'
import { addExtendedColumns, mysqlUsers } from './drizzle-extended.js'

const skip = await shouldSkip(3306)
const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'mysql')

const runs = [
  { name: 'gatehouse DrizzleAdapter (mariadb)', make: (db: MySql2Database) => DrizzleAdapter(db) },
  {
    name: 'gatehouse DrizzleAdapter (mariadb, custom users table)',
    make: (db: MySql2Database) => DrizzleAdapter(db, { usersTable: mysqlUsers }),
    extended: true,
  },
  {
    name: '@auth/drizzle-adapter (mariadb, default tables)',
    make: (db: MySql2Database): Adapter =>
      AuthJsDrizzleAdapter(db, {
        // Its MySQL table types insist on TIMESTAMP date columns; ours are DATETIME(3), which
        // keeps milliseconds, has no 2038 limit and no implicit ON UPDATE. It works at runtime.
        // @ts-expect-error DATETIME(3) emailVerified where the types want TIMESTAMP
        usersTable: mysqlUsers,
        accountsTable: tables.accounts,
        // @ts-expect-error DATETIME(3) expires where the types want TIMESTAMP
        sessionsTable: tables.sessions,
        // @ts-expect-error DATETIME(3) expires where the types want TIMESTAMP
        verificationTokensTable: tables.verificationTokens,
      }),
    extended: true,
    authjs: AUTHJS_DRIZZLE_DIFFERENCES.mysql,
  },
]

describe.skipIf(skip)('Drizzle on MariaDB (mysql2)', () => {
  for (const run of runs) {
    let database: Awaited<ReturnType<typeof createMariaDatabase>>
    let pool: mysql.Pool
    let db: MySql2Database

    runAdapterConformance(run.name, {
      adapter: () => run.make(db),
      customUserFields: run.extended,
      unimplemented: run.authjs ? AUTHJS_UNIMPLEMENTED : [],
      expectedFailures: run.authjs,
      async setup() {
        database = await createMariaDatabase('drizzle')
        pool = mysql.createPool({ uri: database.url, connectionLimit: 10 })
        db = drizzle(pool)
        await migrate(db, { migrationsFolder })
        if (run.extended) {
          for (const statement of addExtendedColumns.mysql) await pool.query(statement)
        }
      },
      async teardown() {
        await pool?.end()
        await database?.drop()
      },
      db: drizzleTablesDb(async (sql, params) => {
        const [rows] = await pool.query(sql, params)
        return rows as Array<Record<string, unknown>>
      }),
    })
  }
})
