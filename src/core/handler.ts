/**
 * `Auth(request, options)`: the engine as one function from a Web `Request` to a `Response`,
 * over `handleAuth`, which answers the engine's own request and response shapes. Integrations
 * (Next.js, Express, node:http, tRPC) only translate their request and response objects.
 *
 * @module
 */
import { stringField, wantsJson, type BodyFields } from './body.js'
import { sameOrigin } from './callback-url.js'
import { loadConfig } from './config.js'
import { createLogger } from './logger.js'
import { parseCookies } from './cookies.js'
import {
  GatehouseError,
  InvalidRequest,
  MethodNotAllowed,
  RateLimited,
  UnknownAction,
} from './errors.js'
import type { AuthRequest, AuthResponse, InternalConfig, RequestContext } from './internal.js'
import { SignInRedirect } from './login.js'
import { renderErrorPage } from './pages/index.js'
import { fromWebRequest } from './request.js'
import { html, json, redirect, toWebResponse } from './response.js'
import { callback } from './routes/callback.js'
import { errorPage, verifyRequestPage } from './routes/pages.js'
import { pageUrl } from './routes/shared.js'
import { csrfRoute, getSessionRoute, providersRoute, updateSessionRoute } from './routes/session.js'
import { signInPage, signInWithProvider } from './routes/signin.js'
import { signOut, signOutPage } from './routes/signout.js'
import type { AuthOptions } from './types.js'

/** Codes that send the user back to the sign-in page; the others go to the error page. */
const SIGN_IN_PAGE_CODES = new Set([
  'OAuthSignin',
  'OAuthCallback',
  'OAuthCreateAccount',
  'EmailCreateAccount',
  'Callback',
  'OAuthAccountNotLinked',
  'EmailSignin',
  'CredentialsSignin',
  'SessionRequired',
  'MissingCSRF',
  'UnknownProvider',
  'InvalidRequest',
  'RateLimited',
])

/**
 * Serves every auth route under `basePath` for a Web `Request`.
 *
 * @example
 * ```ts
 * import { Auth } from 'gatehouse/core'
 *
 * Bun.serve({ fetch: (request) => Auth(request, authOptions) })
 * ```
 */
export async function Auth(request: Request, options: AuthOptions): Promise<Response> {
  return toWebResponse(await handleAuth(fromWebRequest(request), options))
}

/**
 * Serves every auth route for the engine's own request shape and answers a plain
 * {@link AuthResponse}: what `Auth` does, minus the Web `Request` and `Response`, for
 * integrations that read and write node:http messages directly.
 *
 * @example
 * ```ts
 * const answer = await handleAuth(fromNodeRequest(req, origin), authOptions)
 * res.writeHead(answer.status, answer.headers).end(answer.body)
 * ```
 */
export async function handleAuth(
  request: AuthRequest,
  options: AuthOptions,
): Promise<AuthResponse> {
  let config: InternalConfig
  try {
    config = loadConfig(options)
  } catch (error) {
    return configurationFailure(request, options, error)
  }

  let ctx: RequestContext
  try {
    ctx = createContext(request, config)
  } catch (error) {
    config.logger.error('InvalidRequest', error)
    return plain(400, 'text/plain; charset=utf-8', 'Bad request')
  }

  let fields: BodyFields = {}
  let response: AuthResponse
  try {
    if (request.method === 'POST') fields = await request.readBody()
    response = await route(ctx, fields)
  } catch (error) {
    try {
      response = failure(ctx, error, fields)
    } catch (secondary) {
      // Answering the failure failed too (e.g. a logger that throws): still answer.
      response = plain(500, 'application/json', JSON.stringify({ error: 'Default' }))
      try {
        config.logger.error('Default', secondary)
      } catch {
        // The logger itself is what failed.
      }
    }
  }
  if (config.options.debug) {
    config.logger.debug('Request', {
      method: request.method,
      path: ctx.url.pathname,
      status: response.status,
    })
  }
  return response
}

/** A response without cookies, for answers given before there is a request context. */
function plain(status: number, contentType: string, body: string | null): AuthResponse {
  return {
    status,
    headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' },
    cookies: [],
    body,
  }
}

