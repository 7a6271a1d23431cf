/**
 * The Prisma adapter: keeps users, accounts, sessions and verification tokens with a Prisma 7
 * client (the `prisma-client` generator with a driver adapter such as `@prisma/adapter-pg` or
 * `@prisma/adapter-better-sqlite3`). It expects the models of `prisma/schema.prisma`; extra
 * columns on `User`, such as `role` or `bio`, are read and written as they are.
 *
 * @module
 */
import type {
  Adapter,
  AdapterAccount,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from '../core/adapter.js'

/** The columns of a `User` row. Extra columns of an extended schema pass through. */
export interface PrismaUserRow {
  id: string
  name: string | null
  email: string | null
  emailVerified: Date | null
  image: string | null
}

/** The columns of an `Account` row. */
export interface PrismaAccountRow {
  userId: string
  type: string
  provider: string
  providerAccountId: string
  refresh_token: string | null
  access_token: string | null
  expires_at: number | null
  token_type: string | null
  scope: string | null
  id_token: string | null
  session_state: string | null
}

/** The columns of a `Session` row. */
export interface PrismaSessionRow {
  sessionToken: string
  userId: string
  expires: Date
}

/** The columns of a `VerificationToken` row. */
export interface PrismaVerificationTokenRow {
  identifier: string
  token: string
  expires: Date
}

type AccountKey = { provider: string; providerAccountId: string }
type AccountWhere = { provider_providerAccountId: AccountKey }

/**
 * The parts of a generated Prisma client that the adapter uses. Any client generated from a
 * schema with the standard models fits, whatever else the schema holds.
 */
export interface PrismaClientLike {
  user: {
    /** The model's columns (Prisma's field references), to leave out fields it has none for. */
    fields?: object
    create(args: { data: object }): PromiseLike<PrismaUserRow>
    findUnique(args: {
      where: { id: string } | { email: string }
    }): PromiseLike<PrismaUserRow | null>
    update(args: { where: { id: string }; data: object }): PromiseLike<PrismaUserRow>
    delete(args: { where: { id: string } }): PromiseLike<PrismaUserRow>
  }
  account: {
    fields?: object
    create(args: { data: object }): PromiseLike<PrismaAccountRow>
    findUnique(args: {
      where: AccountWhere
      include: { user: true }
    }): PromiseLike<(PrismaAccountRow & { user: PrismaUserRow }) | null>
    findMany(args: { where: { userId: string } | AccountKey }): PromiseLike<PrismaAccountRow[]>
    update(args: { where: AccountWhere; data: object }): PromiseLike<PrismaAccountRow>
    delete(args: { where: AccountWhere }): PromiseLike<PrismaAccountRow>
  }
  session: {
    create(args: { data: PrismaSessionRow }): PromiseLike<PrismaSessionRow>
    findUnique(args: {
      where: { sessionToken: string }
      include: { user: true }
    }): PromiseLike<(PrismaSessionRow & { user: PrismaUserRow }) | null>
    update(args: {
      where: { sessionToken: string }
      data: Partial<PrismaSessionRow>
    }): PromiseLike<PrismaSessionRow>
    delete(args: { where: { sessionToken: string } }): PromiseLike<PrismaSessionRow>
  }
  verificationToken: {
    create(args: { data: PrismaVerificationTokenRow }): PromiseLike<PrismaVerificationTokenRow>
    delete(args: {
      where: { identifier_token: { identifier: string; token: string } }
    }): PromiseLike<PrismaVerificationTokenRow>
  }
}

/**
 * Creates an adapter that stores everything through a Prisma 7 client.
 *
 * Ids are the ones the engine chose, so sessions and accounts can name a user before it is read
 * back. A user without an email is stored with `email` NULL, so any number of them fit under
 * the unique index. Unique and foreign key violations reject with an error that names the
 * constraint; updating or deleting a row that does not exist resolves to null.
 *
 * @example
 * ```ts
 * import { PrismaPg } from '@prisma/adapter-pg'
 * import { PrismaAdapter } from 'gatehouse/adapters/prisma'
 * import { PrismaClient } from './generated/prisma/client'
 *
 * const prisma = new PrismaClient({
 *   adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),
 * })
 *
 * export const authOptions = {
 *   adapter: PrismaAdapter(prisma),
 *   session: { strategy: 'database' },
 *   providers: [],
 * }
 * ```
 */
export function PrismaAdapter(prisma: PrismaClientLike): Required<Adapter> {
  const { user: users, account: accounts, session: sessions } = prisma
  const tokens = prisma.verificationToken

  return withoutArgumentValues({
    async createUser(user) {
      const data = onlyColumns(toUserData(user), users.fields)
      return toUser(await guard(users.create({ data }), 'create the user'))
    },

    async getUser(id) {
      return toUserOrNull(await users.findUnique({ where: { id } }))
    },

    async getUserByEmail(email) {
      if (!email) return null
      return toUserOrNull(await users.findUnique({ where: { email } }))
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const account = await accounts.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      })
      return account ? toUser(account.user) : null
    },

    async updateUser({ id, ...fields }) {
      const data = onlyColumns(toUserData(fields), users.fields)
      return toUser(await guard(users.update({ where: { id }, data }), 'update the user'))
    },

    async deleteUser(id) {
      return toUserOrNull(await orNull(users.delete({ where: { id } })))
    },

    async linkAccount(account) {
      const data = onlyColumns(withoutUndefined(account), accounts.fields)
      return toAccount(await guard(accounts.create({ data }), 'link the account'))
    },

    async unlinkAccount({ provider, providerAccountId }) {
      const where = { provider_providerAccountId: { provider, providerAccountId } }
      const account = await orNull(accounts.delete({ where }))
      return account ? toAccount(account) : undefined
    },

    async getAccount(providerAccountId, provider) {
      const [account] = await accounts.findMany({ where: { provider, providerAccountId } })
      return account ? toAccount(account) : null
    },

    async createSession(session) {
      const data = { ...session }
      return toSession(await guard(sessions.create({ data }), 'create the session'))
    },

    async getSessionAndUser(sessionToken) {
      const found = await sessions.findUnique({ where: { sessionToken }, include: { user: true } })
      if (!found) return null
      return { session: toSession(found), user: toUser(found.user) }
    },

    async updateSession({ sessionToken, ...fields }) {
      const data = withoutUndefined(fields)
      const session = await orNull(sessions.update({ where: { sessionToken }, data }))
      return session ? toSession(session) : null
    },

    async deleteSession(sessionToken) {
      const session = await orNull(sessions.delete({ where: { sessionToken } }))
      return session ? toSession(session) : null
    },

    async createVerificationToken(verificationToken) {
      const data = { ...verificationToken }
      return toVerificationToken(await guard(tokens.create({ data }), 'create the token'))
    },

    async useVerificationToken({ identifier, token }) {
      const where = { identifier_token: { identifier, token } }
      const row = await orNull(tokens.delete({ where }))
      return row ? toVerificationToken(row) : null
    },

    async listAccountsByUserId(userId) {
      return (await accounts.findMany({ where: { userId } })).map(toAccount)
    },

    async updateAccount({ provider, providerAccountId, ...fields }) {
      const where = { provider_providerAccountId: { provider, providerAccountId } }
      // An account keeps its owner: only token fields change in place.
      const data: Partial<AdapterAccount> = onlyColumns(withoutUndefined(fields), accounts.fields)
      delete data.userId
      const account = await orNull(accounts.update({ where, data }))
      return account ? toAccount(account) : null
    },
  })
}

