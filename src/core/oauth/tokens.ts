/**
 * Token endpoint responses as Gatehouse keeps them: a `TokenSet` with an absolute `expires_at`,
 * and the `Account` that carries it to callbacks and the adapter.
 *
 * @module
 */
import type * as oauth from 'oauth4webapi'
import type { InternalOAuthProvider } from '../internal.js'
import type { Account, TokenSet } from '../types.js'

/** The token fields an account stores, as in NextAuth.js v4. */
const ACCOUNT_TOKEN_FIELDS = [
  'access_token',
  'refresh_token',
  'expires_at',
  'id_token',
  'scope',
  'token_type',
  'session_state',
] as const

/**
 * A token endpoint response as a `TokenSet`: every field kept (providers such as Notion put
 * the user in it), `expires_in` turned into `expires_at` in seconds since the epoch.
 *
 * @example
 * ```ts
 * toTokenSet({ access_token: 'at', token_type: 'bearer', expires_in: 3600 }).expires_at
 * ```
 */
export function toTokenSet(response: oauth.TokenEndpointResponse, now = Date.now()): TokenSet {
  const tokens: TokenSet = { ...(response as TokenSet) }
  if (typeof response.expires_in === 'number') {
    tokens.expires_at = Math.floor(now / 1000) + response.expires_in
  }
  return tokens
}

/**
 * The account of a sign-in: provider, type, the provider's id for the user, and the stored
 * token fields (absent ones left out).
 *
 * @example
 * ```ts
 * const account = toAccount(provider, user.id, tokens)
 * await adapter.linkAccount({ ...account, userId })
 * ```
 */
export function toAccount(
  provider: InternalOAuthProvider,
  providerAccountId: string,
  tokens: TokenSet,
): Account {
  const account: Account = { provider: provider.id, type: provider.type, providerAccountId }
  for (const field of ACCOUNT_TOKEN_FIELDS) {
    const value = tokens[field]
    if (value !== undefined && value !== null) (account as Record<string, unknown>)[field] = value
  }
  return account
}
