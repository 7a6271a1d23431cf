/**
 * Keeps database errors of the Drizzle adapters readable and free of secrets. Drizzle reports
 * a failed query with the SQL and its parameters in the message, and mysql2 adds the SQL with
 * the values filled in; those parameters are session tokens, OAuth tokens and magic-link
 * hashes, which must not reach logs. Every adapter method rethrows such failures as an `Error`
 * naming the method and the constraint or the driver's own message, without the parameters.
 *
 * @module
 */
import type { Adapter } from '../../core/adapter.js'

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

type AnyMethod = (...args: unknown[]) => unknown

/**
 * Wraps every method of an adapter so that a database failure rejects with a clean error: the
 * method, what failed (the constraint, or the driver's message) and a `cause` holding only the
 * driver's code and message. Errors the adapter throws itself pass unchanged.
 *
 * @example
 * ```ts
 * return withSafeErrors({ async createUser(user) { ... }, ... })
 * ```
 */
export function withSafeErrors(adapter: Required<Adapter>): Required<Adapter> {
  const wrapped: Record<string, AnyMethod> = {}
  for (const [name, method] of Object.entries(adapter) as Array<[string, AnyMethod]>) {
    wrapped[name] = async (...args) => {
      try {
        return await method(...args)
      } catch (error) {
        throw safeError(error, name)
      }
    }
  }
  return wrapped as unknown as Required<Adapter>
}

/** The error to throw instead of `error`, or `error` itself when it is not a database failure. */
function safeError(error: unknown, method: string): unknown {
  const driver = findDriverError(error)
  if (!driver) return error

  const meaning = MEANINGS[driver.code]
  const what = meaning
    ? `${meaning}${driver.constraint ? ` (${driver.constraint})` : ''}`
    : driver.message
  const cause = Object.assign(new Error(driver.message), { code: driver.code })
  return new Error(`${method} failed: ${what}.`, { cause })
}

interface DriverError {
  code: string
  /** The driver's message when it carries no values; a generic one otherwise. */
  message: string
  /** The name of the violated constraint or key, when the driver says. */
  constraint?: string
}

/** The driver's error of a failure: Drizzle's query error wraps it as `cause`. */
function findDriverError(error: unknown): DriverError | undefined {
  let current = error
  for (let depth = 0; depth < 4; depth++) {
    if (typeof current !== 'object' || current === null) return undefined
    const { code, constraint, message, cause } = current as Record<string, unknown>
    if (typeof code === 'string' && typeof message === 'string') {
      return describe(code, message, typeof constraint === 'string' ? constraint : undefined)
    }
    current = cause
  }
  return undefined
}

function describe(code: string, message: string, constraint: string | undefined): DriverError {
  // MySQL repeats the duplicate value ("Duplicate entry 'x' for key 'y'"): keep the key only.
  if (code === 'ER_DUP_ENTRY') {
    return { code, message: 'Duplicate entry', constraint: /for key '([^']+)'/.exec(message)?.[1] }
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return { code, message, constraint: /failed: (.+)$/.exec(message)?.[1] }
  }
  return { code, message, constraint }
}
