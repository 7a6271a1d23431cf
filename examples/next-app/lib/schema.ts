/**
 * The demo's tables: Gatehouse's default Drizzle tables, with `role` and `bio` added to users.
 * One set per dialect: SQLite (the embedded default) and PostgreSQL (when DATABASE_URL is set).
 */
import { pgSchema, sqliteSchema } from 'gatehouse/adapters/drizzle'
import { pgTable, text as pgText, timestamp } from 'drizzle-orm/pg-core'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const sqliteUsers = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name'),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'timestamp_ms' }),
  image: text('image'),
  role: text('role', { enum: ['user', 'admin'] })
    .notNull()
    .default('user'),
  bio: text('bio'),
})

export const pgUsers = pgTable('users', {
  id: pgText('id').primaryKey(),
  name: pgText('name'),
  email: pgText('email').notNull().unique(),
  emailVerified: timestamp('email_verified', { mode: 'date' }),
  image: pgText('image'),
  role: pgText('role', { enum: ['user', 'admin'] })
    .notNull()
    .default('user'),
  bio: pgText('bio'),
})

export const sqliteTables = {
  usersTable: sqliteUsers,
  accountsTable: sqliteSchema.accounts,
  sessionsTable: sqliteSchema.sessions,
  verificationTokensTable: sqliteSchema.verificationTokens,
}

export const pgTables = {
  usersTable: pgUsers,
  accountsTable: pgSchema.accounts,
  sessionsTable: pgSchema.sessions,
  verificationTokensTable: pgSchema.verificationTokens,
}
