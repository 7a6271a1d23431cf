/**
 * Turns the provider object an app passes (a preset's result or a plain `{ type: 'oauth' }`
 * literal) into the one the engine runs: the app's `options` merged over the preset's
 * defaults, the security checks decided, the routes computed, and every mistake reported at
 * start-up with the provider id and the option to fix.
 *
 * @module
 */
import { ConfigurationError } from '../errors.js'
import type { InternalOAuthProvider } from '../internal.js'
import type { EndpointOption, OAuthCheck, OAuthConfig, UserinfoOption } from '../types.js'

/**
 * Provider options the engine reads beyond the NextAuth.js ones.
 */
export interface OAuthProviderExtensions {
  /**
   * Allows `http://` endpoints (issuer, discovery, token, userinfo, JWKS). Only for a local
   * identity provider in development or tests: over plain HTTP, codes and tokens can be read
   * and changed in transit. Off unless set.
   */
  allowInsecureRequests?: boolean
}

const KNOWN_CHECKS = new Set(['pkce', 'state', 'nonce'])

type EndpointObject = { url?: string; params?: Record<string, unknown> }

function endpointObject(option: EndpointOption | UserinfoOption | undefined): EndpointObject {
  if (option === undefined) return {}
  return typeof option === 'string' ? { url: option } : option
}

/** Merges two endpoint options: URL and request function replaced, `params` merged by key. */
function mergeEndpoint<T extends EndpointOption | UserinfoOption>(
  defaults: T | undefined,
  overrides: T | undefined,
): T | undefined {
  if (overrides === undefined) return defaults
  if (defaults === undefined) return overrides
  const base = endpointObject(defaults)
  const own = endpointObject(overrides)
  const merged: EndpointObject = { ...base, ...own }
  if (base.params || own.params) merged.params = { ...base.params, ...own.params }
  return merged as T
}

function decideChecks(
  type: OAuthConfig['type'],
  checks: OAuthCheck[] | undefined,
): Array<'pkce' | 'state' | 'nonce'> {
  const chosen = checks ?? (type === 'oidc' ? ['pkce', 'state', 'nonce'] : ['pkce', 'state'])
  if (chosen.includes('none')) return []
  return [
    ...new Set(chosen.filter((check): check is 'pkce' | 'state' | 'nonce' => check !== 'none')),
  ]
}

function assertUrl(id: string, option: string, value: string | undefined): void {
  if (value === undefined) return
  try {
    new URL(value)
  } catch {
    throw new ConfigurationError(
      `Provider "${id}": "${option}" must be an absolute URL, got ${JSON.stringify(value)}.`,
    )
  }
}