/**
 * The request context: which origin the app is on, which cookies apply, what the request sent.
 *
 * @example
 * ```ts
 * const ctx = createContext(fromWebRequest(request), loadConfig(options))
 * ```
 */
export function createContext(request: AuthRequest, config: InternalConfig): RequestContext {
  const requestUrl = new URL(request.url)
  let origin = requestUrl.origin
  if (config.url) {
    origin = config.url.origin
  } else if (config.trustHost) {
    const host = firstValue(request.headers.get('x-forwarded-host')) ?? request.headers.get('host')
    const proto = (
      firstValue(request.headers.get('x-forwarded-proto')) ?? requestUrl.protocol.slice(0, -1)
    ).toLowerCase()
    if (host && (proto === 'http' || proto === 'https'))
      origin = new URL(`${proto}://${host}`).origin
  }
  // On another origin, copy the path verbatim: resolving it against the origin would read
  // `//host/...` as a host.
  let url = requestUrl
  if (origin !== requestUrl.origin) {
    url = new URL(origin)
    url.pathname = requestUrl.pathname
    url.search = requestUrl.search
  }
  const secure = config.useSecureCookies ?? url.protocol === 'https:'
  return {
    config,
    request,
    url,
    origin,
    baseUrl: origin,
    secure,
    cookies: secure ? config.cookies.secure : config.cookies.insecure,
    requestCookies: parseCookies(request.headers.get('cookie')),
    setCookies: [],
  }
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0]?.trim()
  return value || undefined
}

async function route(ctx: RequestContext, fields: BodyFields): Promise<AuthResponse> {
  const { basePath } = ctx.config
  const { pathname } = ctx.url
  if (!pathname.startsWith(`${basePath}/`)) {
    throw new UnknownAction(`${pathname} is not under the auth base path ${basePath}.`)
  }
  // One trailing slash is allowed, for apps built with Next.js `trailingSlash: true`.
  const [action, providerId, ...rest] = pathname
    .slice(basePath.length + 1)
    .replace(/\/$/, '')
    .split('/')
  const method = ctx.request.method
  const isGet = method === 'GET' || method === 'HEAD'
  const isPost = method === 'POST'
  if (
    rest.length > 0 ||
    (providerId !== undefined && action !== 'signin' && action !== 'callback')
  ) {
    throw new UnknownAction(`${pathname} is not an auth route.`)
  }
  if (providerId === '') throw new UnknownAction(`${pathname} names no provider.`)

  switch (action) {
    case 'session':
      if (isGet) return getSessionRoute(ctx)
      if (isPost) return updateSessionRoute(ctx, fields)
      throw notAllowed(method, 'GET, POST')
    case 'csrf':
      if (isGet) return csrfRoute(ctx)
      throw notAllowed(method, 'GET')
    case 'providers':
      if (isGet) return providersRoute(ctx)
      throw notAllowed(method, 'GET')
    case 'signin':
      if (providerId !== undefined) {
        if (isPost) return signInWithProvider(ctx, providerId, fields)
        throw notAllowed(method, 'POST')
      }
      if (isGet || isPost) return signInPage(ctx)
      throw notAllowed(method, 'GET, POST')
    case 'callback':
      if (providerId === undefined)
        throw new UnknownAction('The callback route needs a provider id.')
      if (isGet || isPost) return callback(ctx, providerId, fields)
      throw notAllowed(method, 'GET, POST')
    case 'signout':
      if (isGet) return signOutPage(ctx)
      if (isPost) return signOut(ctx, fields)
      throw notAllowed(method, 'GET, POST')
    case 'error':
      if (isGet) return errorPage(ctx)
      throw notAllowed(method, 'GET')
    case 'verify-request':
      if (isGet) return verifyRequestPage(ctx)
      throw notAllowed(method, 'GET')
    default:
      throw new UnknownAction(`${pathname} is not an auth route.`)
  }
}

function notAllowed(method: string, allowed: string): MethodNotAllowed {
  return new MethodNotAllowed(`${method} is not allowed here; use ${allowed}.`, allowed)
}

