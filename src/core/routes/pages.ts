/**
 * `GET error` and `GET verify-request`: the built-in pages, or redirects to the app's own.
 *
 * @module
 */
import type { AuthResponse, RequestContext } from '../internal.js'
import { renderErrorPage, renderVerifyRequestPage } from '../pages/index.js'
import { html, redirect } from '../response.js'

/** The error page for `?error=Code`. */
export function errorPage(ctx: RequestContext): AuthResponse {
  const { config } = ctx
  const error = ctx.url.searchParams.get('error') ?? 'Default'
  if (config.pages.error) {
    const target = new URL(config.pages.error, ctx.baseUrl)
    target.searchParams.set('error', error)
    return redirect(ctx, target.href, false)
  }
  const page = renderErrorPage({
    error,
    theme: config.theme,
    basePath: config.basePath,
    url: ctx.origin,
  })
  return html(ctx, page.html, page.status)
}

/** The "check your email" page. */
export function verifyRequestPage(ctx: RequestContext): AuthResponse {
  const { config } = ctx
  if (config.pages.verifyRequest) {
    const target = new URL(config.pages.verifyRequest, ctx.baseUrl)
    for (const [name, value] of ctx.url.searchParams) target.searchParams.set(name, value)
    return redirect(ctx, target.href, false)
  }
  return html(ctx, renderVerifyRequestPage({ theme: config.theme, url: ctx.origin }))
}