function validate(provider: InternalOAuthProvider): void {
  const { id } = provider
  if (typeof id !== 'string' || !/^[\w.-]+$/.test(id)) {
    throw new ConfigurationError(
      `OAuth provider "${String(id)}": "id" must be a non-empty string of letters, digits, "-", "_" or ".".`,
    )
  }
  if (provider.type !== 'oauth' && provider.type !== 'oidc') {
    throw new ConfigurationError(`Provider "${id}": "type" must be "oauth" or "oidc".`)
  }
  if (typeof provider.clientId !== 'string' || provider.clientId === '') {
    throw new ConfigurationError(
      `Provider "${id}": "clientId" is missing. Pass the client ID your identity provider issued.`,
    )
  }
  const method = provider.client?.token_endpoint_auth_method
  if (
    method !== undefined &&
    !['client_secret_basic', 'client_secret_post', 'none'].includes(method)
  ) {
    throw new ConfigurationError(
      `Provider "${id}": "client.token_endpoint_auth_method" must be client_secret_basic, client_secret_post or none.`,
    )
  }
  if (method !== 'none' && !provider.clientSecret) {
    throw new ConfigurationError(
      `Provider "${id}": "clientSecret" is missing. Pass it, or set client.token_endpoint_auth_method to "none" for a public client.`,
    )
  }

  const unknownCheck = (provider.checks as string[]).find((check) => !KNOWN_CHECKS.has(check))
  if (unknownCheck !== undefined) {
    throw new ConfigurationError(
      `Provider "${id}": unknown check ${JSON.stringify(unknownCheck)} in "checks"; use "pkce", "state", "nonce" or "none".`,
    )
  }
  if (method === 'none' && !provider.checks.includes('pkce')) {
    throw new ConfigurationError(
      `Provider "${id}": a public client (token_endpoint_auth_method "none") needs the "pkce" check, or anyone holding a code could redeem it.`,
    )
  }

  const authorizationUrl = endpointObject(provider.authorization).url
  const tokenUrl = endpointObject(provider.token).url
  const userinfo = endpointObject(provider.userinfo) as Exclude<UserinfoOption, string>
  assertUrl(id, 'issuer', provider.issuer)
  assertUrl(id, 'wellKnown', provider.wellKnown)
  assertUrl(id, 'authorization', authorizationUrl)
  assertUrl(id, 'token', tokenUrl)
  assertUrl(id, 'userinfo', userinfo.url)

  const discovers = Boolean(provider.issuer || provider.wellKnown)
  if (!discovers && !authorizationUrl) {
    throw new ConfigurationError(
      `Provider "${id}": set "issuer" or "wellKnown" for discovery, or an "authorization" URL.`,
    )
  }
  if (!discovers && !tokenUrl) {
    throw new ConfigurationError(
      `Provider "${id}": without "issuer" or "wellKnown", a "token" URL is required.`,
    )
  }
  if (!provider.idToken && !discovers && !userinfo.url && !userinfo.request) {
    throw new ConfigurationError(
      `Provider "${id}": a "userinfo" URL or request is required when the profile does not come from an ID token.`,
    )
  }
  if (provider.profile !== undefined && typeof provider.profile !== 'function') {
    throw new ConfigurationError(`Provider "${id}": "profile" must be a function.`)
  }
}

/**
 * Normalises an OAuth or OIDC provider: merges `options` over the preset's defaults (nested
 * endpoint `params` too), decides the checks (PKCE and state always, nonce for OIDC; `'none'`
 * removes all), computes the sign-in and callback paths under `basePath`, and validates.
 * Run once per options object.
 *
 * @throws ConfigurationError naming the provider id and the option that is wrong.
 *
 * @example
 * ```ts
 * const google = normalizeOAuthProvider(GoogleProvider({ clientId, clientSecret }), '/api/auth')
 * google.callbackPath // '/api/auth/callback/google'
 * google.checks // ['pkce', 'state', 'nonce']
 * ```
 */
export function normalizeOAuthProvider(
  provider: OAuthConfig,
  basePath: string,
): InternalOAuthProvider {
  const { options = {}, ...defaults } = provider
  const merged: OAuthConfig = { ...defaults, ...withoutUndefined(options) }
  merged.authorization = mergeEndpoint(defaults.authorization, options.authorization)
  merged.token = mergeEndpoint(defaults.token, options.token)
  merged.userinfo = mergeEndpoint(defaults.userinfo, options.userinfo)
  if (defaults.client || options.client) merged.client = { ...defaults.client, ...options.client }
  if (defaults.style || options.style) merged.style = { ...defaults.style, ...options.style }

  const normalized: InternalOAuthProvider = {
    ...merged,
    idToken: merged.idToken ?? merged.type === 'oidc',
    checks: decideChecks(merged.type, merged.checks),
    signinPath: `${basePath}/signin/${merged.id}`,
    callbackPath: `${basePath}/callback/${merged.id}`,
  }
  validate(normalized)
  return normalized
}

/**
 * Whether the provider opted in to plain-HTTP endpoints through `allowInsecureRequests`.
 *
 * @example
 * ```ts
 * if (allowsInsecureRequests(provider)) logger.warn('InsecureOAuthEndpoints')
 * ```
 */
export function allowsInsecureRequests(provider: OAuthConfig): boolean {
  return (provider as OAuthConfig & OAuthProviderExtensions).allowInsecureRequests === true
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>
}
