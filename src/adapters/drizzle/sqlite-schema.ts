/**
 * The default SQLite tables of the Drizzle adapter: `users`, `accounts`, `sessions` and
 * `verification_tokens` with snake_case columns, composite primary keys and cascade deletes.
 * Dates are stored as milliseconds since the epoch, so they round-trip exactly.
 *
 * @module
 */
import { relations } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Users. `email` is unique, and null for users whose provider gave no address.
 *
 * @example
 * ```ts
 * import { users } from 'gatehouse/adapters/drizzle/sqlite'
 * const [ada] = await db.select().from(users).where(eq(users.email, 'ada@example.com'))
 * ```
 */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name'),
  email: text('email').unique(),
  emailVerified: integer('email_verified', { mode: 'timestamp_ms' }),
  image: text('image'),
})

/**
 * Provider accounts linked to a user, keyed by (provider, provider_account_id).
 *
 * @example
 * ```ts
 * import { accounts } from 'gatehouse/adapters/drizzle/sqlite'
 * const linked = await db.select().from(accounts).where(eq(accounts.userId, userId))
 * ```
 */
export const accounts = sqliteTable(
  'accounts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
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
 * import { sessions } from 'gatehouse/adapters/drizzle/sqlite'
 * await db.delete(sessions).where(lt(sessions.expires, new Date()))
 * ```
 */
export const sessions = sqliteTable(
  'sessions',
  {
    sessionToken: text('session_token').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: integer('expires', { mode: 'timestamp_ms' }).notNull(),
  },
  (session) => [index('sessions_user_id_idx').on(session.userId)],
)

/**
 * Single-use email sign-in tokens, keyed by (identifier, token).
 *
 * @example
 * ```ts
 * import { verificationTokens } from 'gatehouse/adapters/drizzle/sqlite'
 * await db.delete(verificationTokens).where(lt(verificationTokens.expires, new Date()))
 * ```
 */
export const verificationTokens = sqliteTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: integer('expires', { mode: 'timestamp_ms' }).notNull(),
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
