/**
 * The default MySQL (and MariaDB) tables of the Drizzle adapter: `users`, `accounts`, `sessions` and
 * `verification_tokens` with snake_case columns, composite primary keys and cascade deletes.
 * Dates keep milliseconds (`datetime(3)`); create the database in utf8mb4 so any text fits.
 *
 * @module
 */
import { relations } from 'drizzle-orm'
import { datetime, index, int, mysqlTable, primaryKey, text, varchar } from 'drizzle-orm/mysql-core'

/**
 * Users. `email` is unique, and null for users whose provider gave no address.
 *
 * @example
 * ```ts
 * import { users } from 'gatehouse/adapters/drizzle/mysql'
 * const [ada] = await db.select().from(users).where(eq(users.email, 'ada@example.com'))
 * ```
 */
export const users = mysqlTable('users', {
  id: varchar('id', { length: 255 }).primaryKey(),
  name: varchar('name', { length: 255 }),
  email: varchar('email', { length: 255 }).unique(),
  emailVerified: datetime('email_verified', { mode: 'date', fsp: 3 }),
  image: text('image'),
})

/**
 * Provider accounts linked to a user, keyed by (provider, provider_account_id).
 *
 * @example
 * ```ts
 * import { accounts } from 'gatehouse/adapters/drizzle/mysql'
 * const linked = await db.select().from(accounts).where(eq(accounts.userId, userId))
 * ```
 */
export const accounts = mysqlTable(
  'accounts',
  {
    userId: varchar('user_id', { length: 255 })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: varchar('type', { length: 255 }).notNull(),
    provider: varchar('provider', { length: 255 }).notNull(),
    providerAccountId: varchar('provider_account_id', { length: 255 }).notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: int('expires_at'),
    token_type: varchar('token_type', { length: 255 }),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: varchar('session_state', { length: 255 }),
  },
  (account) => [
    primaryKey({ columns: [account.provider, account.providerAccountId] }),
    index('accounts_user_id_idx').on(account.userId),
  ],
)

/**
 * Database sessions, keyed by the token in the session cookie.
 *
 * @example
 * ```ts
 * import { sessions } from 'gatehouse/adapters/drizzle/mysql'
 * await db.delete(sessions).where(lt(sessions.expires, new Date()))
 * ```
 */
export const sessions = mysqlTable(
  'sessions',
  {
    sessionToken: varchar('session_token', { length: 255 }).primaryKey(),
    userId: varchar('user_id', { length: 255 })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: datetime('expires', { mode: 'date', fsp: 3 }).notNull(),
  },
  (session) => [index('sessions_user_id_idx').on(session.userId)],
)

/**
 * Single-use email sign-in tokens, keyed by (identifier, token).
 *
 * @example
 * ```ts
 * import { verificationTokens } from 'gatehouse/adapters/drizzle/mysql'
 * await db.delete(verificationTokens).where(lt(verificationTokens.expires, new Date()))
 * ```
 */
export const verificationTokens = mysqlTable(
  'verification_tokens',
  {
    identifier: varchar('identifier', { length: 255 }).notNull(),
    token: varchar('token', { length: 255 }).notNull(),
    expires: datetime('expires', { mode: 'date', fsp: 3 }).notNull(),
  },
  (verificationToken) => [
    primaryKey({ columns: [verificationToken.identifier, verificationToken.token] }),
  ],
)

/**
 * A user's accounts and sessions, for Drizzle's relational queries.
 *
 * @example
 * ```ts
 * const db = drizzle(pool, { schema: { users, accounts, sessions, usersRelations } })
 * ```
 */
export const usersRelations = relations(users, ({ many }) => ({
  accounts: many(accounts),
  sessions: many(sessions),
}))

/**
 * The user of an account.
 *
 * @example
 * ```ts
 * const db = drizzle(pool, { schema: { users, accounts, accountsRelations } })
 * ```
 */
export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}))

/**
 * The user of a session.
 *
 * @example
 * ```ts
 * const db = drizzle(pool, { schema: { users, sessions, sessionsRelations } })
 * ```
 */
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}))
