/**
 * Automatic access token refresh on session reads, for both session strategies. With JWT
 * sessions the tokens live in the encrypted session token under the `oauth` claim; with
 * database sessions they live on the account rows, and a rotated refresh token is written back
 * through the adapter. A failed refresh never ends the session: it is reported as
 * `error: 'RefreshAccessTokenError'` for the app to act on.
 *
 * @module
 */
import type { AdapterAccount } from '../adapter.js'
import { RefreshAccessTokenError } from '../errors.js'
import type { InternalOAuthProvider, InternalProvider, RequestContext } from '../internal.js'
import type { Account, JWT, TokenSet } from '../types.js'
import { needsRefresh, refreshAccessToken, refreshEnabled } from './refresh.js'
import { SingleFlight } from './single-flight.js'

/** The code a failed refresh leaves on the token (`token.error`) and session (`session.error`). */
export const REFRESH_ERROR = RefreshAccessTokenError.code

/** The tokens a JWT session keeps for automatic refresh, under `token.oauth`. */
export interface OAuthTokenClaim {
  /** Id of the provider that issued the tokens. */
  provider: string
  access_token: string
  refresh_token?: string
  /** Seconds since the epoch. */
  expires_at?: number
}

function isOAuthProvider(
  provider: InternalProvider | undefined,
): provider is InternalOAuthProvider {
  return provider?.type === 'oauth' || provider?.type === 'oidc'
}

function refreshingProvider(ctx: RequestContext, id: string): InternalOAuthProvider | undefined {
  const provider = ctx.config.providersById.get(id)
  return isOAuthProvider(provider) && refreshEnabled(provider) ? provider : undefined
}

function readClaim(token: JWT): OAuthTokenClaim | undefined {
  const claim = token.oauth as Partial<OAuthTokenClaim> | undefined
  if (typeof claim !== 'object' || claim === null) return undefined
  if (typeof claim.provider !== 'string' || typeof claim.access_token !== 'string') return undefined
  return claim as OAuthTokenClaim
}

/**
 * The `oauth` claim to put in a new JWT session at sign-in, when the provider refreshes tokens
 * automatically; `undefined` otherwise.
 *
 * @example
 * ```ts
 * const oauth = oauthTokenClaim(provider, account)
 * if (oauth) token.oauth = oauth
 * ```
 */
export function oauthTokenClaim(
  provider: InternalOAuthProvider,
  account: Account,
): OAuthTokenClaim | undefined {
  if (!refreshEnabled(provider) || !account.access_token) return undefined
  const claim: OAuthTokenClaim = { provider: provider.id, access_token: account.access_token }
  if (account.refresh_token) claim.refresh_token = account.refresh_token
  if (typeof account.expires_at === 'number') claim.expires_at = account.expires_at
  return claim
}

function claimFrom(provider: InternalOAuthProvider, tokens: TokenSet): OAuthTokenClaim {
  const claim: OAuthTokenClaim = { provider: provider.id, access_token: tokens.access_token! }
  if (tokens.refresh_token) claim.refresh_token = tokens.refresh_token
  if (typeof tokens.expires_at === 'number') claim.expires_at = tokens.expires_at
  return claim
}

/**
 * Refreshes the access token kept in a JWT session when it expires within the provider's
 * margin. Returns the token with a new `oauth` claim (rotated refresh token included) and no
 * `error`; on failure, the token unchanged but with `error: 'RefreshAccessTokenError'`. A token
 * without an `oauth` claim, or whose provider does not refresh, is returned as it is.
 *
 * Call it on every session read, before the `jwt` callback, and write the result back to the
 * session cookie.
 *
 * @example
 * ```ts
 * token = await refreshJwtTokens(ctx, token)
 * token = await ctx.config.callbacks.jwt({ token, ... })
 * ```
 */
