import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import { runAdapterConformance } from './conformance.js'
import { drizzleTablesDb, numbered } from './drizzle-db.js'

// One PGlite for the file: it takes seconds to start.
const client = new PGlite()
const db = drizzle(client)

runAdapterConformance('drizzle (pglite)', {
  adapter: () => DrizzleAdapter(db),
  async setup() {
    await migrate(db, { migrationsFolder: join(import.meta.dirname, '..', '..', 'drizzle', 'pg') })
  },
  async teardown() {
    await client.close()
  },
  db: drizzleTablesDb(
    async (sql, params) =>
      (await client.query<Record<string, unknown>>(numbered(sql), params)).rows,
  ),
})
