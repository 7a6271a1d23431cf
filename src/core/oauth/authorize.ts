/**
 * The first leg of the authorization code flow: the URL the user is sent to at the provider.
 *
 * @module
 */
import * as oauth from 'oauth4webapi'
import { OAuthSignin } from '../errors.js'
import type { InternalOAuthProvider, RequestContext } from '../internal.js'
import { endpointParams, getAuthorizationServer, redirectUri } from './authorization-server.js'
import { storeCheck } from './checks.js'

/** Parameters the flow itself sets; neither the preset nor the request may replace them. */
const PROTECTED_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
])

/**
 * Builds the authorization URL for `provider`: discovery (cached per provider), `client_id`,
 * `redirect_uri` (the app origin plus the callback path), `response_type=code`, the scope and
 * parameters of the preset, then `params` from the request, then PKCE S256, state and nonce as
 * the provider's checks require. The check values are pushed onto `ctx.setCookies` as
 * encrypted cookies that live 15 minutes.
 *
 * @param params Extra authorization parameters from the sign-in request, such as `login_hint`
 *   or `prompt`; they cannot replace the flow's own parameters.
 * @throws OAuthSignin when discovery fails or the provider has no authorization endpoint.
 *
 * @example
 * ```ts
 * const url = await createAuthorizationUrl(ctx, provider, { login_hint: 'ada@example.com' })
 * return Response.redirect(url, 302)
 * ```
 */
export async function createAuthorizationUrl(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  params: Record<string, string>,
): Promise<URL> {
  let as: oauth.AuthorizationServer
  try {
    as = await getAuthorizationServer(provider)
  } catch (cause) {
    throw new OAuthSignin(`Provider "${provider.id}": discovery failed.`, { cause })
  }
  if (!as.authorization_endpoint) {
    throw new OAuthSignin(`Provider "${provider.id}": no authorization endpoint is known.`)
  }

  const url = new URL(as.authorization_endpoint)
  const scope = provider.type === 'oidc' ? { scope: 'openid profile email' } : {}
  const requested = { ...scope, ...endpointParams(provider.authorization), ...params }
  for (const [name, value] of Object.entries(requested)) {
    if (!PROTECTED_PARAMS.has(name)) url.searchParams.set(name, value)
  }
  url.searchParams.set('client_id', provider.clientId)
  url.searchParams.set('redirect_uri', redirectUri(ctx.origin, provider))
  url.searchParams.set('response_type', 'code')
  const cookieOptions = { crossSitePost: url.searchParams.get('response_mode') === 'form_post' }

  if (provider.checks.includes('pkce')) {
    const verifier = oauth.generateRandomCodeVerifier()
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier))
    url.searchParams.set('code_challenge_method', 'S256')
    storeCheck(ctx, provider, 'pkce', verifier, cookieOptions)
  }
  if (provider.checks.includes('state')) {
    const state = oauth.generateRandomState()
    url.searchParams.set('state', state)
    storeCheck(ctx, provider, 'state', state, cookieOptions)
  }
  if (provider.checks.includes('nonce')) {
    const nonce = oauth.generateRandomNonce()
    url.searchParams.set('nonce', nonce)
    storeCheck(ctx, provider, 'nonce', nonce, cookieOptions)
  }
  return url
}
