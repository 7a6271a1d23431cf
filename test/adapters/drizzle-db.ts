/**
 * Direct reads of the default Drizzle tables, through the database driver rather than the
 * adapter, for the conformance suite's checks.
 *
 * @module
 */
import type { ConformanceDb } from './conformance.js'

/** Runs one query and returns its rows; `?` placeholders are numbered for PostgreSQL. */
export type RawQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>

/** A {@link ConformanceDb} over the `users`, `accounts`, `sessions`, `verification_tokens` tables. */
export function drizzleTablesDb(query: RawQuery): ConformanceDb {
  const one = async (sql: string, params: unknown[]) => (await query(sql, params))[0] ?? null
  return {
    user: (id) => one('SELECT * FROM users WHERE id = ?', [id]),
    countUsersByEmail: async (email) =>
      Number((await one('SELECT count(*) AS n FROM users WHERE email = ?', [email]))?.n),
    account: async (provider, providerAccountId) => {
      const row = await one(
        'SELECT user_id FROM accounts WHERE provider = ? AND provider_account_id = ?',
        [provider, providerAccountId],
      )
      return row ? { userId: String(row.user_id) } : null
    },
    session: (sessionToken) =>
      one('SELECT * FROM sessions WHERE session_token = ?', [sessionToken]),
    verificationToken: (identifier, token) =>
      one('SELECT * FROM verification_tokens WHERE identifier = ? AND token = ?', [
        identifier,
        token,
      ]),
  }
}

/** Numbers `?` placeholders as `$1`, `$2`, ... for PostgreSQL drivers. */
export function numbered(sql: string): string {
  let index = 0
  return sql.replace(/\?/g, () => `$${++index}`)
}
