/**
 * Access token refresh with the refresh token grant. Concurrent refreshes of one refresh token
 * share a single request, so a provider that rotates refresh tokens never sees one used twice.
 *
 * @module
 */
import * as oauth from 'oauth4webapi'
import { RefreshAccessTokenError } from '../errors.js'
import type { InternalOAuthProvider } from '../internal.js'
import type { TokenSet } from '../types.js'
import {
  endpointParams,
  getAuthorizationServer,
  getClient,
  getClientAuth,
  requestOptions,
} from './authorization-server.js'
import { RotationMemory } from './rotation-memory.js'
import { SingleFlight } from './single-flight.js'
import { toTokenSet } from './tokens.js'

/** Seconds before expiry at which an access token is refreshed, unless the provider says. */
export const DEFAULT_REFRESH_MARGIN = 60

/** Rotations are remembered this long: a day of session reads that cannot store them. */
const ROTATION_TTL_MS = 24 * 60 * 60 * 1000
/** The most rotations remembered at once (a few kilobytes each). */
const ROTATION_CAPACITY = 10_000

const refreshes = new SingleFlight<TokenSet>(0)
const rotations = new RotationMemory(ROTATION_TTL_MS, ROTATION_CAPACITY)

/**
 * Whether the provider refreshes tokens automatically (`refresh: true` or `{ margin }`).
 *
 * @example
 * ```ts
 * refreshEnabled(GoogleProvider({ clientId, clientSecret, refresh: true })) // true
 * ```
 */
export function refreshEnabled(provider: InternalOAuthProvider): boolean {
  return (
    provider.refresh === true || (typeof provider.refresh === 'object' && provider.refresh !== null)
  )
}

/**
 * Whether an access token expiring at `expires_at` must be refreshed now: refresh is enabled
 * for the provider and the token expires within the margin (default 60 s). A token without an
 * expiry is never refreshed.
 *
 * @param expires_at Seconds since the epoch, as stored on the account.
 * @param now Seconds since the epoch.
 *
 * @example
 * ```ts
 * if (needsRefresh(provider, account.expires_at, Math.floor(Date.now() / 1000))) ...
 * ```
 */
export function needsRefresh(
  provider: InternalOAuthProvider,
  expires_at: number | undefined | null,
  now: number = Math.floor(Date.now() / 1000),
): boolean {
  if (!refreshEnabled(provider) || typeof expires_at !== 'number') return false
  const margin =
    typeof provider.refresh === 'object'
      ? (provider.refresh.margin ?? DEFAULT_REFRESH_MARGIN)
      : DEFAULT_REFRESH_MARGIN
  return expires_at - margin <= now
}

async function requestRefresh(
  provider: InternalOAuthProvider,
  refreshToken: string,
): Promise<TokenSet> {
  const as = await getAuthorizationServer(provider)
  const client = getClient(provider)
  const response = await oauth.refreshTokenGrantRequest(
    as,
    client,
    getClientAuth(provider),
    refreshToken,
    { ...requestOptions(provider), additionalParameters: endpointParams(provider.token) },
  )
  const result = await oauth.processRefreshTokenResponse(as, client, response)
  const tokens = toTokenSet(result)
  // Providers that do not rotate answer without a refresh token: the old one stays valid.
  tokens.refresh_token ??= refreshToken
  return tokens
}

function stillFresh(provider: InternalOAuthProvider, tokens: TokenSet): boolean {
  if (typeof tokens.expires_at !== 'number') return true
  const margin =
    typeof provider.refresh === 'object'
      ? (provider.refresh.margin ?? DEFAULT_REFRESH_MARGIN)
      : DEFAULT_REFRESH_MARGIN
  return tokens.expires_at - margin > Math.floor(Date.now() / 1000)
}

/**
 * Exchanges a refresh token for new tokens at the provider's token endpoint. The result always
 * has a `refresh_token`: the rotated one, or the old one when the provider keeps it.
 *
 * A rotating refresh token is sent at most once per process: concurrent calls for one
 * provider and refresh token share one request, and a refresh token presented again later
 * (by a reader that could not store the rotation) is answered from memory with the tokens it
 * led to, or, when those are due themselves, by refreshing the newest refresh token of the
 * chain. Rotations are remembered for 24 hours in this process only; several server processes
 * sharing one session can each refresh once.
 *
 * @throws RefreshAccessTokenError with the provider's answer as cause.
 *
 * @example
 * ```ts
 * const tokens = await refreshAccessToken(provider, { refresh_token: account.refresh_token })
 * await adapter.updateAccount({ ...key, ...tokens })
 * ```
 */
export async function refreshAccessToken(
  provider: InternalOAuthProvider,
  tokens: { refresh_token: string },
): Promise<TokenSet> {
  const presented = tokens.refresh_token
  const known = rotations.recall(provider.id, presented)
  if (known && stillFresh(provider, known)) return known
  if (known?.refresh_token && known.refresh_token !== presented) {
    const newest = await refreshAccessToken(provider, { refresh_token: known.refresh_token })
    rotations.remember(provider.id, presented, newest)
    return newest
  }

  const key = `${provider.id}\u0000${presented}`
  return refreshes.run(key, async () => {
    let refreshed: TokenSet
    try {
      refreshed = await requestRefresh(provider, presented)
    } catch (cause) {
      const answer = cause instanceof oauth.ResponseBodyError ? ` (${cause.error})` : ''
      throw new RefreshAccessTokenError(
        `Provider "${provider.id}": the access token could not be refreshed${answer}.`,
        { cause },
      )
    }
    rotations.remember(provider.id, presented, refreshed)
    return refreshed
  })
}
