/**
 * The adapter contract: the Auth.js `Adapter` interface, with the same method names, arguments
 * and results, so that `@auth/*` adapters work with Gatehouse and Gatehouse adapters with
 * Auth.js. Every method is optional; the engine asks for the ones a configuration needs and
 * names the missing one at start-up.
 *
 * @module
 */
import type { Account, Awaitable, User } from './types.js'

/** A user row. `email` is empty for users who signed in without one. */
export interface AdapterUser extends User {
  id: string
  email: string
  emailVerified: Date | null
}

/** An account row: one provider identity linked to a user. */
export interface AdapterAccount extends Account {
  userId: string
  type: 'oauth' | 'oidc' | 'email' | 'webauthn'
}

/** A database session row. */
export interface AdapterSession {
  sessionToken: string
  userId: string
  expires: Date
}

/** A single-use email sign-in token row. Gatehouse stores only a hash in `token`. */
export interface VerificationToken {
  identifier: string
  expires: Date
  token: string
}

/** Where users, accounts, sessions and verification tokens are kept. */
export interface Adapter {
  createUser?(user: AdapterUser): Awaitable<AdapterUser>
  getUser?(id: string): Awaitable<AdapterUser | null>
  getUserByEmail?(email: string): Awaitable<AdapterUser | null>
  getUserByAccount?(
    providerAccountId: Pick<AdapterAccount, 'provider' | 'providerAccountId'>,
  ): Awaitable<AdapterUser | null>
  updateUser?(user: Partial<AdapterUser> & Pick<AdapterUser, 'id'>): Awaitable<AdapterUser>
  deleteUser?(userId: string): Promise<void> | Awaitable<AdapterUser | null | undefined>
  linkAccount?(
    account: AdapterAccount,
  ): Promise<void> | Awaitable<AdapterAccount | null | undefined>
  unlinkAccount?(
    providerAccountId: Pick<AdapterAccount, 'provider' | 'providerAccountId'>,
  ): Promise<void> | Awaitable<AdapterAccount | undefined>
  getAccount?(
    providerAccountId: AdapterAccount['providerAccountId'],
    provider: AdapterAccount['provider'],
  ): Awaitable<AdapterAccount | null>
  createSession?(session: {
    sessionToken: string
    userId: string
    expires: Date
  }): Awaitable<AdapterSession>
  getSessionAndUser?(
    sessionToken: string,
  ): Awaitable<{ session: AdapterSession; user: AdapterUser } | null>
  updateSession?(
    session: Partial<AdapterSession> & Pick<AdapterSession, 'sessionToken'>,
  ): Awaitable<AdapterSession | null | undefined>
  deleteSession?(sessionToken: string): Promise<void> | Awaitable<AdapterSession | null | undefined>
  createVerificationToken?(
    verificationToken: VerificationToken,
  ): Awaitable<VerificationToken | null | undefined>
  useVerificationToken?(params: {
    identifier: string
    token: string
  }): Awaitable<VerificationToken | null>

  /**
   * Gatehouse extension, optional: the accounts linked to a user. Lets automatic token refresh
   * find the account of a database session.
   */
  listAccountsByUserId?(userId: string): Awaitable<AdapterAccount[]>
  /**
   * Gatehouse extension, optional: changes stored tokens of an account in place. Used to save
   * a rotated refresh token; without it the engine unlinks and links the account again.
   */
  updateAccount?(
    account: Partial<AdapterAccount> & Pick<AdapterAccount, 'provider' | 'providerAccountId'>,
  ): Awaitable<AdapterAccount | null>
}
