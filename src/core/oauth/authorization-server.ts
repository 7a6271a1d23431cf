/**
 * What `oauth4webapi` needs to talk to a provider: its authorization server metadata (from
 * discovery, fetched once per provider and kept), the client metadata, the client
 * authentication method, and the per-request options.
 *
 * @module
 */
import * as oauth from 'oauth4webapi'
import type { InternalOAuthProvider } from '../internal.js'
import type { EndpointOption, UserinfoOption } from '../types.js'
import { allowsInsecureRequests } from './provider.js'

const metadataCache = new WeakMap<InternalOAuthProvider, Promise<oauth.AuthorizationServer>>()

/**
 * The URL of an endpoint option, if it names one.
 *
 * @example
 * ```ts
 * endpointUrl({ url: 'https://idp.example/token', params: {} }) // 'https://idp.example/token'
 * ```
 */
export function endpointUrl(
  option: EndpointOption | UserinfoOption | undefined,
): string | undefined {
  if (option === undefined) return undefined
  return typeof option === 'string' ? option : option.url
}

/**
 * The extra parameters of an endpoint option, as strings (objects as JSON).
 *
 * @example
 * ```ts
 * endpointParams({ params: { scope: 'openid', claims: { id_token: { email: null } } } })
 * // { scope: 'openid', claims: '{"id_token":{"email":null}}' }
 * ```
 */
export function endpointParams(
  option: EndpointOption | UserinfoOption | undefined,
): Record<string, string> {
  if (option === undefined || typeof option === 'string' || !option.params) return {}
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(option.params)) {
    if (value === undefined || value === null) continue
    params[name] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return params
}

/** The one request option the engine sets, understood by every `oauth4webapi` request. */
export type InsecureRequestOption = { [oauth.allowInsecureRequests]?: boolean }

/**
 * Options for every HTTP request to the provider; `allowInsecureRequests` only when the
 * provider opted in by name.
 *
 * @example
 * ```ts
 * await oauth.discoveryRequest(issuer, requestOptions(provider))
 * ```
 */
export function requestOptions(provider: InternalOAuthProvider): InsecureRequestOption {
  // The flag is deprecated upstream to make it stand out; that is exactly the intent here.
  return allowsInsecureRequests(provider) ? { [oauth.allowInsecureRequests]: true } : {}
}

async function discover(provider: InternalOAuthProvider): Promise<oauth.AuthorizationServer> {
  const options = requestOptions(provider)
  if (provider.wellKnown) {
    const url = new URL(provider.wellKnown)
    if (url.protocol !== 'https:' && !allowsInsecureRequests(provider)) {
      throw new TypeError(`"wellKnown" must be an https: URL, got ${url.protocol}`)
    }
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
    })
    const advertised =
      provider.issuer ??
      readIssuer(
        await response
          .clone()
          .json()
          .catch(() => null),
      )
    if (!advertised)
      throw new TypeError(`the discovery document at ${provider.wellKnown} names no issuer`)
    return oauth.processDiscoveryResponse(new URL(advertised), response)
  }
  const issuer = new URL(provider.issuer!)
  const response = await oauth.discoveryRequest(issuer, options)
  return oauth.processDiscoveryResponse(issuer, response)
}

function readIssuer(document: unknown): string | undefined {
  const issuer = (document as { issuer?: unknown } | null)?.issuer
  return typeof issuer === 'string' ? issuer : undefined
}

async function resolve(provider: InternalOAuthProvider): Promise<oauth.AuthorizationServer> {
  const discovered: oauth.AuthorizationServer =
    provider.issuer || provider.wellKnown
      ? await discover(provider)
      : // Without discovery the issuer is only a label; ID tokens cannot be checked against it,
        // which is why such providers take the profile from userinfo.
        { issuer: `urn:gatehouse:provider:${provider.id}` }

  const authorization = endpointUrl(provider.authorization)
  const token = endpointUrl(provider.token)
  const userinfo = endpointUrl(provider.userinfo)
  return {
    ...discovered,
    ...(authorization ? { authorization_endpoint: authorization } : {}),
    ...(token ? { token_endpoint: token } : {}),
    ...(userinfo ? { userinfo_endpoint: userinfo } : {}),
  }
}

/**
 * The provider's authorization server metadata: discovered on first use and kept for the life
 * of the provider object; a failed discovery is retried on the next request.
 *
 * @example
 * ```ts
 * const as = await getAuthorizationServer(provider)
 * as.token_endpoint // 'https://oauth2.googleapis.com/token'
 * ```
 */
export function getAuthorizationServer(
  provider: InternalOAuthProvider,
): Promise<oauth.AuthorizationServer> {
  let metadata = metadataCache.get(provider)
  if (!metadata) {
    metadata = resolve(provider)
    metadataCache.set(provider, metadata)
    metadata.catch(() => metadataCache.delete(provider))
  }
  return metadata
}

/**
 * Whether ID tokens from this provider can be validated: only when its issuer is known from
 * `issuer` or discovery.
 *
 * @example
 * ```ts
 * if (!hasVerifiableIssuer(provider)) params.delete('iss')
 * ```
 */
export function hasVerifiableIssuer(provider: InternalOAuthProvider): boolean {
  return Boolean(provider.issuer || provider.wellKnown)
}

/**
 * The client metadata `oauth4webapi` validates responses against.
 *
 * @example
 * ```ts
 * const client = getClient(provider) // { client_id: 'app', token_endpoint_auth_method: ... }
 * ```
 */
export function getClient(provider: InternalOAuthProvider): oauth.Client {
  const { client = {} } = provider
  const metadata: oauth.Client = { client_id: provider.clientId }
  for (const [name, value] of Object.entries(client)) {
    if (value !== undefined) metadata[name] = value as oauth.JsonValue
  }
  return metadata
}

/**
 * How the client authenticates at the token endpoint: `client_secret_basic` by default,
 * `client_secret_post` or `none` when the provider says so.
 *
 * @example
 * ```ts
 * await oauth.refreshTokenGrantRequest(as, client, getClientAuth(provider), refreshToken)
 * ```
 */
export function getClientAuth(provider: InternalOAuthProvider): oauth.ClientAuth {
  const method = provider.client?.token_endpoint_auth_method ?? 'client_secret_basic'
  if (method === 'none') return oauth.None()
  if (method === 'client_secret_post') return oauth.ClientSecretPost(provider.clientSecret!)
  return oauth.ClientSecretBasic(provider.clientSecret!)
}

/**
 * The `redirect_uri` of the provider for this app origin.
 *
 * @example
 * ```ts
 * redirectUri('https://app.example', provider) // 'https://app.example/api/auth/callback/google'
 * ```
 */
export function redirectUri(origin: string, provider: InternalOAuthProvider): string {
  return `${origin}${provider.callbackPath}`
}
