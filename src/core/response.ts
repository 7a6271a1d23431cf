/**
 * Builds the engine's responses: JSON, HTML pages and redirects, each with the cookies the
 * route queued, `Cache-Control: no-store`, and for pages a strict Content-Security-Policy. They
 * are plain {@link AuthResponse} objects; `Auth` turns them into a Web `Response`, the node:http
 * integration writes them to the socket directly.
 *
 * @module
 */
import { serializeCookie } from './cookies.js'
import type { AuthResponse, RequestContext } from './internal.js'
import type { Session } from './types.js'

const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'; base-uri 'none'"

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': PAGE_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

function respond(
  ctx: RequestContext,
  status: number,
  headers: Record<string, string>,
  body: string | null,
): AuthResponse {
  const cookies = ctx.setCookies.length === 0 ? [] : ctx.setCookies.map(serializeCookie)
  return { status, headers, cookies, body }
}

/** A JSON response. */
export function json(
  ctx: RequestContext,
  body: unknown,
  status = 200,
  extra?: Record<string, string>,
): AuthResponse {
  const headers = extra ? { ...JSON_HEADERS, ...extra } : { ...JSON_HEADERS }
  return respond(ctx, status, headers, JSON.stringify(body))
}

/** An HTML page. */
export function html(
  ctx: RequestContext,
  page: string,
  status = 200,
  extra?: Record<string, string>,
): AuthResponse {
  return respond(ctx, status, { ...PAGE_HEADERS, ...extra }, page)
}

/** A redirect, or `{ url }` as JSON when the client asked for JSON (as `next-auth/react` does). */
export function redirect(
  ctx: RequestContext,
  location: string,
  asJson: boolean,
  status?: number,
): AuthResponse {
  if (asJson) return json(ctx, { url: location }, status ?? 200)
  return respond(ctx, 302, { Location: location, 'Cache-Control': 'no-store' }, null)
}

/**
 * The Web `Response` for an engine answer, each cookie on its own `Set-Cookie` line.
 *
 * @example
 * ```ts
 * return toWebResponse(await handleAuth(authRequest, options))
 * ```
 */
export function toWebResponse(answer: AuthResponse): Response {
  const headers = new Headers(answer.headers)
  for (const cookie of answer.cookies) headers.append('Set-Cookie', cookie)
  return new Response(answer.body, { status: answer.status, headers })
}

/**
 * The session an answer of `GET session` carries, or `null`: signed out (`{}`), an error status
 * or a body that is not JSON.
 *
 * @example
 * ```ts
 * const session = sessionOfAnswer(await handleAuth(sessionRequest, options))
 * ```
 */
export function sessionOfAnswer(answer: AuthResponse): Session | null {
  if (answer.status !== 200 || !answer.body) return null
  let body: Session | null
  try {
    body = JSON.parse(answer.body) as Session | null
  } catch {
    return null
  }
  return body && typeof body === 'object' && Object.keys(body).length > 0 ? body : null
}
