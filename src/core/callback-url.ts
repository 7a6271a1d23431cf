/**
 * Where a user may be sent after signing in or out. By default only the app's own origin is a
 * target; a `redirect` callback may widen that. Every form of off-site URL (`//host`, `/\host`,
 * tabs or newlines inside the slashes, `javascript:`, other schemes) parses to another origin
 * with the WHATWG URL parser, which is what browsers use, and so falls back to the base URL.
 *
 * @module
 */
import type { RequestContext } from './internal.js'

/**
 * The default `redirect` callback: `url` resolved against `baseUrl` when it stays on that
 * origin, `baseUrl` otherwise.
 *
 * @example
 * ```ts
 * defaultRedirect({ url: '/dashboard', baseUrl: 'https://app.example' }) // 'https://app.example/dashboard'
 * defaultRedirect({ url: '//evil.example', baseUrl: 'https://app.example' }) // 'https://app.example'
 * ```
 */
export function defaultRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const target = sameOrigin(url, baseUrl)
  return target ?? baseUrl
}

/** `url` as an absolute URL when it resolves to `baseUrl`'s origin, else `null`. */
export function sameOrigin(url: string, baseUrl: string): string | null {
  if (typeof url !== 'string' || url.length > 4096) return null
  try {
    const base = new URL(baseUrl)
    const target = new URL(url, base)
    if (target.origin !== base.origin) return null
    if (target.username || target.password) return null
    return target.href
  } catch {
    return null
  }
}

/**
 * Runs the `redirect` callback on a requested callback URL and returns an absolute URL. A
 * relative answer of the callback is resolved against the base URL; an answer that is not a
 * URL at all falls back to the base URL.
 *
 * @example
 * ```ts
 * const target = await resolveCallbackUrl(ctx, form.get('callbackUrl'))
 * ```
 */
export async function resolveCallbackUrl(
  ctx: RequestContext,
  requested: string | null | undefined,
): Promise<string> {
  const url = requested || ctx.baseUrl
  const answer = await ctx.config.callbacks.redirect({ url, baseUrl: ctx.baseUrl })
  try {
    return new URL(answer, ctx.baseUrl).href
  } catch {
    return ctx.baseUrl
  }
}
