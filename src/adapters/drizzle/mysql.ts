/**
 * The Drizzle adapter for MySQL and MariaDB databases (mysql2, or any driver Drizzle's
 * `mysql-core` supports). MySQL has no `RETURNING`, so writes read the row back, and a
 * verification token goes to the caller whose `DELETE` removed it.
 *
 * @module
 */
import { and, eq } from 'drizzle-orm'
import type {
  AnyMySqlColumn,
  MySqlDatabase,
  MySqlQueryResultHKT,
  MySqlTable,
  PreparedQueryHKTBase,
} from 'drizzle-orm/mysql-core'
import type { Adapter, AdapterAccount } from '../../core/adapter.js'
import { withSafeErrors } from './errors.js'
import * as defaults from './mysql-schema.js'
import { toAccount, toSession, toUser, toVerificationToken, withoutUndefined } from './rows.js'

type Text = AnyMySqlColumn<{ data: string }>
type Timestamp = AnyMySqlColumn<{ data: Date }>
type Integer = AnyMySqlColumn<{ data: number }>

/** A users table: the default columns, and any others the app adds. */
export type MySqlUsersTable = MySqlTable & {
  id: Text
  name: Text
  email: Text
  emailVerified: Timestamp
  image: Text
}

/** An accounts table with at least the default columns. */
export type MySqlAccountsTable = MySqlTable & {
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
export type MySqlSessionsTable = MySqlTable & {
  sessionToken: Text
  userId: Text
  expires: Timestamp
}

/** A verification tokens table with at least the default columns. */
export type MySqlVerificationTokensTable = MySqlTable & {
  identifier: Text
  token: Text
  expires: Timestamp
}

/** The tables a MySQL adapter uses; each defaults to the one of `mysql-schema`. */
export interface MySqlAuthTables {
  usersTable?: MySqlUsersTable
  accountsTable?: MySqlAccountsTable
  sessionsTable?: MySqlSessionsTable
  verificationTokensTable?: MySqlVerificationTokensTable
}

/** Any Drizzle MySQL database, whatever its driver and schema. */
export type AnyMySqlDatabase = MySqlDatabase<
  MySqlQueryResultHKT,
  PreparedQueryHKTBase,
  Record<string, unknown>
>

/**
 * Creates the adapter for a Drizzle MySQL or MariaDB database. `DrizzleAdapter` calls it when
 * it detects MySQL; call it directly to skip the detection.
 *
 * @example
 * ```ts
 * import { drizzle } from 'drizzle-orm/mysql2'
 * import { MySqlDrizzleAdapter } from 'gatehouse/adapters/drizzle'
 *
 * const adapter = MySqlDrizzleAdapter(drizzle(process.env.DATABASE_URL!))
 * ```
 */
export function MySqlDrizzleAdapter(
  db: AnyMySqlDatabase,
  tables: MySqlAuthTables = {},
): Required<Adapter> {
  const users: MySqlUsersTable = tables.usersTable ?? defaults.users
  const accounts: MySqlAccountsTable = tables.accountsTable ?? defaults.accounts
  const sessions: MySqlSessionsTable = tables.sessionsTable ?? defaults.sessions
  const tokens: MySqlVerificationTokensTable =
    tables.verificationTokensTable ?? defaults.verificationTokens

  const accountIs = (provider: string, providerAccountId: string) =>
    and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId))
  const tokenIs = (identifier: string, token: string) =>
    and(eq(tokens.identifier, identifier), eq(tokens.token, token))
  const first = <T>(rows: T[]): T | null => rows[0] ?? null

  const readUser = async (id: string) =>
    toUser(first(await db.select().from(users).where(eq(users.id, id))))
  const readAccount = async (provider: string, providerAccountId: string) =>
    toAccount(first(await db.select().from(accounts).where(accountIs(provider, providerAccountId))))
  const readSession = async (sessionToken: string) =>
    toSession(
      first(await db.select().from(sessions).where(eq(sessions.sessionToken, sessionToken))),
    )

  return withSafeErrors({
    async createUser(user) {
      const values = withoutUndefined(user) as typeof users.$inferInsert
      await db.insert(users).values(values)
      return (await readUser(user.id))!
    },

    getUser: readUser,

    async getUserByEmail(email) {
      return toUser(first(await db.select().from(users).where(eq(users.email, email))))
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
      if (Object.keys(set).length > 0) {
        await db.update(users).set(set).where(eq(users.id, id))
      }
      const user = await readUser(id)
      if (!user) throw new Error(`No user with id "${id}" to update.`)
      return user
    },

    async deleteUser(id) {
      const user = await readUser(id)
      const result = await db.delete(users).where(eq(users.id, id))
      return affectedRows(result) === 1 ? user : null
    },

    async linkAccount(account) {
      const values = withoutUndefined(account) as typeof accounts.$inferInsert
      await db.insert(accounts).values(values)
      return readAccount(account.provider, account.providerAccountId)
    },

    async unlinkAccount({ provider, providerAccountId }) {
      const account = await readAccount(provider, providerAccountId)
      const result = await db.delete(accounts).where(accountIs(provider, providerAccountId))
      return affectedRows(result) === 1 && account ? account : undefined
    },

    getAccount: (providerAccountId, provider) => readAccount(provider, providerAccountId),

    async createSession(session) {
      const values = { ...session } as typeof sessions.$inferInsert
      await db.insert(sessions).values(values)
      return (await readSession(session.sessionToken))!
    },

    async getSessionAndUser(sessionToken) {
      const rows = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(sessions.userId, users.id))
        .where(eq(sessions.sessionToken, sessionToken))
      const row = first(rows)
      return row ? { session: toSession(row.session)!, user: toUser(row.user)! } : null
    },

    async updateSession({ sessionToken, ...fields }) {
      const set = withoutUndefined(fields) as Partial<typeof sessions.$inferInsert>
      if (Object.keys(set).length > 0) {
        await db.update(sessions).set(set).where(eq(sessions.sessionToken, sessionToken))
      }
      return readSession(sessionToken)
    },

    async deleteSession(sessionToken) {
      const session = await readSession(sessionToken)
      const result = await db.delete(sessions).where(eq(sessions.sessionToken, sessionToken))
      return affectedRows(result) === 1 ? session : null
    },

    async createVerificationToken(verificationToken) {
      const values = { ...verificationToken } as typeof tokens.$inferInsert
      await db.insert(tokens).values(values)
      return { ...verificationToken }
    },

    async useVerificationToken({ identifier, token }) {
      const row = first(await db.select().from(tokens).where(tokenIs(identifier, token)))
      if (!row) return null

      // Several callers may have read the row; the one whose DELETE removed it wins.
      const result = await db.delete(tokens).where(tokenIs(identifier, token))
      return affectedRows(result) === 1 ? toVerificationToken(row) : null
    },

    async listAccountsByUserId(userId) {
      const rows = await db.select().from(accounts).where(eq(accounts.userId, userId))
      return rows.map((row) => toAccount(row)!)
    },

    async updateAccount({ provider, providerAccountId, ...fields }) {
      const set: Partial<AdapterAccount> = withoutUndefined(fields)
      delete set.userId
      if (Object.keys(set).length > 0) {
        await db
          .update(accounts)
          .set(set as Partial<typeof accounts.$inferInsert>)
          .where(accountIs(provider, providerAccountId))
      }
      return readAccount(provider, providerAccountId)
    },
  })
}

/**
 * The number of rows a write changed, from the result shapes of the MySQL drivers Drizzle
 * supports: mysql2's `[ResultSetHeader, fields]`, or an object with `affectedRows` or
 * `rowsAffected`.
 */
function affectedRows(result: unknown): number {
  const header: unknown = Array.isArray(result) ? result[0] : result
  if (typeof header !== 'object' || header === null) return 0
  const { affectedRows, rowsAffected } = header as {
    affectedRows?: unknown
    rowsAffected?: unknown
  }
  if (typeof affectedRows === 'number') return affectedRows
  return typeof rowsAffected === 'number' ? rowsAffected : 0
}
