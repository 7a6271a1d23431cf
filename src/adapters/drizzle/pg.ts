/**
 * The Drizzle adapter for PostgreSQL databases: node-postgres, PGlite and any other driver
 * Drizzle's `pg-core` supports.
 *
 * @module
 */
import { and, eq, getTableName, sql } from 'drizzle-orm'
import type { AnyPgColumn, PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core'
import type { Adapter, AdapterAccount } from '../../core/adapter.js'
import { withSafeErrors } from './errors.js'
import * as defaults from './pg-schema.js'
import { toAccount, toSession, toUser, toVerificationToken, withoutUndefined } from './rows.js'

type Text = AnyPgColumn<{ data: string }>
type Timestamp = AnyPgColumn<{ data: Date }>
type Integer = AnyPgColumn<{ data: number }>

/** A users table: the default columns, and any others the app adds. */
export type PgUsersTable = PgTable & {
  id: Text
  name: Text
  email: Text
  emailVerified: Timestamp
  image: Text
}

/** An accounts table with at least the default columns. */
export type PgAccountsTable = PgTable & {
  userId: Text
  type: Text
  provider: Text
  providerAccountId: Text
  refresh_token: Text
  access_token: Text
  expires_at: Integer
  token_type: Text
  scope: Text
  id_token: Text
  session_state: Text
}

/** A sessions table with at least the default columns. */
export type PgSessionsTable = PgTable & { sessionToken: Text; userId: Text; expires: Timestamp }

/** A verification tokens table with at least the default columns. */
export type PgVerificationTokensTable = PgTable & {
  identifier: Text
  token: Text
  expires: Timestamp
}

/** The tables a PostgreSQL adapter uses; each defaults to the one of `pg-schema`. */
export interface PgAuthTables {
  usersTable?: PgUsersTable
  accountsTable?: PgAccountsTable
  sessionsTable?: PgSessionsTable
  verificationTokensTable?: PgVerificationTokensTable
}

/** Any Drizzle PostgreSQL database, whatever its driver and schema. */
export type AnyPgDatabase = PgDatabase<PgQueryResultHKT, Record<string, unknown>>

/**
 * Creates the adapter for a Drizzle PostgreSQL database. `DrizzleAdapter` calls it when it
 * detects PostgreSQL; call it directly to skip the detection.
 *
 * @example
 * ```ts
 * import { drizzle } from 'drizzle-orm/node-postgres'
 * import { PgDrizzleAdapter } from 'gatehouse/adapters/drizzle'
 *
 * const adapter = PgDrizzleAdapter(drizzle(process.env.DATABASE_URL!))
 * ```
 */
export function PgDrizzleAdapter(db: AnyPgDatabase, tables: PgAuthTables = {}): Required<Adapter> {
  const users: PgUsersTable = tables.usersTable ?? defaults.users
  const accounts: PgAccountsTable = tables.accountsTable ?? defaults.accounts
  const sessions: PgSessionsTable = tables.sessionsTable ?? defaults.sessions
  const tokens: PgVerificationTokensTable =
    tables.verificationTokensTable ?? defaults.verificationTokens

  const accountIs = (provider: string, providerAccountId: string) =>
    and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId))
  const first = <T>(rows: T[]): T | null => rows[0] ?? null

  // Every page view reads a session: build that one query once, as a named prepared statement.
  const sessionAndUserQuery = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.sessionToken, sql.placeholder('sessionToken')))
  const statementName = `gatehouse_session_user_${getTableName(sessions)}_${getTableName(users)}`
  let sessionAndUser: ReturnType<typeof sessionAndUserQuery.prepare> | undefined

  return withSafeErrors({
    async createUser(user) {
      const values = withoutUndefined(user) as typeof users.$inferInsert
      const rows = await db.insert(users).values(values).returning()
      return toUser(rows[0]!)!
    },

    async getUser(id) {
      const rows = await db.select().from(users).where(eq(users.id, id))
      return toUser(first(rows))
    },

    async getUserByEmail(email) {
      const rows = await db.select().from(users).where(eq(users.email, email))
      return toUser(first(rows))
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const rows = await db
        .select({ user: users })
        .from(accounts)
        .innerJoin(users, eq(accounts.userId, users.id))
        .where(accountIs(provider, providerAccountId))
      return toUser(first(rows)?.user ?? null)
    },

    async updateUser({ id, ...fields }) {
      const set = withoutUndefined(fields) as Partial<typeof users.$inferInsert>
      const query =
        Object.keys(set).length === 0
          ? db.select().from(users).where(eq(users.id, id))
          : db.update(users).set(set).where(eq(users.id, id)).returning()
      const row = first(await query)
      if (!row) throw new Error(`No user with id "${id}" to update.`)
      return toUser(row)!
    },

    async deleteUser(id) {
      const rows = await db.delete(users).where(eq(users.id, id)).returning()
      return toUser(first(rows))
    },

    async linkAccount(account) {
      const values = withoutUndefined(account) as typeof accounts.$inferInsert
      const rows = await db.insert(accounts).values(values).returning()
      return toAccount(rows[0]!)!
    },

    async unlinkAccount({ provider, providerAccountId }) {
      const rows = await db
        .delete(accounts)
        .where(accountIs(provider, providerAccountId))
        .returning()
      return toAccount(first(rows)) ?? undefined
    },

    async getAccount(providerAccountId, provider) {
      const rows = await db.select().from(accounts).where(accountIs(provider, providerAccountId))
      return toAccount(first(rows))
    },

    async createSession(session) {
      const values = { ...session } as typeof sessions.$inferInsert
      const rows = await db.insert(sessions).values(values).returning()
      return toSession(rows[0]!)!
    },

    async getSessionAndUser(sessionToken) {
      sessionAndUser ??= sessionAndUserQuery.prepare(statementName)
      const rows = (await sessionAndUser.execute({ sessionToken })) as Awaited<
        typeof sessionAndUserQuery
      >
      const row = first(rows)
      return row ? { session: toSession(row.session)!, user: toUser(row.user)! } : null
    },

    async updateSession({ sessionToken, ...fields }) {
      const set = withoutUndefined(fields) as Partial<typeof sessions.$inferInsert>
      const rows = await db
        .update(sessions)
        .set(set)
        .where(eq(sessions.sessionToken, sessionToken))
        .returning()
      return toSession(first(rows))
    },

    async deleteSession(sessionToken) {
      const rows = await db
        .delete(sessions)
        .where(eq(sessions.sessionToken, sessionToken))
        .returning()
      return toSession(first(rows))
    },

    async createVerificationToken(verificationToken) {
      const values = { ...verificationToken } as typeof tokens.$inferInsert
      const rows = await db.insert(tokens).values(values).returning()
      return toVerificationToken(rows[0]!)!
    },

    async useVerificationToken({ identifier, token }) {
      // One DELETE ... RETURNING: of concurrent callers, only the one whose delete removed
      // the row gets it back.
      const rows = await db
        .delete(tokens)
        .where(and(eq(tokens.identifier, identifier), eq(tokens.token, token)))
        .returning()
      return toVerificationToken(first(rows))
    },

    async listAccountsByUserId(userId) {
      const rows = await db.select().from(accounts).where(eq(accounts.userId, userId))
      return rows.map((row) => toAccount(row)!)
    },

    async updateAccount({ provider, providerAccountId, ...fields }) {
      const set: Partial<AdapterAccount> = withoutUndefined(fields)
      delete set.userId
      const query =
        Object.keys(set).length === 0
          ? db.select().from(accounts).where(accountIs(provider, providerAccountId))
          : db
              .update(accounts)
              .set(set as Partial<typeof accounts.$inferInsert>)
              .where(accountIs(provider, providerAccountId))
              .returning()
      return toAccount(first(await query))
    },
  })
}