/** Turns any failure into the right status and page or JSON, logging its code. */
function failure(ctx: RequestContext, thrown: unknown, fields: BodyFields): AuthResponse {
  const { config } = ctx
  if (thrown instanceof SignInRedirect)
    return redirect(ctx, thrown.url, wantsJson(ctx.request, fields))

  const error =
    thrown instanceof GatehouseError
      ? thrown
      : new GatehouseError('An unexpected error ended the request.', { cause: thrown, status: 500 })
  config.logger.error(error.code, error)
  // A failed sign-in must not leave half a session: drop the cookies the route had queued,
  // except a fresh CSRF cookie, which the page the user lands on needs.
  ctx.setCookies = ctx.setCookies.filter(
    (cookie) => cookie.name === ctx.cookies.csrfToken.name || cookie.options.maxAge === 0,
  )

  const { pathname } = ctx.url
  const action = pathname.slice(config.basePath.length + 1).split('/')[0]
  // A body the engine cannot read came from no form of ours: answer its status, not a page.
  const unreadable =
    error instanceof InvalidRequest && (error.status === 413 || error.status === 415)
  const isApi =
    action === 'session' ||
    action === 'csrf' ||
    action === 'providers' ||
    unreadable ||
    error instanceof UnknownAction ||
    error instanceof MethodNotAllowed
  if (isApi) {
    const headers: Record<string, string> = {}
    if (error instanceof MethodNotAllowed) headers.Allow = error.allow
    if (error instanceof RateLimited) headers['Retry-After'] = String(error.retryAfter)
    return json(ctx, { error: error.code, message: publicMessage(error) }, error.status, headers)
  }
  if (error instanceof RateLimited) {
    const retryAfter = { 'Retry-After': String(error.retryAfter) }
    if (wantsJson(ctx.request, fields)) {
      const url = pageUrl(ctx, 'signIn', { error: error.code })
      return json(ctx, { error: error.code, url }, 429, retryAfter)
    }
    const page = renderErrorPage({
      error: error.code,
      theme: config.theme,
      basePath: config.basePath,
      url: ctx.origin,
    })
    return html(ctx, page.html, 429, retryAfter)
  }

  const page = !SIGN_IN_PAGE_CODES.has(error.code)
    ? 'error'
    : action === 'signout'
      ? 'signOut'
      : 'signIn'
  // Back on the sign-in page, the user's retry should still land where they were going.
  const requested =
    stringField(fields, 'callbackUrl') ??
    ctx.url.searchParams.get('callbackUrl') ??
    ctx.requestCookies[ctx.cookies.callbackUrl.name]
  const callbackUrl =
    page === 'signIn' && requested ? (sameOrigin(requested, ctx.baseUrl) ?? undefined) : undefined
  const location = pageUrl(ctx, page, { error: error.code, callbackUrl })
  const asJson = wantsJson(ctx.request, fields)
  return redirect(ctx, location, asJson, asJson ? error.status : undefined)
}

function publicMessage(error: GatehouseError): string {
  return error.status >= 500 ? 'The request could not be completed.' : error.message
}

function configurationFailure(
  request: AuthRequest,
  options: AuthOptions,
  error: unknown,
): AuthResponse {
  const code = error instanceof GatehouseError ? error.code : 'Configuration'
  const overrides = typeof options === 'object' && options !== null ? options : undefined
  createLogger(overrides?.logger, overrides?.debug === true).error(code, error)

  const requestUrl = new URL(request.url)
  const action = requestUrl.pathname.split('/').filter(Boolean).at(-1)
  const isPage =
    request.method === 'GET' &&
    ['signin', 'signout', 'error', 'verify-request'].includes(action ?? '')
  const errorPage = overrides?.pages?.error
  if (isPage && typeof errorPage === 'string') {
    const target = new URL(errorPage, requestUrl)
    if (target.pathname !== requestUrl.pathname) {
      target.searchParams.set('error', 'Configuration')
      return {
        status: 302,
        headers: { Location: target.href, 'Cache-Control': 'no-store' },
        cookies: [],
        body: null,
      }
    }
  }
  if (!isPage) {
    const body = JSON.stringify({
      error: 'Configuration',
      message: 'There is a problem with the server configuration; the server log names it.',
    })
    return plain(500, 'application/json', body)
  }
  const page = renderErrorPage({ error: 'Configuration', basePath: '', url: '/' })
  return plain(500, 'text/html; charset=utf-8', page.html)
}
