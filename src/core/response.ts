/**
 * Builds the engine's responses: JSON, HTML pages and redirects, each with the cookies the
 * route queued, `Cache-Control: no-store`, and for pages a strict Content-Security-Policy.
 *
 * @module
 */
import { serializeCookie } from './cookies.js'
import type { RequestContext } from './internal.js'

const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'; base-uri 'none'"

function headersWithCookies(ctx: RequestContext, init: Record<string, string>): Headers {
  const headers = new Headers(init)
  headers.set('Cache-Control', 'no-store')
  for (const cookie of ctx.setCookies) headers.append('Set-Cookie', serializeCookie(cookie))
  return headers
}

/** A JSON response. */
export function json(
  ctx: RequestContext,
  body: unknown,
  status = 200,
  extra: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headersWithCookies(ctx, { 'Content-Type': 'application/json', ...extra }),
  })
}

/** An HTML page. */
export function html(ctx: RequestContext, page: string, status = 200): Response {
  return new Response(page, {
    status,
    headers: headersWithCookies(ctx, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    }),
  })
}

/** A redirect, or `{ url }` as JSON when the client asked for JSON (as `next-auth/react` does). */
export function redirect(
  ctx: RequestContext,
  location: string,
  asJson: boolean,
  status?: number,
): Response {
  if (asJson) return json(ctx, { url: location }, status ?? 200)
  return new Response(null, {
    status: 302,
    headers: headersWithCookies(ctx, { Location: location }),
  })
}
