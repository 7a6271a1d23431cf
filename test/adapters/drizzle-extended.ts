/**
 * Custom Drizzle users tables with the extended fields of the guide, `role` and `bio`, one per
 * dialect, and the SQL that adds those columns to the default tables.
 *
 * @module
 */
import { datetime, mysqlEnum, mysqlTable, text as mysqlText, varchar } from 'drizzle-orm/mysql-core'
import { pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { integer, sqliteTable, text as sqliteText } from 'drizzle-orm/sqlite-core'

export const roles = ['USER', 'ADMIN', 'MODERATOR'] as const

export const pgRole = pgEnum('role', roles)

export const pgUsers = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name'),
  email: text('email').notNull().unique(),
  emailVerified: timestamp('email_verified', { mode: 'date' }),
  image: text('image'),
  role: pgRole('role').notNull().default('USER'),
  bio: text('bio'),
})

export const mysqlUsers = mysqlTable('users', {
  id: varchar('id', { length: 255 }).primaryKey(),
  name: varchar('name', { length: 255 }),
  email: varchar('email', { length: 255 }).notNull().unique(),
  emailVerified: datetime('email_verified', { mode: 'date', fsp: 3 }),
  image: mysqlText('image'),
  role: mysqlEnum('role', roles).notNull().default('USER'),
  bio: mysqlText('bio'),
})

export const sqliteUsers = sqliteTable('users', {
  id: sqliteText('id').primaryKey(),
  name: sqliteText('name'),
  email: sqliteText('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'timestamp_ms' }),
  image: sqliteText('image'),
  role: sqliteText('role', { enum: roles }).notNull().default('USER'),
  bio: sqliteText('bio'),
})

/** Adds `role` and `bio` to a database migrated with the default tables. */
export const addExtendedColumns = {
  pg: [
    `CREATE TYPE role AS ENUM ('USER', 'ADMIN', 'MODERATOR')`,
    `ALTER TABLE users ADD COLUMN role role NOT NULL DEFAULT 'USER', ADD COLUMN bio text`,
  ],
  mysql: [
    `ALTER TABLE users ADD COLUMN role ENUM('USER', 'ADMIN', 'MODERATOR') NOT NULL DEFAULT 'USER', ADD COLUMN bio text`,
  ],
  sqlite: [
    `ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'USER'`,
    `ALTER TABLE users ADD COLUMN bio text`,
  ],
}