export async function refreshJwtTokens(ctx: RequestContext, token: JWT): Promise<JWT> {
  const claim = readClaim(token)
  if (!claim) return token
  const provider = refreshingProvider(ctx, claim.provider)
  if (!provider || !needsRefresh(provider, claim.expires_at)) return token

  if (!claim.refresh_token) {
    ctx.config.logger.error(REFRESH_ERROR, {
      error: new RefreshAccessTokenError(
        `Provider "${provider.id}": the access token expired and no refresh token was issued.`,
      ),
    })
    return { ...token, error: REFRESH_ERROR }
  }
  try {
    const tokens = await refreshAccessToken(provider, { refresh_token: claim.refresh_token })
    const refreshed: JWT = { ...token, oauth: claimFrom(provider, tokens) }
    delete refreshed.error
    return refreshed
  } catch (error) {
    ctx.config.logger.error(REFRESH_ERROR, { error, provider: provider.id })
    return { ...token, error: REFRESH_ERROR }
  }
}

/** Refresh-and-store runs shared per account row, so concurrent session reads write once. */
const accountRefreshes = new SingleFlight<void>(30_000)

async function storeTokens(
  ctx: RequestContext,
  account: AdapterAccount,
  tokens: TokenSet,
): Promise<void> {
  const adapter = ctx.config.adapter!
  const changes = {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: tokens.expires_at,
    ...(tokens.id_token ? { id_token: tokens.id_token } : {}),
    ...(tokens.scope ? { scope: tokens.scope } : {}),
    ...(tokens.token_type ? { token_type: tokens.token_type } : {}),
  }
  if (adapter.updateAccount) {
    await adapter.updateAccount(changes)
    return
  }
  // An adapter without the extension is updated the long way round.
  await adapter.unlinkAccount!({
    provider: account.provider,
    providerAccountId: account.providerAccountId,
  })
  await adapter.linkAccount!({ ...account, ...changes })
}

async function refreshAccount(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  account: AdapterAccount,
): Promise<boolean> {
  if (!account.refresh_token) {
    ctx.config.logger.error(REFRESH_ERROR, {
      error: new RefreshAccessTokenError(
        `Provider "${provider.id}": the access token expired and no refresh token was stored.`,
      ),
    })
    return false
  }
  const refreshToken = account.refresh_token
  const key = `${account.provider}\u0000${account.providerAccountId}\u0000${refreshToken}`
  try {
    await accountRefreshes.run(key, async () => {
      const tokens = await refreshAccessToken(provider, { refresh_token: refreshToken })
      await storeTokens(ctx, account, tokens)
    })
    return true
  } catch (error) {
    ctx.config.logger.error(REFRESH_ERROR, { error, provider: provider.id })
    return false
  }
}

/**
 * Refreshes the access tokens of a database-session user whose stored tokens expire within
 * their provider's margin, and stores the new tokens (a rotated refresh token included) with
 * `adapter.updateAccount`, or `unlinkAccount` + `linkAccount` when the adapter lacks it.
 * Needs `adapter.listAccountsByUserId`; without it nothing is refreshed. Resolves with
 * `{ error: 'RefreshAccessTokenError' }` if any account failed, `{}` otherwise; the session
 * itself is never ended.
 *
 * @example
 * ```ts
 * const { error } = await refreshDatabaseAccounts(ctx, user.id)
 * if (error) session.error = error
 * ```
 */
export async function refreshDatabaseAccounts(
  ctx: RequestContext,
  userId: string,
): Promise<{ error?: string }> {
  const adapter = ctx.config.adapter
  if (!adapter?.listAccountsByUserId) return {}
  const now = Math.floor(Date.now() / 1000)
  let candidates: Array<{ provider: InternalOAuthProvider; account: AdapterAccount }>
  try {
    const accounts = await adapter.listAccountsByUserId(userId)
    candidates = accounts.flatMap((account) => {
      const provider = refreshingProvider(ctx, account.provider)
      return provider && needsRefresh(provider, account.expires_at, now)
        ? [{ provider, account }]
        : []
    })
  } catch (error) {
    ctx.config.logger.error(REFRESH_ERROR, { error })
    return { error: REFRESH_ERROR }
  }
  if (candidates.length === 0) return {}

  const outcomes = await Promise.all(
    candidates.map(({ provider, account }) => refreshAccount(ctx, provider, account)),
  )
  return outcomes.every(Boolean) ? {} : { error: REFRESH_ERROR }
}
