/**
 * `gatehouse/providers/credentials`: sign-in with a form of your own fields, checked by your
 * `authorize()`. Unlike NextAuth.js it also works with database sessions: a session row is
 * created for the user `authorize()` returns, which must be a user the adapter stores.
 *
 * @module
 */
import type { CredentialInput, CredentialsConfig } from '../core/types.js'

export type { CredentialInput, CredentialsConfig } from '../core/types.js'

/** What an app passes to {@link CredentialsProvider}. */
export type CredentialsUserConfig<C extends Record<string, CredentialInput>> = Partial<
  Omit<CredentialsConfig<C>, 'type' | 'authorize'>
> &
  Pick<CredentialsConfig<C>, 'authorize'>

/**
 * A credentials provider. `authorize(credentials, request)` returns the user, or `null` (or
 * throws) to refuse: the user then sees the `CredentialsSignin` error.
 *
 * @example
 * ```ts
 * import CredentialsProvider from 'gatehouse/providers/credentials'
 *
 * CredentialsProvider({
 *   name: 'Password',
 *   credentials: {
 *     email: { label: 'Email', type: 'email' },
 *     password: { label: 'Password', type: 'password' },
 *   },
 *   async authorize(credentials) {
 *     const user = await db.user.findUnique({ where: { email: credentials?.email } })
 *     return user && (await verifyPassword(user, credentials!.password)) ? user : null
 *   },
 * })
 * ```
 */
export default function CredentialsProvider<C extends Record<string, CredentialInput>>(
  options: CredentialsUserConfig<C>,
): CredentialsConfig<C> {
  return {
    id: 'credentials',
    name: 'Credentials',
    type: 'credentials',
    credentials: {} as C,
    ...options,
  }
}
