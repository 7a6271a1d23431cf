/**
 * Where the profile of a signed-in user comes from: the provider's own `userinfo.request`, the
 * validated ID token claims, or the userinfo endpoint.
 *
 * @module
 */
import * as oauth from 'oauth4webapi'
import type { InternalOAuthProvider } from '../internal.js'
import type { Profile, TokenSet } from '../types.js'
import { endpointParams, hasVerifiableIssuer, requestOptions } from './authorization-server.js'

/**
 * Fetches the user's profile after the code exchange.
 *
 * - A `userinfo.request` function of the provider wins (GitHub uses it to find the email).
 * - With `idToken`, the validated ID token claims are the profile.
 * - Otherwise the userinfo endpoint is called with the access token; for OIDC providers its
 *   `sub` must equal the ID token's.
 *
 * @example
 * ```ts
 * const profile = await fetchProfile(provider, as, client, tokens, idTokenClaims)
 * ```
 */
export async function fetchProfile(
  provider: InternalOAuthProvider,
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  tokens: TokenSet,
  idTokenClaims: oauth.IDToken | undefined,
): Promise<Profile> {
  const userinfo = provider.userinfo
  if (typeof userinfo === 'object' && userinfo.request) {
    return userinfo.request({ tokens, provider })
  }
  if (provider.idToken && idTokenClaims) return { ...idTokenClaims } as Profile

  if (!as.userinfo_endpoint) {
    throw new TypeError(
      `provider "${provider.id}" has no userinfo endpoint and returned no ID token`,
    )
  }
  const url = new URL(as.userinfo_endpoint)
  for (const [name, value] of Object.entries(endpointParams(userinfo))) {
    url.searchParams.set(name, value)
  }
  const accessToken = tokens.access_token!

  if (provider.type === 'oidc' && hasVerifiableIssuer(provider)) {
    const response = await oauth.userInfoRequest(
      { ...as, userinfo_endpoint: url.href },
      client,
      accessToken,
      requestOptions(provider),
    )
    const expectedSubject = idTokenClaims?.sub ?? oauth.skipSubjectCheck
    return (await oauth.processUserInfoResponse(as, client, expectedSubject, response)) as Profile
  }

  // Plain OAuth 2.0 userinfo endpoints (GitHub's /user and the like) are not OIDC: no `sub`,
  // sometimes not even JSON content types done right, so they are read as plain JSON.
  const response = await oauth.protectedResourceRequest(
    accessToken,
    'GET',
    url,
    new Headers({ accept: 'application/json' }),
    null,
    requestOptions(provider),
  )
  if (!response.ok) {
    throw new TypeError(`the userinfo endpoint answered HTTP ${response.status}`)
  }
  const profile: unknown = await response.json()
  if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) {
    throw new TypeError('the userinfo endpoint did not answer a JSON object')
  }
  return profile as Profile
}