type AnyMethod = (...args: unknown[]) => unknown

/**
 * Prisma's validation errors print the whole call, tokens included; each method rethrows one
 * as an error that names the method only. Other errors pass unchanged.
 */
function withoutArgumentValues(adapter: Required<Adapter>): Required<Adapter> {
  const wrapped: Record<string, AnyMethod> = {}
  for (const [name, method] of Object.entries(adapter) as Array<[string, AnyMethod]>) {
    wrapped[name] = async (...args) => {
      try {
        return await method(...args)
      } catch (error) {
        if (!(error instanceof Error) || error.name !== 'PrismaClientValidationError') throw error
        throw new Error(
          `${name} failed: Prisma refused its arguments. Check that the schema has the standard ` +
            'models and columns (prisma/schema.prisma).',
        )
      }
    }
  }
  return wrapped as unknown as Required<Adapter>
}

/** Prisma's code for "the row to update or delete does not exist". */
const RECORD_NOT_FOUND = 'P2025'

/** What each Prisma constraint code means, for the error message. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  P2002: 'a unique constraint failed',
  P2003: 'a foreign key constraint failed (the user does not exist)',
}

/** Resolves to null when the row does not exist; any other failure still rejects. */
async function orNull<T>(query: PromiseLike<T>): Promise<T | null> {
  try {
    return await query
  } catch (error) {
    if (prismaCode(error) === RECORD_NOT_FOUND) return null
    throw error
  }
}

