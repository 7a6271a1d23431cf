/**
 * Turns the constraint violations of PostgreSQL, MySQL/MariaDB and SQLite into errors that say
 * what failed without repeating the query or its parameters (which hold tokens).
 *
 * @module
 */

/** What each driver code means, for the error message. */
const MEANINGS: Record<string, string> = {
  // PostgreSQL (node-postgres and PGlite)
  '23505': 'a unique constraint failed',
  '23503': 'a foreign key constraint failed (the user does not exist)',
  // MySQL and MariaDB (mysql2)
  ER_DUP_ENTRY: 'a unique constraint failed',
  ER_NO_REFERENCED_ROW_2: 'a foreign key constraint failed (the user does not exist)',
  ER_NO_REFERENCED_ROW: 'a foreign key constraint failed (the user does not exist)',
  // SQLite (better-sqlite3)
  SQLITE_CONSTRAINT_UNIQUE: 'a unique constraint failed',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'a unique constraint failed',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'a foreign key constraint failed (the user does not exist)',
}

/**
 * Runs a write and rethrows a constraint violation as an `Error` naming the constraint, with
 * the driver's error as `cause`. Other failures are rethrown unchanged.
 *
 * @example
 * ```ts
 * const [user] = await guard(db.insert(users).values(row).returning(), 'create the user')
 * ```
 */
export async function guard<T>(write: PromiseLike<T>, action: string): Promise<T> {
  try {
    return await write
  } catch (error) {
    const driverError = findDriverError(error)
    const meaning = driverError && MEANINGS[driverError.code]
    if (!driverError || !meaning) throw error
    throw new Error(`Could not ${action}: ${meaning} (${driverError.detail}).`, { cause: error })
  }
}

/** The driver's error in a Drizzle error's cause chain: its code and the constraint it names. */
function findDriverError(error: unknown): { code: string; detail: string } | undefined {
  for (let current = error, depth = 0; depth < 5; depth++) {
    if (typeof current !== 'object' || current === null) return undefined
    const { code, constraint, message } = current as {
      code?: unknown
      constraint?: unknown
      message?: unknown
    }
    if (typeof code === 'string' && code in MEANINGS) {
      const detail = typeof constraint === 'string' ? constraint : String(message)
      return { code, detail }
    }
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}
