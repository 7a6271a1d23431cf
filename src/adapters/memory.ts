/**
 * An adapter that keeps users, accounts, sessions and verification tokens in memory. Meant for
 * tests, examples and single-process demos: everything is lost when the process ends.
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

/** Every method of the adapter contract, including the two Gatehouse extensions. */
export type MemoryAdapterInstance = Required<Adapter>

/** The rows a {@link MemoryAdapter} holds, exposed for tests that want to look inside. */
export interface MemoryStore {
  users: Map<string, AdapterUser>
  accounts: Map<string, AdapterAccount>
  sessions: Map<string, AdapterSession>
  verificationTokens: Map<string, VerificationToken>
}

/**
 * Creates an adapter that stores everything in `Map`s. Unique email and unique
 * (provider, providerAccountId) are enforced like database constraints; every method returns
 * a copy, so a caller cannot change stored rows by mutating a result.
 *
 * @example
 * ```ts
 * import { MemoryAdapter } from 'gatehouse/adapters/memory'
 *
 * export const authOptions = {
 *   adapter: MemoryAdapter(),
 *   session: { strategy: 'database' },
 *   providers: [],
 * }
 * ```
 */
export function MemoryAdapter(store: MemoryStore = createMemoryStore()): MemoryAdapterInstance {
  const { users, accounts, sessions, verificationTokens } = store

  const findUserByEmail = (email: string): AdapterUser | undefined => {
    if (!email) return undefined
    for (const user of users.values()) if (user.email === email) return user
    return undefined
  }

  return {
    createUser(user) {
      if (users.has(user.id)) throw new Error(`A user with id "${user.id}" already exists.`)
      if (findUserByEmail(user.email)) {
        throw new Error(`A user with email "${user.email}" already exists (unique email).`)
      }
      const row = copy(user)
      users.set(row.id, row)
      return copy(row)
    },

    getUser(id) {
      return copyOrNull(users.get(id))
    },

    getUserByEmail(email) {
      return copyOrNull(findUserByEmail(email))
    },

    getUserByAccount({ provider, providerAccountId }) {
      const account = accounts.get(accountKey(provider, providerAccountId))
      return account ? copyOrNull(users.get(account.userId)) : null
    },

    updateUser(user) {
      const existing = users.get(user.id)
      if (!existing) throw new Error(`No user with id "${user.id}" to update.`)
      if (user.email !== undefined && user.email !== existing.email) {
        const other = findUserByEmail(user.email)
        if (other && other.id !== user.id) {
          throw new Error(`A user with email "${user.email}" already exists (unique email).`)
        }
      }
      const row = { ...existing, ...withoutUndefined(copy(user)) }
      users.set(row.id, row)
      return copy(row)
    },

    deleteUser(userId) {
      const user = users.get(userId)
      if (!user) return null
      users.delete(userId)
      for (const [key, account] of accounts) if (account.userId === userId) accounts.delete(key)
      for (const [key, session] of sessions) if (session.userId === userId) sessions.delete(key)
      return copy(user)
    },

    linkAccount(account) {
      const key = accountKey(account.provider, account.providerAccountId)
      if (accounts.has(key)) {
        throw new Error(
          `The ${account.provider} account "${account.providerAccountId}" is already linked ` +
            '(unique provider and providerAccountId).',
        )
      }
      if (!users.has(account.userId)) {
        throw new Error(`No user with id "${account.userId}" to link the account to.`)
      }
      const row = copy(account)
      accounts.set(key, row)
      return copy(row)
    },

    unlinkAccount({ provider, providerAccountId }) {
      const key = accountKey(provider, providerAccountId)
      const account = accounts.get(key)
      if (!account) return undefined
      accounts.delete(key)
      return copy(account)
    },

    getAccount(providerAccountId, provider) {
      return copyOrNull(accounts.get(accountKey(provider, providerAccountId)))
    },

    createSession(session) {
      if (sessions.has(session.sessionToken)) {
        throw new Error('A session with this token already exists (unique session token).')
      }
      if (!users.has(session.userId)) {
        throw new Error(`No user with id "${session.userId}" to create the session for.`)
      }
      const row: AdapterSession = {
        sessionToken: session.sessionToken,
        userId: session.userId,
        expires: new Date(session.expires),
      }
      sessions.set(row.sessionToken, row)
      return copy(row)
    },

    getSessionAndUser(sessionToken) {
      const session = sessions.get(sessionToken)
      const user = session && users.get(session.userId)
      if (!session || !user) return null
      return { session: copy(session), user: copy(user) }
    },

    updateSession(session) {
      const existing = sessions.get(session.sessionToken)
      if (!existing) return null
      const row = { ...existing, ...withoutUndefined(copy(session)) }
      sessions.set(row.sessionToken, row)
      return copy(row)
    },

    deleteSession(sessionToken) {
      const session = sessions.get(sessionToken)
      if (!session) return null
      sessions.delete(sessionToken)
      return copy(session)
    },

    createVerificationToken(verificationToken) {
      const key = tokenKey(verificationToken.identifier, verificationToken.token)
      if (verificationTokens.has(key)) {
        throw new Error('This verification token already exists (unique identifier and token).')
      }
      const row = copy(verificationToken)
      verificationTokens.set(key, row)
      return copy(row)
    },

    useVerificationToken({ identifier, token }) {
      const key = tokenKey(identifier, token)
      const row = verificationTokens.get(key)
      if (!row) return null
      verificationTokens.delete(key)
      return row
    },

    listAccountsByUserId(userId) {
      const linked: AdapterAccount[] = []
      for (const account of accounts.values()) {
        if (account.userId === userId) linked.push(copy(account))
      }
      return linked
    },

    updateAccount(account) {
      const key = accountKey(account.provider, account.providerAccountId)
      const existing = accounts.get(key)
      if (!existing) return null
      const row = { ...existing, ...withoutUndefined(copy(account)) }
      row.userId = existing.userId
      accounts.set(key, row)
      return copy(row)
    },
  }
}

/**
 * Creates the empty store behind a {@link MemoryAdapter}. Pass one store to two adapters to let
 * them share rows.
 *
 * @example
 * ```ts
 * const store = createMemoryStore()
 * const adapter = MemoryAdapter(store)
 * await adapter.createUser({ id: 'u1', email: 'ada@example.com', emailVerified: null })
 * store.users.size // 1
 * ```
 */
export function createMemoryStore(): MemoryStore {
  return {
    users: new Map(),
    accounts: new Map(),
    sessions: new Map(),
    verificationTokens: new Map(),
  }
}

// NUL cannot appear in provider ids, account ids, identifiers or tokens, so keys cannot collide.
const accountKey = (provider: string, providerAccountId: string) =>
  `${provider}\u0000${providerAccountId}`
const tokenKey = (identifier: string, token: string) => `${identifier}\u0000${token}`

const copy = <T>(row: T): T => structuredClone(row)
const copyOrNull = <T>(row: T | undefined): T | null => (row === undefined ? null : copy(row))

/** Drops keys whose value is `undefined`, so a partial update leaves those fields alone. */
function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>
}
