/**
 * The second leg of the authorization code flow: the provider sent the user back with a code.
 * Every check of the authorization request is verified, the code is exchanged, the ID token
 * validated and the profile mapped. Nothing is stored here; the caller decides what the
 * sign-in does to users and accounts.
 *
 * @module
 */
import * as oauth from 'oauth4webapi'
import { AccessDenied, GatehouseError, OAuthCallbackError } from '../errors.js'
import type { InternalOAuthProvider, RequestContext } from '../internal.js'
import type { Account, Profile, TokenSet, User } from '../types.js'
import {
  endpointParams,
  getAuthorizationServer,
  getClient,
  getClientAuth,
  hasVerifiableIssuer,
  redirectUri,
  requestOptions,
} from './authorization-server.js'
import { clearChecks, consumeChecks } from './checks.js'
import { defaultProfile } from './profile.js'
import { toAccount, toTokenSet } from './tokens.js'
import { fetchProfile } from './userinfo.js'

/** What a successful callback yields for the sign-in to act on. */
export interface OAuthCallbackResult {
  user: User
  account: Account
  profile: Profile
}

/**
 * Reads the header of a compact JWS without trusting it, to refuse algorithms that must never
 * sign an ID token before any other processing.
 */
function idTokenAlgorithm(idToken: string): unknown {
  try {
    const header: unknown = JSON.parse(Buffer.from(idToken.split('.')[0]!, 'base64url').toString())
    return (header as { alg?: unknown }).alg
  } catch {
    return undefined
  }
}

/**
 * Applies the engine's own rules to the raw token response and returns the response that
 * `oauth4webapi` processes: `alg: none` and HMAC-signed ID tokens are refused outright, and an
 * ID token from a provider whose issuer is unknown (plain OAuth 2.0) is dropped, since nothing
 * could be checked against it.
 */
async function screenTokenResponse(
  provider: InternalOAuthProvider,
  response: Response,
): Promise<Response> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null)
  const idToken = (body as { id_token?: unknown } | null)?.id_token
  if (typeof idToken !== 'string') return response

  if (!hasVerifiableIssuer(provider)) {
    const rest = { ...(body as Record<string, unknown>) }
    delete rest.id_token
    return new Response(JSON.stringify(rest), {
      status: response.status,
      headers: response.headers,
    })
  }
  const alg = idTokenAlgorithm(idToken)
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none' || alg.startsWith('HS')) {
    throw new OAuthCallbackError(
      `Provider "${provider.id}": the ID token is signed with ${JSON.stringify(alg)}, which is not accepted.`,
    )
  }
  return response
}

/** The `user` form field Apple posts on the first sign-in only (name and email). */
function firstSignInUser(params: URLSearchParams): unknown {
  const raw = params.get('user')
  if (!raw) return undefined
  try {
    const parsed: unknown = JSON.parse(raw)
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined
  } catch {
    return undefined
  }
}

function reportedError(provider: InternalOAuthProvider, params: URLSearchParams): Error | null {
  const error = params.get('error')
  if (!error) return null
  const description = params.get('error_description')
  const detail = description ? `${error}: ${description}` : error
  if (error === 'access_denied') {
    return new AccessDenied(
      `Provider "${provider.id}" reported that access was denied (${detail}).`,
    )
  }
  return new OAuthCallbackError(`Provider "${provider.id}" reported an error (${detail}).`)
}

async function exchangeCode(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  params: URLSearchParams,
): Promise<{
  tokens: TokenSet
  claims: oauth.IDToken | undefined
  as: oauth.AuthorizationServer
  client: oauth.Client
}> {
  const checks = consumeChecks(ctx, provider)
  const as = await getAuthorizationServer(provider)
  const client = getClient(provider)
  const options = requestOptions(provider)

  // RFC 9207 `iss` can only be compared with a known issuer; without one it is dropped.
  const received = new URLSearchParams(params)
  if (!hasVerifiableIssuer(provider)) received.delete('iss')
  const callbackParams = oauth.validateAuthResponse(
    as,
    client,
    received,
    checks.state ?? oauth.skipStateCheck,
  )
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    getClientAuth(provider),
    callbackParams,
    redirectUri(ctx.origin, provider),
    // PKCE can only be left out when the provider turned the check off.
    checks.pkce ?? oauth.nopkce,
    { ...options, additionalParameters: endpointParams(provider.token) },
  )
  const screened = await screenTokenResponse(provider, response)
  const result = await oauth.processAuthorizationCodeResponse(as, client, screened, {
    expectedNonce: checks.nonce ?? oauth.expectNoNonce,
    requireIdToken: provider.type === 'oidc',
  })
  const claims = oauth.getValidatedIdTokenClaims(result)
  if (claims) await oauth.validateApplicationLevelSignature(as, screened, options)
  return { tokens: toTokenSet(result), claims, as, client }
}

/**
 * Completes an OAuth 2.0 / OIDC sign-in from the callback parameters (the query of a GET, or
 * the form body of a `form_post` response such as Apple's).
 *
 * State, PKCE verifier and nonce are checked against their cookies, which are deleted whatever
 * the outcome; the code is exchanged; an ID token has its issuer, audience, expiry, nonce and
 * signature (from the provider's JWKS) verified; the profile comes from the ID token or the
 * userinfo endpoint and goes through the provider's `profile()`.
 *
 * @throws AccessDenied when the provider reports `error=access_denied`.
 * @throws OAuthCallbackError for every other failure, with the cause attached.
 *
 * @example
 * ```ts
 * const params = request.method === 'POST' ? new URLSearchParams(await request.text()) : ctx.url.searchParams
 * const { user, account, profile } = await handleOAuthCallback(ctx, provider, params)
 * ```
 */
export async function handleOAuthCallback(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  params: URLSearchParams,
): Promise<OAuthCallbackResult> {
  const reported = reportedError(provider, params)
  if (reported) {
    clearChecks(ctx)
    throw reported
  }

  try {
    const { tokens, claims, as, client } = await exchangeCode(ctx, provider, params)
    const profile = await fetchProfile(provider, as, client, tokens, claims)
    const user = firstSignInUser(params)
    if (user !== undefined && profile.user === undefined) profile.user = user

    const mapped = provider.profile
      ? await provider.profile(profile, tokens)
      : defaultProfile(profile)
    if (mapped.id === undefined || mapped.id === null || String(mapped.id) === '') {
      throw new OAuthCallbackError(`Provider "${provider.id}": profile() returned no "id".`)
    }
    const providerAccountId = String(mapped.id)
    return {
      user: { ...mapped, id: providerAccountId },
      account: toAccount(provider, providerAccountId, tokens),
      profile,
    }
  } catch (error) {
    if (error instanceof GatehouseError) throw error
    throw new OAuthCallbackError(`Provider "${provider.id}": ${describe(error)}`, { cause: error })
  }
}

function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) {
    return `the token endpoint refused the request (${error.error}${error.error_description ? `: ${error.error_description}` : ''}).`
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    return `the authorization response carries an error (${error.error}).`
  }
  return error instanceof Error ? error.message : String(error)
}
