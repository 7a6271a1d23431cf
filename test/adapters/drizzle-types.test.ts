/**
 * The Drizzle adapter's types: custom tables with extra columns fit, tables missing a column or
 * of another dialect do not. Checked by the type checker; the test only builds the adapters.
 */
import Database from 'better-sqlite3'
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { pgTable, text } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { sqliteTable, text as sqliteText } from 'drizzle-orm/sqlite-core'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { DrizzleAdapter, sqliteSchema } from '../../src/adapters/drizzle/index.js'
import { pgUsers, sqliteUsers } from './drizzle-extended.js'

describe('DrizzleAdapter types', () => {
  it('accepts custom tables with extra columns, and rejects wrong ones', () => {
    const sqlite = drizzleSqlite(new Database(':memory:'))
    const postgres = drizzlePg(new pg.Pool())

    const adapters = [
      DrizzleAdapter(sqlite),
      DrizzleAdapter(sqlite, { usersTable: sqliteUsers, sessionsTable: sqliteSchema.sessions }),
      DrizzleAdapter(postgres, { usersTable: pgUsers }),
      // @ts-expect-error a PostgreSQL table for an SQLite database
      DrizzleAdapter(sqlite, { usersTable: pgUsers }),
      DrizzleAdapter(sqlite, {
        // @ts-expect-error a users table without emailVerified and image
        usersTable: sqliteTable('users', {
          id: sqliteText('id').primaryKey(),
          name: sqliteText('name'),
          email: sqliteText('email'),
        }),
      }),
      DrizzleAdapter(postgres, {
        // @ts-expect-error sessions.expires must be a date column, not text
        sessionsTable: pgTable('sessions', {
          sessionToken: text('session_token').primaryKey(),
          userId: text('user_id').notNull(),
          expires: text('expires').notNull(),
        }),
      }),
    ]
    expect(adapters.every((adapter) => typeof adapter.getSessionAndUser === 'function')).toBe(true)
  })

  it('refuses a value that is not a Drizzle database', () => {
    // @ts-expect-error not a Drizzle database
    expect(() => DrizzleAdapter({ query: () => [] })).toThrow(/drizzle\(\)/)
  })
})
