import { join } from 'node:path'
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2'
import { migrate } from 'drizzle-orm/mysql2/migrator'
import mysql from 'mysql2/promise'
import { describe } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import { runAdapterConformance } from './conformance.js'
import { createMariaDatabase, shouldSkip } from './databases.js'
import { drizzleTablesDb } from './drizzle-db.js'
import { addExtendedColumns, mysqlUsers } from './drizzle-extended.js'

const skip = await shouldSkip(3306)
const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'mysql')

describe.skipIf(skip)('Drizzle on MariaDB (mysql2)', () => {
  for (const extended of [false, true]) {
    let database: Awaited<ReturnType<typeof createMariaDatabase>>
    let pool: mysql.Pool
    let db: MySql2Database

    runAdapterConformance(`drizzle (mariadb${extended ? ', custom users table' : ''})`, {
      adapter: () =>
        extended ? DrizzleAdapter(db, { usersTable: mysqlUsers }) : DrizzleAdapter(db),
      customUserFields: extended,
      async setup() {
        database = await createMariaDatabase('drizzle')
        pool = mysql.createPool({ uri: database.url, connectionLimit: 10 })
        db = drizzle(pool)
        await migrate(db, { migrationsFolder })
        if (extended) for (const statement of addExtendedColumns.mysql) await pool.query(statement)
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