/** Turns a constraint violation into an error that says which constraint, with the cause. */
async function guard<T>(query: PromiseLike<T>, action: string): Promise<T> {
  try {
    return await query
  } catch (error) {
    const code = prismaCode(error)
    const meaning = code === undefined ? undefined : CONSTRAINT_MESSAGES[code]
    if (!meaning) throw error
    const target = constraintTarget(error)
    throw new Error(`Could not ${action}: ${meaning}${target ? ` on ${target}` : ''}.`, {
      cause: error,
    })
  }
}

function prismaCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}

/** The fields or constraint a Prisma error names, e.g. `email` or `User_email_key`. */
function constraintTarget(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('meta' in error)) return undefined
  const meta = error.meta
  if (typeof meta !== 'object' || meta === null) return undefined
  const named = JSON.stringify(meta)
  return named === '{}' ? undefined : named
}

/**
 * The fields the model has a column for. Providers may return token fields beyond the standard
 * ones (`refresh_expires_in`, `ext_expires_in`), and profiles extra claims; Prisma would
 * refuse the whole write for one unknown field, with the values in its message.
 */
function onlyColumns<T extends object>(data: T, columns: object | undefined): T {
  if (!columns) return data
  const known = new Set(Object.keys(columns))
  return Object.fromEntries(Object.entries(data).filter(([field]) => known.has(field))) as T
}

/** The user as stored: no `undefined` fields, and an empty email as NULL. */
function toUserData(user: Partial<AdapterUser>): object {
  const data: Record<string, unknown> = withoutUndefined(user)
  if (data.email === '') data.email = null
  return data
}

function toUser(row: PrismaUserRow): AdapterUser {
  return row as AdapterUser
}

function toUserOrNull(row: PrismaUserRow | null): AdapterUser | null {
  return row ? toUser(row) : null
}

/** Leaves out Prisma's surrogate `id` and the joined user, keeping every other column. */
function toAccount(row: PrismaAccountRow): AdapterAccount {
  const account: Record<string, unknown> = withoutNull(row)
  delete account.id
  delete account.user
  return account as unknown as AdapterAccount
}

function toSession(row: PrismaSessionRow): AdapterSession {
  return { sessionToken: row.sessionToken, userId: row.userId, expires: row.expires }
}

function toVerificationToken(row: PrismaVerificationTokenRow): VerificationToken {
  return { identifier: row.identifier, token: row.token, expires: row.expires }
}

function withoutUndefined<T extends object>(
  fields: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}

/** Token fields the provider did not send are left out, as in the account the engine linked. */
function withoutNull<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null),
  ) as Partial<T>
}
