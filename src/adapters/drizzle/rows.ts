/**
 * Maps the rows Drizzle returns to the shapes of the adapter contract, the same for every
 * dialect. Extra columns of custom tables pass through; the null token fields of an account
 * are left out, as the engine never sets them.
 *
 * @module
 */
import type {
  AdapterAccount,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from '../../core/adapter.js'

/** A user row, or null. Every column of the table is kept. */
export function toUser(row: object | null): AdapterUser | null {
  return row ? ({ ...row } as AdapterUser) : null
}

/** An account row without its null token fields, or null. */
export function toAccount(row: object | null): AdapterAccount | null {
  if (!row) return null
  return Object.fromEntries(
    Object.entries(row).filter(([, value]) => value !== null),
  ) as unknown as AdapterAccount
}

/** A session row, or null. */
export function toSession(row: object | null): AdapterSession | null {
  if (!row) return null
  const { sessionToken, userId, expires } = row as AdapterSession
  return { sessionToken, userId, expires }
}

/** A verification token row, or null. */
export function toVerificationToken(row: object | null): VerificationToken | null {
  if (!row) return null
  const { identifier, token, expires } = row as VerificationToken
  return { identifier, token, expires }
}

/** The fields that are set, so an insert or update leaves the others to the database. */
export function withoutUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>
}
